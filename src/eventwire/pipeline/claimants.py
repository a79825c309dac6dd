"""Who does a speech act: the one who says it.

An accusation, a demand, a threat, a refusal or a word of support made in a quotation is its speaker's act
("'We urge the Pakistani side to focus on its own problems,' Balkhi said": Balkhi requests). The events stage
reads the speaker as the event's ``source`` (who claims it); for these types, where the sentence names no other
actor, :func:`speakers_act` makes the speaker the actor too.
"""

from __future__ import annotations

from ..model import Event
from ..ontologies import word_class

SPEECH_ACTS = word_class("SPEECH_ACTS")
__all__ = ["speakers_act"]


def speakers_act(events: list[Event]) -> list[Event]:
    """The events with each actorless speech act given its speaker as actor."""
    return [ev.model_copy(update={"actor": [ev.source]}) if ev.type in SPEECH_ACTS and not ev.actor and ev.source
            else ev for ev in events]
