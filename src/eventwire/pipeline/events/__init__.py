"""Events: who did what to whom, typed in PLOVER (with ACLED and CAMEO views), with status, source, place and date.

Rules over the parse, one event per trigger (a verb or an event noun from ``ontologies/triggers.tsv``, or a verb
whose CAMEO pattern matches, :mod:`~eventwire.pipeline.cameo`), so one sentence can hold several ("crossing the
border in a tank, firing on Russian army vehicles and blowing up buildings"):

- **type**: the trigger's, read in context (``_reading``: "fight alongside" is COOPERATE, "went on strike" is
  PROTEST, "reached an agreement" SUPPORT, "found a way" no event), then PLOVER's readings of status (a refused
  concession is REJECT, a stated intent to yield AGREE); the ACLED view from :mod:`~eventwire.pipeline.acled`;
- **actor**: the trigger's subject (a noun trigger takes the subject of the verb that governs it: "carried out
  attacks", "responding with strikes"), or the agent of a passive; coordinated subjects give compound actors;
  pronouns and group nouns resolve as quote speakers do ("they", "the fighters" → the story's group; "we" in
  a quote → the speaker);
- **recipient**: the object, or the object of "on", "against", "at", "into" ("strikes on Ukraine's border
  regions" → Ukraine);
- **status**: ``negated`` (not, never, failed to, declined to), ``future`` (will, vowed/planned/promised to,
  ready to), ``threatened`` (threatened to), ``hypothetical`` (if, could, would, may, might), ``historical``
  (a date in the sentence that ended before the story's period: "last summer", "in 2023"), else ``reported``;
- **source**: the speaker of the quote or reported speech that contains the trigger (null when the story itself
  states the event);
- **place**: the place the trigger's clause governs (:mod:`~eventwire.pipeline.event_location`); **date**: the
  clause's date, else the sentence's, else the story's;
- **counts**: killed, injured, arrested, displaced where a number is stated in the sentence ("killing at least
  12 soldiers"); "declined to say how many" is no count.

Nouns that only refer back to an event already told ("following the raids", "after the attack") are not new
events. Known limits: no event coreference across sentences. Actors' sectors and countries come from
:mod:`eventwire.pipeline.actors`, unnamed actors ("gunmen", "troops") from :mod:`eventwire.pipeline.groups`.
"""

from .claims import link_quotes
from .detection import event_rules, explain
from .find import BUILT_IN_RULES, find_events, story_place

__all__ = ["BUILT_IN_RULES", "event_rules", "explain", "find_events", "link_quotes", "story_place"]
