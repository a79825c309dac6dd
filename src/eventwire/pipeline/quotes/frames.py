"""The quotes stage's frames: the ways an attribution (source, cue, content) is found, in the order they are
tried, each named by a rule of ``ontologies/quote_rules.toml`` with its reason and examples.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...ontologies import word_class
from ...rules import RuleBook, load_rules
from ..nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token
from .spans import _clause_span, _cue_span, _head, _np_span, _trimmed, _widen_to_quote, quote_spans

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
RELATIVE = word_class("RELATIVE")
# "Sanders: Clinton needs to ...": a short capitalised name at a paragraph's start, a colon, then the content; in
# a quoted transcript each paragraph opens with a quotation mark ('"PENCE: Well, look, ...').
HEADLINE_COLON = re.compile(
    r"(?m)^[\"“]?(?P<source>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})(?P<colon>:)[ \t]+(?P<content>[^\n]{8,})$")

# An epigraph's byline: a quotation, then a dash and the speaker's name alone ('"..." ― Sonya Herridge').
DASH_BYLINE = re.compile(r"[ \t\xa0]*(?P<dash>[―—–])[ \t\xa0]*"
                         r"(?P<source>[A-Z][\w'’-]*\.?(?:[ \xa0][A-Z][\w'’-]*\.?){0,4})[ \t\xa0]*(?:\n|$)")

OPEN_QUOTES = "“«„‘"


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
    rule: str | None = None  # the frame of quote_rules.toml that found it


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


class _Skip:
    """A frame's answer when it applies to a token but finds no attribution: no later frame is tried."""


SKIP = _Skip()


@dataclass
class _Doc:
    """What the cue frames read of a whole story: the parse, its text and its quotations."""

    doc: Doc
    text: str
    quotes: list[tuple[int, int]]


def _according(tok: Token, d: _Doc) -> Attribution | _Skip | None:
    """ "according to X", "In a new poll, ...": the content is the rest of the sentence's main clause."""
    doc, text = d.doc, d.text
    according = tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"
    if not (according or _in_survey(tok)):
        return None
    to = doc[tok.i + 1] if according else tok
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return SKIP
    sent = tok.sent
    src = _np_span(pobj, whole=not according)
    comma = next((t for t in doc[pobj.i + 1:sent.end] if t.text == ","), None)
    if tok.i == sent.start and comma is not None and comma.idx < src[1] and \
            (comma.i + 1 == len(doc) or doc[comma.i + 1].lower_ not in RELATIVE):
        # "According to ... Rush Limbaugh, the move reeks of fear": the parser may hang what follows the comma on
        # the name as an apposition; the source ends at the comma.
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
        return SKIP
    content, kind = _widen_to_quote(_trimmed(text, *part), d.quotes)
    att = Attribution(content, cue, src, kind, cue_token=tok.i, rule="according-to" if according else "survey")
    att.extra["head"] = _head(pobj)
    return att


def _as_put(tok: Token, d: _Doc) -> Attribution | _Skip | None:
    """ "..., as a Homeland Security memo put it", "as Smith said, ...": the clause the "as" phrase hangs on."""
    lemma = tok.lemma_.lower()
    as_it = tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
    it = next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ == "it"), None)
    if not (as_it and (lemma == "put" and it is not None or lemma in REPORTING_VERBS and not any(
            c.dep_ in ("ccomp", "xcomp", "dobj") for c in tok.children))):
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    sent = tok.sent
    if subj is None:
        return SKIP
    inner = list(tok.subtree)
    clause = [t for t in tok.head.subtree if sent.start <= t.i < sent.end]
    left = (clause[0].idx, inner[0].idx)
    right = (inner[-1].idx + len(inner[-1]), clause[-1].idx + len(clause[-1]))
    s, e = _trimmed(d.text, *max((left, right), key=lambda p: p[1] - p[0]))
    if e - s < 4:
        return SKIP
    content, kind = _widen_to_quote((s, e), d.quotes)
    cue_end = it.idx + len(it) if lemma == "put" and it is not None else tok.idx + len(tok)
    att = Attribution(content, (tok.idx, cue_end), _np_span(subj), kind, cue_token=tok.i, rule="as-put-it")
    att.extra["head"] = _head(subj)
    return att


