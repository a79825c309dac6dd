"""Counts: killed, injured, arrested and displaced, where a number is stated in the event's sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...model import Count
from ..numbers import NUMBER, read_number

if TYPE_CHECKING:
    from spacy.tokens import Span


COUNT_PATTERNS = {
    "killed": r"(kill(?:ed|ing)|dead|died|death toll of)",
    "injured": r"(injur(?:ed|ing)|wound(?:ed|ing)|hurt)",
    "arrested": r"(arrest(?:ed|ing)|detain(?:ed|ing))",
    "displaced": r"(displac(?:ed|ing)|fled|flee(?:ing)?)",
}


# A number that measures time or a share counts no one: "died almost three years ago", "five years in prison"
SPAN_OF_TIME = r"(?!\s+(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|times|percent|per\s?cent)\b)"


def _counts(sentence: Span) -> dict[str, Count]:
    """Casualty and arrest counts stated in the sentence, each with the span of its number."""
    text = sentence.text
    if re.search(r"(declined|refused|did not|would not) to say how many|(did|would) not say how many", text,
                 re.IGNORECASE):
        return {}
    out: dict[str, Count] = {}
    for key, verb in COUNT_PATTERNS.items():
        # (not across a conjunction: "killed 1600 civilians and wounded thousands")
        m = re.search(verb + r"\s+" + NUMBER + SPAN_OF_TIME, text, re.IGNORECASE) or \
            re.search(NUMBER + SPAN_OF_TIME + r"\s+(?:(?!(?:and|or|but)\b)\w+\s+){0,3}"
                      r"(?:were |was |have been |had been )?" + verb, text, re.IGNORECASE)
        if not m:
            continue
        group = 2 if m.re.pattern.startswith("(kill") or m.re.pattern.startswith(verb) else 1
        word = m.group(group)
        n = read_number(word, text[:m.start(group)])
        if n:
            s = sentence.start_char + m.start(group)
            out[key] = Count(value=n, start=s, end=s + len(word))
    return out


def _event_counts(sent: Span, wanted: tuple[str, ...], cache: dict[int, dict[str, Count]]) -> dict[str, Count]:
    """The counts of the kinds ``wanted``, the sentence's counts read once per sentence."""
    if not wanted:
        return {}
    if sent.start not in cache:
        cache[sent.start] = _counts(sent)
    return {k: c for k, c in cache[sent.start].items() if k in wanted}
