"""Spans of the quotes stage: quotations paired in the text, and the noun phrase, clause and cue spans an
attribution is made of (as PARC and PolNeAR mark them).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...ontologies import word_class

if TYPE_CHECKING:
    from spacy.tokens import Token

CONTENT_PREPS = word_class("CONTENT_PREPS")
PREP_CUE_VERBS = word_class("PREP_CUE_VERBS")
OPEN_QUOTES = "“«„‘"
CLOSE_QUOTES = "”»’"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations, marks included, in text order.

    Curly marks pair by direction; straight double quotes alternate within a paragraph; a single ’ or ' is an
    apostrophe unless it opens after a space and closes before one. A quotation left open at the end of a
    paragraph continues when the next paragraph opens with a quotation mark. A closing curly mark that starts a
    paragraph opens a quotation (a common typing slip: ”Mr. Trump embodies ...”).

    >>> t = 'He said: "It doesn\\'t work." Russia\\'s army said "no.'
    >>> [t[s:e] for s, e in quote_spans(t)]
    ['"It doesn\\'t work."', '"no.']
    """
    # Two single marks ('' or ``) stand for a double one in some newspapers' text: same length, same offsets.
    original = text
    text = text.replace("''", '""').replace("``", '""')
    text = re.sub(r'""', lambda m: ' "', text)  # one mark at the pair's second position keeps offsets
    spans: list[tuple[int, int]] = []
    start: int | None = None
    carry = False  # an unclosed quotation continues into the next paragraph
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            if start is not None:
                j = i
                while j < n and text[j] in "\n \t":
                    j += 1
                if j < n and text[j] in '"“«':
                    carry = True
                    i = j + 1
                    continue
                spans.append((start, i))
                start = None
            i += 1
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch == '"':
            if start is None:
                start = i
            elif carry and prev in "\n \t":
                carry = False  # the reopening mark of a continued paragraph
            else:
                spans.append((start, i + 1))
                start = None
                carry = False
        elif ch in "“«„":
            if start is None:
                start = i
            elif carry:
                carry = False
        elif ch in "”»":
            if start is not None:
                spans.append((start, i + 1))
                start = None
                carry = False
            elif prev == "\n" or i == 0:
                start = i  # a closing mark typed where an opening one belongs, at a paragraph's start
        elif ch in "‘'" and start is None and (prev.isspace() or prev in "(—–-") and nxt.isalpha():
            # A single mark opens only where a closing one follows before the paragraph ends.
            close = re.search(r"[’'](?=[\s.,;:!?)—–-]|$)", text[i + 1:text.find("\n", i) if "\n" in text[i:] else n])
            if close and not re.match(r"\w", text[i + 1 + close.end():i + 2 + close.end()] or " "):
                end = i + 1 + close.end()
                spans.append((i, end))
                i = end
                continue
        i += 1
    if start is not None:
        spans.append((start, n))
    # an opening pair of single marks ('' or ``) was read at its second mark: the quotation starts at the first
    return [(s - 1, e) if s > 0 and original[s - 1:s + 1] in ("''", "``") else (s, e) for s, e in spans]


def _np_span(tok: Token, whole: bool = False) -> tuple[int, int]:
    """The noun phrase of a subject, appositions included, and trailing punctuation left out (but a closing
    parenthesis that an opening one needs is kept). A source stops before a relative clause ("the police, who
    arrived later"); a content noun phrase (``whole``) keeps it: what was said is "policies that create more
    revenue", not "policies"."""
    skip = set() if whole else {t.i for c in tok.children if c.dep_ in ("relcl", "acl") and c.i > tok.i
                                for t in c.subtree}
    toks = [t for t in tok.subtree if t.i not in skip and (not skip or t.i < min(skip))]
    left = min(t.i for t in toks)
    right = max(t.i for t in toks)
    doc = tok.doc
    while right > left and (doc[right].is_punct or doc[right].is_space):
        if doc[right].text == ")" and doc[left:right].text.count("(") > doc[left:right].text.count(")"):
            break
        right -= 1
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left].idx, doc[right].idx + len(doc[right])


def _clause_span(tok: Token, exclude: Token | None = None) -> tuple[int, int]:
    """A clause's span without the cue's own tokens and outer punctuation."""
    doc = tok.doc
    toks = sorted(t.i for t in tok.subtree if exclude is None or t.i not in {x.i for x in exclude.subtree})
    left, right = toks[0], toks[-1]
    while right > left and (doc[right].is_punct or doc[right].is_space) and doc[right].text not in CLOSE_QUOTES + '"':
        right -= 1
    while left < right and (doc[left].is_punct or doc[left].is_space) and doc[left].text not in OPEN_QUOTES + '"':
        left += 1
    return doc[left].idx, doc[right].idx + len(doc[right])


def _widen_to_quote(span: tuple[int, int], quotes: list[tuple[int, int]]) -> tuple[tuple[int, int], str]:
    """The content widened to the quotation that holds it; and its kind."""
    s, e = span
    for qs, qe in quotes:
        if qs <= s + 2 and e - 2 <= qe and qs < e and s < qe:
            return (qs, qe), "direct"  # the content is the quotation (give or take its marks)
        if s <= qs < e and qe <= e + 3:
            # the content holds a quotation, with the marks that close it ('... a way to lose."')
            return (s, max(e, qe)), "partial"
    return (s, e), "indirect"


def _cue_span(verb: Token) -> tuple[int, int]:
    """The cue, as PARC and PolNeAR mark it: the verb with the auxiliaries, negation and adverbs right before it
    ("has also said", "did not say", "repeatedly noted"), and right after it a particle, a content preposition
    ("has called for", "talked about"), an adverb or time ("said Friday", "said then") and a colon that opens the
    quotation ("said:"). The medium ("in a statement") is a field of its own, not part of the cue."""
    doc = verb.doc
    left = verb.i
    for child in sorted(verb.children, key=lambda t: -t.i):
        if child.i == left - 1 and (child.dep_ in ("aux", "auxpass", "neg")
                                    or child.dep_ == "advmod" and child.pos_ == "ADV" and child.tag_ != "WRB"):
            left = child.i
    right = verb.i
    for child in sorted(verb.children, key=lambda t: t.i):
        if child.i != right + 1:
            continue
        if child.dep_ == "prt" or (child.dep_ == "prep" and child.lower_ in ("for", "on") and verb.lemma_ == "call") \
                or (child.dep_ == "prep" and child.lower_ in CONTENT_PREPS and verb.lemma_ in PREP_CUE_VERBS
                    and not any(o.ent_type_ in ("DATE", "TIME") for o in child.children)):  # not "on Monday"
            right = child.i
        elif child.dep_ == "advmod" and child.pos_ == "ADV" and child.tag_ != "WRB" \
                or child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME"):
            right = child.right_edge.i
        elif child.dep_ == "punct" and child.text == ":":
            right = child.i
    return doc[left].idx, doc[right].idx + len(doc[right])


def _head(tok: Token) -> tuple[int, int, str, str]:
    """What speaker resolution reads of a source's head word: its offsets, lemma and lower-case form."""
    return tok.idx, tok.idx + len(tok), tok.lemma_.lower(), tok.lower_


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    """``text[s:e]`` without the commas, spaces and dashes at its ends (quotation marks stay)."""
    while s < e and not text[s].isalnum() and text[s] not in OPEN_QUOTES + '"':
        s += 1
    while e > s and not text[e - 1].isalnum() and text[e - 1] not in CLOSE_QUOTES + '"':
        e -= 1
    return s, e