def _no_comment(tok: Token, d: _Doc) -> Attribution | _Skip | None:
    """ "The Trump campaign did not immediately respond to requests for comment", "he could not be reached for
    comment": an attribution whose content is the request (PolNeAR annotates them so)."""
    unanswered = _unanswered(tok) if tok.lemma_.lower() in ("respond", "reply", "reach") and tok.pos_ == "VERB" \
        else None
    if unanswered is None:
        return None
    subj, prep = unanswered
    left = min((c.i for c in tok.children if c.i < tok.i and c.dep_ in ("aux", "auxpass", "neg", "advmod")
                and c.i > subj.i), default=tok.i)
    content = (prep.idx, prep.right_edge.idx + len(prep.right_edge))
    att = Attribution(content, (d.doc[left].idx, tok.idx + len(tok)), _np_span(subj), "indirect", cue_token=tok.i,
                      rule="no-comment")
    att.extra["head"] = _head(subj)
    return att


@dataclass
class _Cue:
    """A verb read as a cue: its kind of cue, complement, subject (and the verb that has it), and object."""

    tok: Token
    lemma: str
    stance: bool
    quoting: bool
    comp: Token | None = None
    subj: Token | None = None
    node: Token | None = None
    obj: Token | None = None
    refusal: bool = False


def _reporting_verb(tok: Token, d: _Doc) -> Attribution | _Skip | None:
    """A reporting or stance verb: its subject is the source, and its content is found by the first content frame
    that holds (``_CONTENT``)."""
    cue = _verb_cue(tok, d)
    if cue is None:
        return None
    if cue is SKIP:
        return SKIP
    for rule, frame in _CONTENT:
        found = frame(cue, d)
        if found is not None:
            content, kind = found
            return _verb_attribution(cue, content, kind, rule, d)
    return SKIP


def _verb_cue(tok: Token, d: _Doc) -> _Cue | _Skip | None:
    lemma = tok.lemma_.lower()
    stance = (lemma in STANCE_VERBS or lemma in PREP_CUE_VERBS) and lemma not in REPORTING_VERBS or \
        (lemma in PREP_CUE_VERBS and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children))
    # "Limbaugh continued: “...”": a verb that is a cue only when a quotation follows it at once.
    quoting = bool(lemma in QUOTING_VERBS and re.match(rf"\s*[:,]?\s*[{OPEN_QUOTES}\"]", d.text[tok.idx + len(tok):]))
    if tok.pos_ not in ("VERB", "AUX") or not (lemma in REPORTING_VERBS or stance or quoting):
        return None
    if any(qs < tok.idx < qe for qs, qe in d.quotes):
        return SKIP  # "no exaggeration to say ..." inside a quotation is not an attribution
    if stance and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in CUE_VERBS:
        return SKIP  # "urged voters to back the measure": the backing is what was urged, not a claim of its own
    cue = _Cue(tok, lemma, stance, quoting)
    cue.comp = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "parataxis") and c.pos_ in
                     ("VERB", "AUX", "NOUN", "ADJ", "PROPN")), None)
    if cue.comp is None and lemma in REPORTING_VERBS:
        cue.comp = _misparsed_clause(tok)
    if lemma in SEEING_AS:
        if not any(t.dep_ == "prep" and t.lower_ == "as" for c in tok.children if c.dep_ in ("dobj", "prep")
                   for t in (c, *c.subtree)):
            return SKIP  # "saw Kaine speak" is no judgement; "saw the comment as a dig" is
        cue.comp = None  # what is seen, with its "as" phrase
    cue.subj, cue.node = _cue_subject(tok)
    if cue.comp is None and lemma in NEEDS_CLAUSE and not _finding(tok, lemma):
        return SKIP
    cue.refusal = cue.node is not tok and cue.node.lemma_.lower() in ("decline", "refuse") and tok.dep_ == "xcomp"
    if cue.comp is None and (stance or lemma in OBJECT_REPORTING or lemma in NEEDS_CLAUSE) and cue.subj is not None:
        cue.obj = _said_object(tok, lemma)
        if cue.obj is None and not cue.refusal or cue.obj is not None and lemma == "raise" and \
                cue.obj.lemma_.lower() not in RAISED:
            return SKIP
        if cue.obj is not None and lemma == "defend" and (cue.obj.ent_type_ in ("GPE", "LOC", "FAC") or
                                                          cue.obj.lemma_.lower() in DEFENDED_GROUND):
            return SKIP  # "to defend the border regions": fighting, not words
    return cue


