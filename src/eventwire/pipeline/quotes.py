"""Quotes and claims: who said what, direct, partial or indirect, with the cue and the speaker resolved.

Rules over spaCy's dependency parse (after the PARC/PolNeAR notion of an attribution: a source, a cue and a
content span):

1. **Cues**: a reporting verb (``said``, ``told``, ``added``, ``wrote``, ``claimed``, ``denied`` ...; see
   ``REPORTING_VERBS``) with a clausal complement, a quotation, or a subject and a quote in its sentence;
   ``according to X``; ``as X put it`` and ``as X said`` (the clause they hang on is the content); a speech noun
   with its owner ("Trump's claim that"); a colon after a speaker before a
   quotation; a dash and a name after a quotation.
2. **Source**: the cue's subject (its noun phrase, appositions included), or the object of ``according to``.
3. **Content**: the cue's clausal complement, widened to the quotation marks around it; a quotation that runs
   over several sentences or paragraphs (the news convention: no closing mark at a paragraph's end, an opening
   mark at the next one's start) is one content.
4. **Kind**: ``direct`` when the content is a quotation, ``partial`` when it contains one, else ``indirect``.
5. **Speaker**: the entity named in the source; a pronoun resolves to the most recent compatible speaker or
   person (``he``/``she``) or group (``they``); a description names the entity inside it ("a masked fighter ...
   with the call sign Kholod" → Kholod) or, for plural group nouns ("the fighters"), the story's most-mentioned
   organisation; ``we``/``us`` inside a quote are the speaker's group. What cannot be resolved keeps its text and
   a null id, with a low confidence.

Quotation marks are paired so that apostrophes (``doesn't``, ``Russia's``, ``'90s``) never break pairing, and
an odd number of marks never raises: an unclosed quote runs to the end of its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Entity, Quote
from ..ontologies import pronouns, word_class
from .nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

REPORTING_VERBS = word_class("REPORTING_VERBS")
ADDRESSING = word_class("ADDRESSING")
STANCE_VERBS = word_class("STANCE_VERBS")
CUE_VERBS = word_class("CUE_VERBS")
DEFENDED_GROUND = word_class("DEFENDED_GROUND")
RAISED = word_class("RAISED")
COMMITTING = word_class("COMMITTING")
OBJECT_REPORTING = word_class("OBJECT_REPORTING")
CUE_NOUNS = word_class("CUE_NOUNS")
QUOTING_VERBS = word_class("QUOTING_VERBS")
CONTENT_PREPS = word_class("CONTENT_PREPS")
PREP_CUE_VERBS = word_class("PREP_CUE_VERBS")
NEEDS_CLAUSE = word_class("NEEDS_CLAUSE")
SEEING_AS = word_class("SEEING_AS")
SURVEYS = word_class("SURVEYS")
FINDERS = word_class("FINDERS")
INQUIRIES = word_class("INQUIRIES")
MEDIUM_NOUNS = word_class("MEDIUM_NOUNS")
GROUP_NOUNS = word_class("GROUP_NOUNS")
ARMED_GROUP_NOUNS = word_class("ARMED_GROUP_NOUNS")
NEWS_OUTLETS = word_class("NEWS_OUTLETS")
OUTLET_HEADS = word_class("OUTLET_HEADS")
CIVIL_BODIES = word_class("CIVIL_BODIES")
CIVIL_HEADS = word_class("CIVIL_HEADS")
PERSON_NOUNS = word_class("PERSON_NOUNS")
RELATIVE = word_class("RELATIVE")
GOVERNMENT_NOUNS = word_class("GOVERNMENT_NOUNS")
COLLECTIVE = word_class("COLLECTIVE")
PRONOUNS = pronouns()

# "Sanders: Clinton needs to ...": a short capitalised name at a paragraph's start, a colon, then the content; in
# a quoted transcript each paragraph opens with a quotation mark ('"PENCE: Well, look, ...').
HEADLINE_COLON = re.compile(
    r"(?m)^[\"“]?(?P<source>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})(?P<colon>:)[ \t]+(?P<content>[^\n]{8,})$")
# An epigraph's byline: a quotation, then a dash and the speaker's name alone ('"..." ― Sonya Herridge').
DASH_BYLINE = re.compile(r"[ \t\xa0]*(?P<dash>[―—–])[ \t\xa0]*"
                         r"(?P<source>[A-Z][\w'’-]*\.?(?:[ \xa0][A-Z][\w'’-]*\.?){0,4})[ \t\xa0]*(?:\n|$)")
OPEN_QUOTES = "“«„‘"
CLOSE_QUOTES = "”»’"

CONFIDENCE = {"name": 0.95, "pronoun": 0.7, "description": 0.6, "group": 0.5, "none": 0.0}


@dataclass
class Attribution:
    """One attribution with character spans (before it becomes a :class:`~eventwire.model.Quote`)."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    kind: str
    medium: str | None = None
    addressee: str | None = None
    speaker: str | None = None
    confidence: float = 0.0
    cue_token: int | None = None
    extra: dict = field(default_factory=dict)


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
                or (child.dep_ == "prep" and child.lower_ in CONTENT_PREPS and verb.lemma_ in PREP_CUE_VERBS):
            right = child.i
        elif child.dep_ == "advmod" and child.pos_ == "ADV" and child.tag_ != "WRB" \
                or child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME"):
            right = child.right_edge.i
        elif child.dep_ == "punct" and child.text == ":":
            right = child.i
    return doc[left].idx, doc[right].idx + len(doc[right])


