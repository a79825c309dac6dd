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

from typing import TYPE_CHECKING

from ...model import Entity, Quote
from ..nlp import doc_text
from .frames import FRAMES, Attribution, find_attributions, quote_rules
from .spans import quote_spans
from .speakers import main_organisation, resolve_speakers

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["FRAMES", "Attribution", "find_attributions", "find_quotes", "main_organisation", "quote_rules",
           "quote_spans", "resolve_speakers"]


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
            confidence=round(a.confidence, 2), medium=a.medium, addressee=a.addressee, rule=a.rule))
    return out