def _cue_subject(tok: Token) -> tuple[Token | None, Token]:
    """The subject of a cue, and the verb that has it: "declined to say", "..., admitting that" take the governing
    verb's subject, also through a preposition ("responded by saying", "after saying ..., Clinton left"); a
    relative pronoun stands for its antecedent ("the Freedom of Russia Legion, which says ...")."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    node = tok
    while subj is None and node.dep_ in ("xcomp", "advcl", "conj", "pcomp") and node.head.i != node.i:
        node = node.head.head if node.dep_ == "pcomp" and node.head.dep_ in ("prep", "advcl") else node.head
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lower_ in RELATIVE and node.dep_ == "relcl":
        subj = node.head
    elif subj is not None and subj.lower_ in RELATIVE and tok.dep_ == "relcl":
        subj = tok.head
    return subj, node


def _said_object(tok: Token, lemma: str) -> Token | None:
    """ "called for a ban", "criticized the plan": the object or the prepositional phrase that is the content."""
    names = [c for c in tok.children if c.dep_ == "oprd"] if lemma == "call" else []
    # "called Oz a quack", "which Tim Cook called 'total political crap'": the name given is the content
    obj = names[-1] if names else next((c for c in tok.children if c.dep_ in ("dobj", "attr")), None)
    if obj is not None and (obj.tag_ in ("WP", "WDT") or obj.ent_type_ in ("DATE", "TIME")):
        obj = None  # "what the party described as ...", "spoke Thursday": no content there
    if obj is None:
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS and not (
            c.lower_ == "to" and lemma in ADDRESSING) and not any(  # "speaking to reporters": the addressee
            o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in c.children)), None)  # "spoke on Monday"
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None \
            else None  # "called for a ban", "called for reducing the rate"
        if obj is not None:
            obj = prep  # the content starts at the preposition's object; the cue keeps "for"
    return obj


Content = tuple[tuple[int, int], str] | None


def _aside(cue: _Cue, d: _Doc) -> Content:
    """ "The museum, Mr. Obama said, would make visitors face ...": the governing clause is the content (also
    "The difference now, he told me, is that ...", the aside hung on the subject)."""
    tok = cue.tok
    governing = tok.head if tok.head.pos_ in ("VERB", "AUX") else tok.head.head if (
        tok.dep_ == "parataxis" and tok.head.dep_ in ("nsubj", "nsubjpass")
        and tok.head.head.pos_ in ("VERB", "AUX")) else None
    if cue.comp is None and cue.obj is None and cue.subj is not None and \
            tok.dep_ in ("parataxis", "advcl", "ccomp", "conj") and governing is not None and \
            cue.lemma in REPORTING_VERBS and tok.tag_ != "VBG":
        return _widen_to_quote(_clause_span(governing, exclude=tok), d.quotes)
    return None


def _complement(cue: _Cue, d: _Doc) -> Content:
    """The verb's clausal complement ("said the talks had failed"); after a vow, not what follows a comma
    ("Putin has vowed to restore security, responding with intensified strikes": the story's own account)."""
    if cue.comp is None:
        return None
    comp = cue.comp
    aside = next((c for c in comp.children if cue.lemma in COMMITTING and c.dep_ == "advcl" and c.tag_ == "VBG"
                  and c.i > comp.i and d.doc[c.left_edge.i - 1].text == ","), None)
    return _widen_to_quote(_clause_span(comp, exclude=aside), d.quotes)


def _object(cue: _Cue, d: _Doc) -> Content:
    """The object or prepositional phrase said ("criticized the plan", "called for a ban"), with its role
    ("described the law as a 'crazy system'", "accused the GOP of stoking the issue")."""
    obj = cue.obj
    if obj is None:
        return None
    target = next((c for c in obj.children if c.dep_ in ("pobj", "pcomp")), obj) if obj.dep_ == "prep" else obj
    span = _np_span(target, whole=True)
    role = next((c for c in cue.tok.children if c.dep_ == "prep" and (
        c.lower_ in ("as", "for") or c.lower_ == "of" and cue.lemma == "accuse")
                 and c.i == target.right_edge.i + 1), None)
    if role is not None:
        span = (span[0], _np_span(role, whole=True)[1])
    return _widen_to_quote(span, d.quotes)


def _following_quotation(cue: _Cue, d: _Doc) -> Content:
    """ "Limbaugh continued: “...”": the quotation that follows."""
    end = cue.tok.idx + len(cue.tok)
    if cue.quoting and cue.subj is not None and any(q[0] >= end for q in d.quotes):
        return next(q for q in d.quotes if q[0] >= end), "direct"
    return None


def _refusal(cue: _Cue, d: _Doc) -> Content:
    """ "he declined to comment": the refusal is the attribution, "to comment" its content."""
    if cue.refusal:
        return (cue.tok.left_edge.idx, cue.tok.right_edge.idx + len(cue.tok.right_edge)), "indirect"
    return None


def _quote_in_sentence(cue: _Cue, d: _Doc) -> Content:
    """A quotation in the cue's sentence, with a subject for the cue."""
    sent = cue.tok.sent
    quote = next((q for q in d.quotes if q[0] < sent.end_char and sent.start_char < q[1]), None)
    return (quote, "direct") if quote is not None and cue.subj is not None else None


def _quotation_before(cue: _Cue, d: _Doc) -> Content:
    """ '"... in our country?" Clinton said.': the quotation the parser cut from its cue after the "?"."""
    if cue.subj is not None and cue.lemma in REPORTING_VERBS and (
            before := _quote_before(cue.tok.sent, d.quotes, d.text)):
        return before, "direct"
    return None


# A verb cue's content frames, in the order they are tried (their ids are those of quote_rules.toml).
_CONTENT = (("aside", _aside), ("complement", _complement), ("object", _object),
            ("following-quotation", _following_quotation), ("refusal", _refusal),
            ("quote-in-sentence", _quote_in_sentence), ("quotation-before", _quotation_before))


def _verb_attribution(cue: _Cue, content: tuple[int, int], kind: str, rule: str, d: _Doc) -> Attribution:
    """The attribution of a verb cue: its source, medium ("in a statement"), addressee ("told reporters") and cue
    span ("declined to say": the refusal is in the cue)."""
    tok, node, doc = cue.tok, cue.node, d.doc
    source = _np_span(cue.subj) if cue.subj is not None else None
    medium = addressee = None
    for child in [*tok.children, *(node.children if node is not tok else [])]:
        if child.dep_ == "prep" and child.lower_ in ("in", "on", "via", "through", "during"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lower_ in MEDIUM_NOUNS:
                medium = doc[child.i:pobj.i + 1].text
        if cue.lemma == "tell" and child.dep_ in ("dobj", "dative") and child.i != (
                cue.comp.i if cue.comp else -1):
            addressee = doc[child.left_edge.i:child.i + 1].text
        if child.dep_ == "advcl" and child.lemma_ == "post":
            medium = doc[child.i:child.right_edge.i + 1].text
    span = _cue_span(tok)
    if cue.refusal and kind == "indirect" and content[0] == tok.left_edge.idx:
        span = _cue_span(node)  # "declined": "to comment" is the content
    elif cue.refusal:
        span = (_cue_span(node)[0], span[1])  # "declined to say" what was not said: the refusal is in the cue
    att = Attribution(content, span, source, kind, medium, addressee, cue_token=tok.i, rule=rule)
    if cue.subj is not None:
        att.extra["head"] = _head(cue.subj)
    return att


# The cue frames tried on each token, in order: the first that applies decides. Each gives its attributions the
# id of a rule of quote_rules.toml ("reporting-verb" through its content frames).
_CUES = (("according-to", _according), ("as-put-it", _as_put), ("no-comment", _no_comment),
         ("reporting-verb", _reporting_verb))


FRAMES = ("according-to", "survey", "as-put-it", "no-comment", *(rule for rule, _ in _CONTENT), "speech-noun",
          "headline-colon", "dash-byline", "continuation")


@functools.cache
def quote_rules() -> RuleBook:
    """The quotes stage's frames as rules with reasons and examples (``ontologies/quote_rules.toml``); the file
    must list exactly the frames this module implements."""
    return load_rules("quote_rules.toml", {}, ("quote",), gives=False, ids=FRAMES)


def find_attributions(doc: Doc) -> list[Attribution]:
    """Every attribution in ``doc``, in text order: cues on tokens, then speech nouns, headline colons, epigraph
    bylines and quotations that continue an attribution. Each says which frame of ``quote_rules.toml`` found
    it (``rule``)."""
    text = doc_text(doc)
    d = _Doc(doc, text, quote_spans(text))
    found: list[Attribution] = []
    for tok in doc:
        for _, frame in _CUES:
            att = frame(tok, d)
            if att is None:
                continue
            if att is not SKIP:
                found.append(att)
            break
    used = [a.content for a in found]
    for extra in (_speech_nouns, _headline_colons, _bylines):
        for att in extra(d, used):
            found.append(att)
            used.append(att.content)
    found += _continuations(d, found, used)
    found.sort(key=lambda a: a.content[0])
    return found


def _speech_nouns(d: _Doc, used: list[tuple[int, int]]) -> Iterator[Attribution]:
    """ "Trump's claim that there have been thousands of shootings", "his remarks about the judge": a speech noun
    with its owner as the source."""
    for tok in d.doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in CUE_NOUNS:
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "PRON", "NOUN")), None)
        if owner is None or any(tok.idx < e and s < tok.idx + len(tok) for s, e in used):
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
        content, kind = _widen_to_quote(content, d.quotes)
        words = [t for t in owner.subtree if t.dep_ != "case"]  # "Donald Trump", not "Donald Trump's"
        source = (words[0].idx, words[-1].idx + len(words[-1]))
        att = Attribution(content, (tok.idx, tok.idx + len(tok)), source, kind, cue_token=tok.i, rule="speech-noun")
        att.extra["head"] = _head(owner)
        yield att


