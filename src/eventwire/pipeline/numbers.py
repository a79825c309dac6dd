"""Numbers as news writes them: digits ("12", "1,200", "1 200"), words ("five", "twenty-one", "one thousand"),
and scales ("1.2 million"); never a date, a time or an ordinal ("Feb. 7", "7:30", "7th")."""

from __future__ import annotations

import re

__all__ = ["NUMBER", "read_number"]

_UNITS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                     "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * n for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_SCALE = "|".join(_SCALES)
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?")

NUMBER = (r"(?:at least |more than |over |about |nearly |some |up to |almost |around )?"
          r"(?<!\d)(?<![\d,.])((?:\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+)(?:\.\d+)?(?: (?:" + _SCALE + r"))?"
          r"|(?:" + _WORD + r")(?![a-z])(?:[- ](?:" + _WORD + r")(?![a-z]))?(?: (?:" + _SCALE + r"))?)"
          r"(?![\d:%]|(?:st|nd|rd|th)\b| ?[ap]\.?m\b)")
"""A regular expression fragment with one group: the number (with the quantifier before it left out)."""

_AFTER_MONTH = re.compile(_MONTH + r"\s*$", re.IGNORECASE)


def read_number(word: str, before: str = "") -> int | None:
    """The value of a number found by :data:`NUMBER`; None for one that is no count (after a month's name).

    >>> [read_number(w) for w in ("12", "1,200", "1 200", "five", "twenty-one", "one thousand", "1.2 million")]
    [12, 1200, 1200, 5, 21, 1000, 1200000]
    >>> read_number("7", before="on Feb. ")
    """
    if _AFTER_MONTH.search(before[-12:]):
        return None
    text = word.lower().strip()
    scale = 1
    for name, value in _SCALES.items():
        if text.endswith(" " + name):
            text, scale = text[: -len(name) - 1].strip(), value
            break
    if text[:1].isdigit():
        digits = re.sub(r"[,\u00a0\u202f ]", "", text)
        try:
            return int(round(float(digits) * scale))
        except ValueError:
            return None
    parts = re.split(r"[- ]", text)
    total = 0
    for part in parts:
        if part in _UNITS:
            total += _UNITS[part]
        elif part in _TENS:
            total += _TENS[part]
        else:
            return None
    return total * scale or None