def _in_survey(prep: Token) -> bool:
    """A sentence that opens on the poll or survey it reports: "In the latest poll, Clinton leads by 3 points"
    (not "In a poll, the firm said ...": the reporting verb is the cue there)."""
    if prep.lower_ != "in" or prep.dep_ != "prep" or not prep.is_sent_start:
        return False
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return pobj is not None and pobj.lemma_.lower() in SURVEYS and \
        prep.head.lemma_.lower() not in CUE_VERBS


def _quote_before(sent: Span, quotes: list[tuple[int, int]], text: str) -> tuple[int, int] | None:
    """The quotation that ends right before a short sentence ("Clinton said.", "he asks."): spaCy ends a sentence
    at a quotation's closing "?" or "!", cutting it from its cue."""
    if len(sent) > 8:
        return None
    return next((q for q in quotes if sent.start_char - 3 <= q[1] <= sent.start_char and
                 not text[q[1]:sent.start_char].strip()), None)


def _finding(verb: Token, lemma: str) -> bool:
    """Whether a verb that is a cue only with a clause reports a finding all the same: a study, poll or judge that
    "shows" or "found" something ("a new poll shows Clinton ahead"), or someone who "pointed to" something."""
    if lemma == "point":
        return any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return lemma in ("show", "find") and subj is not None and subj.lemma_.lower() in FINDERS and \
        any(c.dep_ in ("dobj", "ccomp") for c in verb.children)


