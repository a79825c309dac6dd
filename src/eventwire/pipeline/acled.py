"""The ACLED view of an event (event type and sub-event type), from its PLOVER type, trigger and sentence.

The rules are data (``ontologies/acled.tsv``, written from the ACLED codebook's definitions): the first rule
whose conditions hold wins; then the trigger's own view from the lexicon; then the rules with no condition
(an ASSAULT is an attack on civilians unless the sentence tells otherwise); then the PLOVER type's default.

>>> acled_view("PROTEST", "protest", "Protesters", "Protesters threw stones at police.", None).sub_event_type
'Violent demonstration'
>>> acled_view("ASSAULT", "kill", "Gunmen", "Gunmen killed five villagers.", None).sub_event_type
'Attack'
"""

from __future__ import annotations

from ..model import AcledView
from ..ontologies import acled_rules, plover_types


def acled_view(type_: str, lemma: str, before: str, sentence: str, trigger_view: AcledView | None) -> AcledView:
    """The ACLED view of an event of PLOVER type ``type_`` whose trigger has lemma ``lemma``; ``before`` is its
    sentence up to the trigger; ``trigger_view`` the view the trigger lexicon gives, if any."""
    rules = [r for r in acled_rules() if type_ in r.types]
    for rule in rules:
        if rule.is_fallback:
            continue
        if ((rule.trigger is None or rule.trigger.search(lemma))
                and (rule.before is None or rule.before.search(before))
                and (rule.sentence is None or rule.sentence.search(sentence))):
            return AcledView(event_type=rule.event_type, sub_event_type=rule.sub_event_type)
    if trigger_view is not None and trigger_view.sub_event_type:
        return trigger_view
    fallback = next((r for r in rules if r.is_fallback), None)
    if fallback is not None:
        return AcledView(event_type=fallback.event_type, sub_event_type=fallback.sub_event_type)
    info = plover_types()[type_]
    return AcledView(event_type=info.acled_event_type, sub_event_type=info.acled_sub_event_type)
