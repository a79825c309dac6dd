"""Regenerate the example output block in README.md from a real run (tests/test_docs.py checks it is current).

Usage: python scripts/readme_example.py   (from the repository root)
"""
import json
import re
import subprocess
import sys

out = subprocess.run([sys.executable, "-m", "eventwire", "extract", "-q", "examples/sahel-convoy-attack.txt"],
                     capture_output=True, text=True, check=True).stdout
r = json.loads(out)
keep = {"Liptako Liberation Front", "Amadou Sissoko", "Bamako"}
r['text'] = r['text'][:80] + '...'
r['entities'] = [e for e in r['entities'] if e['name'] in keep]
r['places'] = [p for p in r['places'] if p['name'] in ('Bamako', 'Gao')]
r['dates'] = r['dates'][:3]
r['quotes'] = [q for q in r['quotes'] if q['cue'] in ('told',)] + r['quotes'][2:3]
r['events'] = r['events'][:1]
def compact(obj, indent=0):
    pad = '  ' * indent
    if isinstance(obj, dict) and (indent >= 2 or not obj):
        return json.dumps(obj, ensure_ascii=False)
    if isinstance(obj, dict):
        items = [f'{pad}  {json.dumps(k)}: {compact(v, indent + 1)}' for k, v in obj.items()]
        return '{\n' + ',\n'.join(items) + f'\n{pad}}}'
    if isinstance(obj, list) and obj and indent >= 1:
        return '[\n' + ',\n'.join(f'{pad}  ' + json.dumps(x, ensure_ascii=False) for x in obj) + f'\n{pad}]'
    return json.dumps(obj, ensure_ascii=False)
s = open('README.md').read()
s = re.sub(r"```json\n.*?```", lambda m: "```json\n" + compact(r) + "\n```", s, count=1, flags=re.S)
open('README.md', 'w').write(s)
