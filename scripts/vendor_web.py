"""Copy the map page's front-end libraries from npm into the package, with their licences.

    python scripts/vendor_web.py

Installs the pinned versions below with npm into a temporary folder and copies the built files and each package's
licence into ``src/eventwire/service/static/vendor/``. The files are committed: eventwire's page loads nothing from a
CDN, and a user's machine needs no npm.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "src" / "eventwire" / "service" / "static" / "vendor"
PACKAGES = {  # name: (version, files to copy from the package folder)
    "leaflet": ("1.9.4", ["dist/leaflet.js", "dist/leaflet.css", "LICENSE"]),
    "leaflet.markercluster": ("1.5.3", ["dist/leaflet.markercluster.js", "dist/MarkerCluster.css",
                                       "dist/MarkerCluster.Default.css", "MIT-LICENCE.txt"]),
    "topojson-client": ("3.1.0", ["dist/topojson-client.min.js", "LICENSE"]),
    "world-atlas": ("2.0.2", ["countries-110m.json", "LICENSE"]),
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "package.json").write_text(json.dumps({"name": "eventwire-vendor", "private": True}))
        specs = [f"{name}@{version}" for name, (version, _) in PACKAGES.items()]
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", *specs], cwd=tmp,
                       check=True)
        if VENDOR.exists():
            shutil.rmtree(VENDOR)
        for name, (version, files) in PACKAGES.items():
            src = Path(tmp) / "node_modules" / name
            dest = VENDOR / name
            dest.mkdir(parents=True)
            for f in files:
                shutil.copy(src / f, dest / Path(f).name)
            if (src / "dist" / "images").is_dir():  # Leaflet's marker and layer icons
                shutil.copytree(src / "dist" / "images", dest / "images")
            (dest / "VERSION").write_text(f"{name} {version} from the npm registry\n")


if __name__ == "__main__":
    main()
