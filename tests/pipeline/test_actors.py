import pytest

from eventwire.ontologies import agents


def test_actors_agents_dictionary_loads():
    lex = agents()
    assert lex["army"] == ("MIL",) and lex["police"] == ("COP",) and lex["rebel"] == ("REB",)


@pytest.mark.parametrize("text,name,sector,country", [
    ("The Malian Armed Forces (FAMa) said they had repelled the attack.", "Malian Armed Forces", "MIL", "MLI"),
    ("Colonel Ibrahim Maiga said troops had repelled the attack.", "Ibrahim Maiga", "MIL", None),
    ("Israeli Prime Minister Benjamin Netanyahu announced the strike.", "Benjamin Netanyahu", "GOV", "ISR"),
    ("Fighters of the Russian Volunteer Corps (RDK) crossed the border.", "Russian Volunteer Corps", None, "RUS"),
])
def test_actors_sector_and_country(extract_text, text, name, sector, country):
    ents = {e.name: e for e in extract_text(text).entities}
    assert name in ents, sorted(ents)
    assert ents[name].country == country
    if sector is not None:
        assert ents[name].sector == sector