def _headline_colons(d: _Doc, used: list[tuple[int, int]]) -> Iterator[Attribution]:
    """Headline and transcript form: "Sanders: Clinton needs to ...", "PENCE: ..."."""
    for m in HEADLINE_COLON.finditer(d.text):
        s, e = m.span("content")
        if any(s < ue and us < e for us, ue in used):
            continue
        if d.text[m.start()] in '"“':  # a transcript's turn: the turn alone, not the quotation it runs on in
            content, kind = (s, e), "direct"
        else:
            content, kind = _widen_to_quote((s, e), d.quotes)
        att = Attribution(content, m.span("colon"), m.span("source"), kind, rule="headline-colon")
        last = m.group("source").split()[-1]
        att.extra["head"] = (m.end("source") - len(last), m.end("source"), last.lower(), last.lower())
        yield att


def _bylines(d: _Doc, used: list[tuple[int, int]]) -> Iterator[Attribution]:
    """Epigraph bylines: '"We are hard-working people." ― Carla Sanchez'."""
    for qs, qe in d.quotes:
        m = DASH_BYLINE.match(d.text, qe)
        if m is None or any(qs < ue and us < qe for us, ue in used):
            continue
        src_s, src_e = m.span("source")
        if d.text[src_e - 1] == ".":
            src_e -= 1
        att = Attribution((qs, qe), m.span("dash"), (src_s, src_e), "direct", rule="dash-byline")
        last = d.text[src_s:src_e].split()[-1]
        att.extra["head"] = (src_e - len(last), src_e, last.lower(), last.lower())
        yield att


def _continuations(d: _Doc, found: list[Attribution], used: list[tuple[int, int]]) -> list[Attribution]:
    """Quotations with no cue of their own that continue an attribution ('"...," he said. "More quote."')."""
    out = []
    for qs, qe in d.quotes:
        if qe - qs < 12 or any(s <= qs + 1 and qe - 1 <= e for s, e in used):
            continue
        if any(qs < e and s < qe for s, e in used):
            continue
        if len(d.text[qs:qe].split()) < 4:
            continue
        prev = [a for a in [*found, *out] if a.content[1] <= qs and qs - a.content[1] < 300]
        if prev:
            near = max(prev, key=lambda a: a.content[1])
            out.append(Attribution((qs, qe), None, None, "direct", extra={"continues": near}, rule="continuation"))
    return out