def _unanswered(verb: Token) -> tuple[Token, Token] | None:
    """The subject and the request phrase of "X did not respond to requests for comment", "X could not be reached
    for comment"; None for other uses ("responded to the attack with air strikes")."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if subj is None or pobj is None:
            continue
        if verb.lemma_.lower() in ("respond", "reply") and prep.lower_ == "to" and pobj.lemma_.lower() in INQUIRIES or \
                verb.lemma_.lower() == "reach" and prep.lower_ == "for" and pobj.lemma_.lower() == "comment":
            return subj, prep
    return None


def _misparsed_clause(verb: Token) -> Token | None:
    """A reported clause the parser hung elsewhere: "told a meeting of leaders that few people understood ..." (a
    clause with its own subject after "that", read as a relative clause of the object or of a prepositional
    phrase's noun), "said after the convention he would not accept ..." (a finite clause with its own subject and
    no conjunction, read as an adverbial one)."""
    for child in verb.children:
        if child.dep_ == "advcl" and child.i > verb.i and child.pos_ in ("VERB", "AUX") and not any(
                c.dep_ == "mark" for c in child.children) and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in child.children) and (
                child.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(c.dep_ == "aux" for c in child.children)):
            return child
        if child.dep_ in ("dobj", "dative", "prep"):
            for t in child.subtree:
                if t.dep_ == "relcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ == "that" and c.i < t.i
                                             for c in t.children) and any(
                        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in RELATIVE for c in t.children):
                    return t  # ("reported at the time that the editor was fired")
    return None


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


def find_attributions(doc: Doc) -> list[Attribution]:
    """Every attribution in ``doc``, in text order."""
    text = doc_text(doc)
    quotes = quote_spans(text)
    found: list[Attribution] = []
    used_content: list[tuple[int, int]] = []

    for tok in doc:
        lemma = tok.lemma_.lower()
        # "according to X", "In a new poll, ...": content is the rest of the sentence's main clause.
        according = tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"
        if according or _in_survey(tok):
            to = doc[tok.i + 1] if according else tok
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            sent = tok.sent
            src = _np_span(pobj, whole=not according)
            comma = next((t for t in doc[pobj.i + 1:sent.end] if t.text == ","), None)
            if tok.i == sent.start and comma is not None and comma.idx < src[1] and \
                    (comma.i + 1 == len(doc) or doc[comma.i + 1].lower_ not in RELATIVE):
                # "According to ... Rush Limbaugh, the move reeks of fear": the parser may hang what follows
                # the comma on the name as an apposition; the source ends at the comma.
                src = (src[0], comma.idx)
            cue = (tok.idx, to.idx + len(to))
            phrase_s, phrase_e = tok.idx, src[1]
            relative = re.match(r"\s*,\s*(?:who|which|whom|whose)\b[^,.]*,", text[phrase_e:sent.end_char])
            if relative:  # "According to the police, who arrived later, ...": not what they said
                phrase_e += relative.end()
            # The content: the sentence without the "according to" phrase and its commas.
            left = (sent.start_char, phrase_s) if phrase_s - sent.start_char > 3 else None
            right = (phrase_e, sent.end_char) if sent.end_char - phrase_e > 3 else None
            part = max((p for p in (left, right) if p), key=lambda p: p[1] - p[0], default=None)
            if part is None:
                continue
            s, e = _trimmed(text, *part)
            content, kind = _widen_to_quote((s, e), quotes)
            att = Attribution(content, cue, src, kind, cue_token=tok.i)
            att.extra["head"] = _head(pobj)
            found.append(att)
            used_content.append(content)
            continue
        # "..., as a Homeland Security memo put it", "as Smith said, ...": the clause the "as" phrase hangs on.
        as_it = tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
        it = next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ == "it"), None)
        if as_it and (lemma == "put" and it is not None or lemma in REPORTING_VERBS and not any(
                c.dep_ in ("ccomp", "xcomp", "dobj") for c in tok.children)):
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            sent = tok.sent
            if subj is None:
                continue
            inner = list(tok.subtree)
            clause = [t for t in tok.head.subtree if sent.start <= t.i < sent.end]
            left = (clause[0].idx, inner[0].idx)
            right = (inner[-1].idx + len(inner[-1]), clause[-1].idx + len(clause[-1]))
            s, e = _trimmed(text, *max((left, right), key=lambda p: p[1] - p[0]))
            if e - s < 4:
                continue
            content, kind = _widen_to_quote((s, e), quotes)
            cue_end = it.idx + len(it) if lemma == "put" and it is not None else tok.idx + len(tok)
            att = Attribution(content, (tok.idx, cue_end), _np_span(subj), kind, cue_token=tok.i)
            att.extra["head"] = _head(subj)
            found.append(att)
            used_content.append(content)
            continue
        # "The Trump campaign did not immediately respond to requests for comment", "he could not be reached for
        # comment": an attribution whose content is the request (PolNeAR annotates them so).
        unanswered = _unanswered(tok) if lemma in ("respond", "reply", "reach") and tok.pos_ == "VERB" else None
        if unanswered is not None:
            subj, prep = unanswered
            left = min((c.i for c in tok.children if c.i < tok.i and c.dep_ in ("aux", "auxpass", "neg", "advmod")
                        and c.i > subj.i), default=tok.i)
            content = (prep.idx, prep.right_edge.idx + len(prep.right_edge))
            att = Attribution(content, (doc[left].idx, tok.idx + len(tok)), _np_span(subj), "indirect",
                              cue_token=tok.i)
            att.extra["head"] = _head(subj)
            found.append(att)
            used_content.append(content)
            continue
        stance = (lemma in STANCE_VERBS or lemma in PREP_CUE_VERBS) and lemma not in REPORTING_VERBS or \
            (lemma in PREP_CUE_VERBS and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children))
        # "Limbaugh continued: “...”": a verb that is a cue only when a quotation follows it at once.
        quoting = lemma in QUOTING_VERBS and re.match(rf"\s*[:,]?\s*[{OPEN_QUOTES}\"]", text[tok.idx + len(tok):])
        if tok.pos_ not in ("VERB", "AUX") or not (lemma in REPORTING_VERBS or stance or quoting):
            continue
        if any(qs < tok.idx < qe for qs, qe in quotes):
            continue  # "no exaggeration to say ..." inside a quotation is not an attribution
        if stance and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in CUE_VERBS:
            continue  # "urged voters to back the measure": the backing is what was urged, not a claim of its own
        comp = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "parataxis") and c.pos_ in
                     ("VERB", "AUX", "NOUN", "ADJ", "PROPN")), None)
        if comp is None and lemma in REPORTING_VERBS:
            comp = _misparsed_clause(tok)
        if lemma in SEEING_AS:
            if not any(t.dep_ == "prep" and t.lower_ == "as" for c in tok.children if c.dep_ in ("dobj", "prep")
                       for t in (c, *c.subtree)):
                continue  # "saw Kaine speak" is no judgement; "saw the comment as a dig" is
            comp = None  # what is seen, with its "as" phrase
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        node = tok
        while subj is None and node.dep_ in ("xcomp", "advcl", "conj", "pcomp") and node.head.i != node.i:
            # "declined to say", "..., admitting that": the governing verb's subject; also through a preposition
            # ("responded by saying", "after saying ..., Clinton left")
            node = node.head.head if node.dep_ == "pcomp" and node.head.dep_ in ("prep", "advcl") else node.head
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ in RELATIVE and node.dep_ == "relcl":
            subj = node.head  # "the Freedom of Russia Legion, which says ...": the antecedent
        elif subj is not None and subj.lower_ in RELATIVE and tok.dep_ == "relcl":
            subj = tok.head
        sent = tok.sent
        quote_in_sent = [q for q in quotes if q[0] < sent.end_char and sent.start_char < q[1]]
        if comp is None and lemma in NEEDS_CLAUSE and not _finding(tok, lemma):
            continue
        refusal = node is not tok and node.lemma_.lower() in ("decline", "refuse") and tok.dep_ == "xcomp"
        obj = None
        if comp is None and (stance or lemma in OBJECT_REPORTING or lemma in NEEDS_CLAUSE) and subj is not None:
            # "called for a ban", "criticized the plan": the object or the prepositional phrase is the content.
            names = [c for c in tok.children if c.dep_ == "oprd"] if lemma == "call" else []
            # "called Oz a quack", "which Tim Cook called 'total political crap'": the name given is the content
            obj = names[-1] if names else next((c for c in tok.children if c.dep_ in ("dobj", "attr")), None)
            if obj is not None and (obj.tag_ in ("WP", "WDT") or obj.ent_type_ in ("DATE", "TIME")):
                obj = None  # "what the party described as ...", "spoke Thursday": no content there
            if obj is None:
                prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS and not (
                    c.lower_ == "to" and lemma in ADDRESSING)), None)  # "speaking to reporters": the addressee
                obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None \
                    else None  # "called for a ban", "called for reducing the rate"
                if obj is not None:
                    obj = prep  # the content starts at the preposition's object; the cue keeps "for"
            if obj is None and not refusal or obj is not None and lemma == "raise" and obj.lemma_.lower() not in RAISED:
                continue
            if obj is not None and lemma == "defend" and (obj.ent_type_ in ("GPE", "LOC", "FAC") or
                                                          obj.lemma_.lower() in DEFENDED_GROUND):
                continue  # "to defend the border regions": fighting, not words
        governing = tok.head if tok.head.pos_ in ("VERB", "AUX") else tok.head.head if (
            tok.dep_ == "parataxis" and tok.head.dep_ in ("nsubj", "nsubjpass")
            and tok.head.head.pos_ in ("VERB", "AUX")) else None
        # ("The difference now, he told me, is that ...": the aside hung on the subject)
        if comp is None and obj is None and subj is not None and tok.dep_ in ("parataxis", "advcl", "ccomp", "conj") \
                and governing is not None and lemma in REPORTING_VERBS and tok.tag_ != "VBG":
            # "The museum, Mr. Obama said, would make visitors face ...": the governing clause is the content.
            content, kind = _widen_to_quote(_clause_span(governing, exclude=tok), quotes)
        elif comp is not None:
            aside = next((c for c in comp.children if lemma in COMMITTING and c.dep_ == "advcl" and c.tag_ == "VBG"
                          and c.i > comp.i and doc[c.left_edge.i - 1].text == ","), None)
            # "Putin has vowed to restore security, responding with intensified strikes": what follows the comma
            # is the story's own account, not part of the vow
            content, kind = _widen_to_quote(_clause_span(comp, exclude=aside), quotes)
        elif obj is not None:
            target = next((c for c in obj.children if c.dep_ in ("pobj", "pcomp")), obj) if obj.dep_ == "prep" \
                else obj
            span = _np_span(target, whole=True)
            role = next((c for c in tok.children if c.dep_ == "prep" and (
                c.lower_ in ("as", "for") or c.lower_ == "of" and lemma == "accuse")
                         and c.i == target.right_edge.i + 1), None)  # "accused the GOP of stoking the issue"
            if role is not None:  # "described the law as a 'crazy system'", "endorsed Clinton for president"
                span = (span[0], _np_span(role, whole=True)[1])
            content, kind = _widen_to_quote(span, quotes)
        elif quoting and subj is not None and any(q[0] >= tok.idx + len(tok) for q in quotes):
            content, kind = next(q for q in quotes if q[0] >= tok.idx + len(tok)), "direct"
        elif refusal:
            # "he declined to comment": the refusal is the attribution, "to comment" its content
            content, kind = (tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)), "indirect"
        elif quote_in_sent and subj is not None:
            content, kind = quote_in_sent[0], "direct"
        elif subj is not None and lemma in REPORTING_VERBS and (before := _quote_before(sent, quotes, text)):
            content, kind = before, "direct"  # '"... in our country?" Clinton said.': split after the "?"
        else:
            continue
        source = _np_span(subj) if subj is not None else None
        medium = addressee = None
        for child in [*tok.children, *(node.children if node is not tok else [])]:
            if child.dep_ == "prep" and child.lower_ in ("in", "on", "via", "through", "during"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.lower_ in MEDIUM_NOUNS:
                    medium = doc[child.i:pobj.i + 1].text
            if lemma == "tell" and child.dep_ in ("dobj", "dative") and child.i != (comp.i if comp else -1):
                addressee = doc[child.left_edge.i:child.i + 1].text
            if child.dep_ == "advcl" and child.lemma_ == "post":
                medium = doc[child.i:child.right_edge.i + 1].text
        cue = _cue_span(tok)
        if refusal and kind == "indirect" and content[0] == tok.left_edge.idx:
            cue = _cue_span(node)  # "declined": "to comment" is the content
        elif refusal:
            cue = (_cue_span(node)[0], cue[1])  # "declined to say" what was not said: the refusal is in the cue
        att = Attribution(content, cue, source, kind, medium, addressee, cue_token=tok.i)
        if subj is not None:
            att.extra["head"] = _head(subj)
        found.append(att)
        used_content.append(content)

    # Nominal attributions: "Trump's claim that there have been thousands of shootings", "his remarks about
    # the judge": a speech noun with its owner as the source.
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in CUE_NOUNS:
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "PRON", "NOUN")), None)
        if owner is None or any(tok.idx < e and s < tok.idx + len(tok) for s, e in used_content):
            continue
        clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("about", "on", "over")), None)
        if clause is not None:
            content = _clause_span(clause)
        elif prep is not None and any(c.dep_ == "pobj" for c in prep.children):
            content = _np_span(next(c for c in prep.children if c.dep_ == "pobj"), whole=True)
        else:
            continue
        content, kind = _widen_to_quote(content, quotes)
        words = [t for t in owner.subtree if t.dep_ != "case"]  # "Donald Trump", not "Donald Trump's"
        source = (words[0].idx, words[-1].idx + len(words[-1]))
        att = Attribution(content, (tok.idx, tok.idx + len(tok)), source, kind, cue_token=tok.i)
        att.extra["head"] = _head(owner)
        found.append(att)
        used_content.append(content)

    # Headline and transcript form: "Sanders: Clinton needs to ...", "PENCE: ...".
    for m in HEADLINE_COLON.finditer(text):
        s, e = m.span("content")
        if any(s < ue and us < e for us, ue in used_content):
            continue
        if text[m.start()] in '"“':  # a transcript's turn: the turn alone, not the quotation it runs on in
            content, kind = (s, e), "direct"
        else:
            content, kind = _widen_to_quote((s, e), quotes)
        att = Attribution(content, m.span("colon"), m.span("source"), kind)
        last = m.group("source").split()[-1]
        att.extra["head"] = (m.end("source") - len(last), m.end("source"), last.lower(), last.lower())
        found.append(att)
        used_content.append(content)

    # Epigraph bylines: '"We are hard-working people." ― Carla Sanchez'.
    for qs, qe in quotes:
        m = DASH_BYLINE.match(text, qe)
        if m is None or any(qs < ue and us < qe for us, ue in used_content):
            continue
        src_s, src_e = m.span("source")
        if text[src_e - 1] == ".":
            src_e -= 1
        att = Attribution((qs, qe), m.span("dash"), (src_s, src_e), "direct")
        last = text[src_s:src_e].split()[-1]
        att.extra["head"] = (src_e - len(last), src_e, last.lower(), last.lower())
        found.append(att)
        used_content.append((qs, qe))

    # Quotations with no cue of their own that continue an attribution ('"...," he said. "More quote."').
    for qs, qe in quotes:
        if qe - qs < 12 or any(s <= qs + 1 and qe - 1 <= e for s, e in used_content):
            continue
        if any(qs < e and s < qe for s, e in used_content):
            continue
        words = len(text[qs:qe].split())
        if words < 4:
            continue
        prev = [a for a in found if a.content[1] <= qs and qs - a.content[1] < 300]
        if prev:
            near = max(prev, key=lambda a: a.content[1])
            found.append(Attribution((qs, qe), None, None, "direct", extra={"continues": near}))
    found.sort(key=lambda a: a.content[0])
    return found


SPEAKER_TYPE_ORDER = {"PERSON": 0, "ORG": 1, "NORP": 2, "GPE": 3, "LOC": 4, "FAC": 5}


def _entity_at(entities: list[Entity], span: tuple[int, int], overlap: bool = False) -> Entity | None:
    """The entity mentioned inside ``span`` (or overlapping it), people first, then organisations."""
    s, e = span
    hits = [ent for ent in entities for (ms, me) in ent.mentions
            if ((ms < e and s < me) if overlap else (s <= ms and me <= e))]
    return min(hits, key=lambda ent: SPEAKER_TYPE_ORDER.get(ent.type, 9)) if hits else None


def main_organisation(entities: list[Entity], armed: bool = False) -> str | None:
    """The story's group: its most-mentioned organisation ("they" when nothing closer fits), never a news outlet
    that reports the story ("AFP reported that the fighters shelled the town"). With ``armed``, the group that
    "the fighters" or "the rebels" can be: not a civil or intergovernmental body ("the UN", "the African Union",
    "Amnesty International"); None when the story names no such group, rather than a wrong guess."""
    counts = {ent.id: len(ent.mentions) for ent in entities if ent.type == "ORG" and not _news_outlet(ent.name)
              and not (armed and _civil_body(ent.name))}
    return max(counts, key=counts.__getitem__) if counts else None


def _news_outlet(name: str) -> bool:
    low = name.lower().removeprefix("the ")
    return low in NEWS_OUTLETS or (low.split() or [""])[-1] in OUTLET_HEADS


def _civil_body(name: str) -> bool:
    words = name.lower().replace("-", " ").split()
    return name in CIVIL_BODIES or bool(words) and (words[-1] in CIVIL_HEADS or "international" in words)


def resolve_speakers(doc: Doc, attributions: list[Attribution], entities: list[Entity]) -> None:
    """Fill each attribution's speaker (entity id) and confidence, in text order."""
    text = doc_text(doc)
    mentions = sorted(((s, e, ent) for ent in entities for s, e in ent.mentions), key=lambda m: m[0])
    main_org = main_organisation(entities)
    armed_org = main_organisation(entities, armed=True)
    last_person: str | None = None
    last_group: str | None = None
    by_id = {ent.id: ent for ent in entities}
    for a in attributions:
        if "continues" in a.extra:
            prev = a.extra["continues"]
            a.speaker, a.confidence, a.source = prev.speaker, min(prev.confidence, 0.8), None
            a.extra["speaker_text"] = prev.extra.get("speaker_text")
            continue
        if a.source is None:
            continue
        src_text = text[a.source[0]:a.source[1]]
        a.extra["speaker_text"] = src_text
        low = src_text.lower().strip()
        anchor = a.source[0]
        head = a.extra.get("head")  # _head(): start, end, lemma and lower-case form of the source's head word
        at_head = _entity_at(entities, head[:2], overlap=True) if head else None
        inside = _entity_at(entities, a.source)
        head_word, head_lemma = (head[3], head[2]) if head else ("", "")
        if at_head is not None:
            a.speaker, a.confidence = at_head.id, CONFIDENCE["name"] if at_head.type in ("PERSON", "ORG") else 0.8
        elif inside is not None and inside.type == "PERSON" and head_lemma in PERSON_NOUNS:
            # "a masked fighter from the Siberian Battalion with the call sign Kholod" -> Kholod
            a.speaker, a.confidence = inside.id, CONFIDENCE["description"]
        elif head_word in GROUP_NOUNS and (group := armed_org if head_word in ARMED_GROUP_NOUNS else main_org) and (
                head_lemma in COLLECTIVE or not low.startswith(("a ", "an ", "some ", "many ", "two ", "three ",
                                                                 "several "))):
            a.speaker, a.confidence = group, CONFIDENCE["group"]
        elif inside is not None and low not in PRONOUNS and (
                inside.type in ("PERSON", "ORG", "NORP") or head_lemma in GOVERNMENT_NOUNS):
            # "Russian officials" -> Russian; "the government in Bamako" -> Bamako; not "residents of Gao".
            a.speaker, a.confidence = inside.id, CONFIDENCE["description"]
        elif low in PRONOUNS:
            want = PRONOUNS[low]
            before = [m for m in mentions if m[1] <= anchor]
            if want == "PERSON":
                cand = last_person or next((m[2].id for m in reversed(before) if m[2].type == "PERSON"), None)
            elif low == "we" or low == "us":
                cand = last_group
            else:
                cand = last_group or next((m[2].id for m in reversed(before) if m[2].type in ("ORG", "NORP")), None)
            a.speaker, a.confidence = cand, CONFIDENCE["pronoun"] if cand else CONFIDENCE["none"]
        else:
            a.speaker, a.confidence = None, CONFIDENCE["none"]
        if a.speaker and by_id[a.speaker].type == "PERSON":
            last_person = a.speaker
        elif a.speaker:
            last_group = a.speaker


def find_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    """The quotes stage: attributions with resolved speakers, as :class:`~eventwire.model.Quote` records."""
    attributions = find_attributions(doc)
    resolve_speakers(doc, attributions, entities)
    text = doc_text(doc)
    out = []
    for n, a in enumerate(attributions, start=1):
        s, e = a.content
        out.append(Quote(
            id=f"Q{n}", text=text[s:e], start=s, end=e, kind=a.kind, speaker=a.speaker,  # type: ignore[arg-type]
            speaker_text=a.extra.get("speaker_text"), cue=text[a.cue[0]:a.cue[1]] if a.cue else None,
            speaker_span=list(a.source) if a.source else None, cue_span=list(a.cue) if a.cue else None,
            confidence=round(a.confidence, 2), medium=a.medium, addressee=a.addressee))
    return out
