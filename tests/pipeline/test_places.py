import pytest

from eventwire.geo.resolve import Context, resolve, resolve_story
from eventwire.pipeline.places import region_hint


def _places(record):
    return {record.text[s:e]: p for p in record.places for s, e in p.mentions}


def test_places_seed_sentence(extract_text):
    rec = extract_text("The anti-Kremlin fighters held a press conference in Kyiv after carrying out armed attacks "
                       "in Russia's Belgorod and Kursk border regions. Last summer, they entered the Bryansk region "
                       "of Russia on foot.")
    by_text = _places(rec)
    assert (by_text["Kyiv"].feature, by_text["Kyiv"].country, by_text["Kyiv"].precision) == ("city", "UKR", 1)
    for name in ("Belgorod", "Kursk", "Bryansk"):
        place = by_text[name]
        assert (place.feature, place.country, place.precision) == ("admin1", "RUS", 3), name
        assert place.name == f"{name} Oblast"
    assert by_text["Russia"].feature == "country" and by_text["Russia"].precision == 4
    for p in rec.places:
        assert p.lat is not None and p.lon is not None
        assert p.entity in {e.id for e in rec.entities}
        for s, e in p.mentions:
            assert rec.text[s:e]


@pytest.mark.parametrize("text", [
    "Gunmen killed 12 soldiers in an attack on an army base in Central Mali on Wednesday.",
    "BAMAKO, MALI, OCT 3 (REUTERS) - GUNMEN KILLED 12 SOLDIERS IN AN ATTACK ON AN ARMY BASE IN CENTRAL MALI ON "
    "WEDNESDAY, THE ARMY SAID.",
])
def test_places_a_part_of_a_country_typed_as_a_nationality_is_in_it(extract_text, text):
    rec = extract_text(text)
    (mali,) = [p for p in rec.places if p.country == "MLI"]
    assert mali.feature == "country" and any(rec.text[s:e].lower() == "central mali" for s, e in mali.mentions)
    assert rec.events[0].place == mali.id


def test_places_city_and_its_region_are_two_places(extract_text):
    rec = extract_text("Malian troops said residents of Ansongo, south of Gao, had fled. Thousands left the Gao "
                       "and Menaka regions this year.")
    gao = [p for p in rec.places if p.name.startswith("Gao")]
    assert {p.feature for p in gao} == {"city", "admin1"}


@pytest.mark.parametrize("name,context,expected_country,expected_kind", [
    ("Siberia", set(), "RUS", "region"),  # not the Mexican village
    ("Alexandria", {"USA"}, "USA", "city"),
    ("Alexandria", set(), "EGY", "city"),
    ("Kiev", set(), "UKR", "city"),
    ("Zaporizhzhia", set(), "UKR", "city"),
    ("Georgia", set(), "GEO", "country"),
    ("Jordan", set(), "JOR", "country"),
    ("Lebanon", set(), "LBN", "country"),
    ("Gaza Strip", set(), "PSE", "region"),  # GeoNames' admin-1 unit of Palestine, by eventwire's region record
    ("Jerusalem", set(), "ISR", "city"),  # not the smaller governorate of the same name in the West Bank
    ("Kherson", set(), "UKR", "city"),  # the oblast's own town, though GeoNames gives it only 66,000 people
    ("North Texas", {"USA"}, "USA", "admin1"),  # a part of a state is placed in the state
    ("Northeast Georgia", {"USA"}, "USA", "admin1"),
    ("Southern Mali", set(), "MLI", "country"),
    ("Donbas", set(), "UKR", "region"),
    ("W.Va.", set(), "USA", "admin1"),
    ("Canadian", {"USA"}, "CAN", "country"),  # the nationality, not Canadian, Texas
])
def test_places_resolution_traps(gazetteer, name, context, expected_country, expected_kind):
    place = resolve(name, gazetteer, Context(countries=set(context)))
    assert (place.country, place.kind) == (expected_country, expected_kind)


def test_places_admin1_context_picks_the_town(gazetteer):
    ctx = Context(countries={"USA"})
    ctx.learn("Louisiana", resolve("Louisiana", gazetteer, ctx))
    assert resolve("Alexandria", gazetteer, ctx).admin1 == "Louisiana"
    # A name never votes for its own reading.
    ctx2 = Context()
    ctx2.learn("Alexandria", resolve("Alexandria", gazetteer, ctx2))
    assert ctx2.without("Alexandria").admin1 == set()


def test_places_admin1_with_the_storys_cities_in_it(gazetteer):
    # "Georgia" in a story whose Atlanta is Atlanta, Georgia is the US state, not the country.
    ctx = Context()
    ctx.learn("Atlanta", resolve("Atlanta", gazetteer, ctx))
    assert (resolve("Georgia", gazetteer, ctx).country, resolve("Georgia", gazetteer, ctx).kind) == ("USA", "admin1")
    # A unit named after a big city of its country stays the city: "New York" with Brooklyn is the city.
    ctx = Context()
    ctx.learn("Brooklyn", resolve("Brooklyn", gazetteer, ctx))
    assert resolve("New York", gazetteer, ctx).kind == "city"


def test_places_a_name_resolved_again_informs_the_names_after_it(gazetteer):
    # "Georgia" is read as the country until Atlanta is resolved; on the second pass, Atlanta must see the state
    # Georgia has become, not the country it was: Atlanta, Georgia, not Atlanta, Texas.
    toponyms = [(("Texas",), None), (("Georgia",), None), (("Atlanta",), None)]
    texas, georgia, atlanta = resolve_story(toponyms, gazetteer, Context())
    assert (georgia.kind, georgia.country) == ("admin1", "USA")
    assert atlanta.admin1 == "Georgia"


def test_places_a_state_the_story_names_a_part_of(gazetteer):
    # "North Georgia" is in the US state; "Georgia" in the same story is that state, not the country (whose
    # name alone puts Georgia among the story's countries)
    toponyms = [(("Georgia",), None), (("Atlanta",), None), (("North Georgia",), None)]
    georgia, atlanta, north = resolve_story(toponyms, gazetteer, Context(countries={"GEO"}))
    assert (north.kind, north.country) == (georgia.kind, georgia.country) == ("admin1", "USA")
    (alone,) = resolve_story([(("Georgia",), None)], gazetteer, Context(countries={"GEO"}))
    assert alone.kind == "country"


def test_places_names_that_share_an_admin1_unit(gazetteer):
    # Names that name no state, but all have a town or county in Texas: Anderson County, Texas, not the larger
    # Anderson County of South Carolina.
    toponyms = [(("Anderson County",), None), (("Freestone County",), None), (("Fairfield",), None)]
    anderson, freestone, fairfield = resolve_story(toponyms, gazetteer, Context())
    assert (anderson.admin1, freestone.admin1, fairfield.admin1) == ("Texas", "Texas", "Texas")
    # One name alone keeps its usual reading.
    (alone,) = resolve_story([(("Anderson County",), None)], gazetteer, Context())
    assert alone.admin1 == "South Carolina"


def test_places_a_town_in_a_county_the_story_names(gazetteer):
    # Paris, Tennessee is in Henry County, Tennessee; the larger Paris of Texas, Kentucky and Illinois are not, and
    # Henry County, Illinois has no Paris.
    paris, henry = resolve_story([(("Paris",), None), (("Henry County",), None)], gazetteer,
                                 Context(countries={"USA"}))
    assert (paris.admin1, paris.admin2) == ("Tennessee", "Henry County")
    assert (henry.kind, henry.admin1) == ("admin2", "Tennessee")
    (alone,) = resolve_story([(("Paris",), None)], gazetteer, Context(countries={"USA"}))
    assert alone.admin1 == "Texas"
    # A named county with a town of the story in it outweighs a country's prominence: "Lebanon Police" beside "the
    # Boone County Jail" is Lebanon, Indiana.
    lebanon, _ = resolve_story([(("Lebanon",), None), (("Boone County",), None)], gazetteer, Context())
    assert (lebanon.kind, lebanon.admin1, lebanon.admin2) == ("city", "Indiana", "Boone County")
    (alone,) = resolve_story([(("Lebanon",), None)], gazetteer, Context())
    assert alone.kind == "country"
    # Towns alone sharing a county prove nothing, nor does a bare name that is also a county's alias: Brussels and
    # Washington Island are both in Door County, Wisconsin; "Washington" is an alias of many Washington Counties.
    brussels, washington = resolve_story([(("Brussels",), None), (("Washington",), None)], gazetteer, Context())
    assert (brussels.country, washington.admin1) == ("BEL", "District of Columbia")


@pytest.mark.parametrize("text,end,hint", [
    ("the Bryansk region of Russia", 11, "admin1"),
    ("Belgorod and Kursk border regions", 8, "admin1"),
    ("Rapides Parish", 7, "admin2"),
    ("in Kyiv after the raids", 7, None),
    ("Kyiv. The region is calm", 4, None),
])
def test_places_region_hint(text, end, hint):
    assert region_hint(text, end) == hint


def test_places_a_proper_noun_ner_calls_a_nationality_is_a_place_the_gazetteer_knows(extract_text):
    # The small English model tags "Aleppo" NORP here; the gazetteer knows no people of that name.
    rec = extract_text("Earlier today, government troops stormed a village in eastern Aleppo.")
    assert _places(rec)["Aleppo"].country == "SYR"
    rec = extract_text("Kurdish fighters and Shiite militias attacked the village.")  # adjectives stay groups
    assert not {"Kurdish", "Shiite"} & set(_places(rec))


def test_places_named_inside_organisation_names(extract_text):
    text = ("Flu cases rose across Texas this year. There were 1,981 cases, according to the Texas Department of "
            "State Health Services. The Ohio State Buckeyes won on Saturday.")
    rec = extract_text(text)
    texas = next(p for p in rec.places if p.name == "Texas")
    # the mention inside the agency's name counts; Ohio, named only inside a team's name, adds no place
    assert [text[s:e] for s, e in texas.mentions] == ["Texas", "Texas"] and texas.mentions[1][0] > 60
    assert not any(p.name == "Ohio" for p in rec.places)


def test_places_names_within_a_span_whole_words_longest_first():
    from eventwire.pipeline.places import _names_within

    names = {"new york": "E1", "york": "E2", "texas": "E3"}
    text = "The New York Police and the Texasville board met the Yorkshire and TEXAS groups."
    found = [text[s:e] for s, e in _names_within(text, 0, len(text), names)]
    assert found == ["New York", "TEXAS"]  # "York" inside "New York" once; not "Texasville", "Yorkshire"
    # A span whose lower case is longer than itself (the dotted capital I) is still read at the right offsets.
    text = "The İstanbul Chamber of Texas Trade"
    assert [text[s:e] for s, e in _names_within(text, 0, len(text), names)] == ["Texas"]


def test_places_a_state_ner_took_for_a_person_and_a_dateline_place_inside_a_name(extract_text):
    rec = extract_text("ALLENDALE, N.J. - The show was coordinated by the Allendale Woman's Club. "
                       "\u201cIt has not taken any concrete steps,\u201d Tamil Nadu contended.")
    by_name = {p.name: p for p in rec.places}
    assert "Tamil Nādu" in by_name or "Tamil Nadu" in by_name  # NER says PERSON; a state's own name wins
    allendale = next(p for p in rec.places if p.name.lower() == "allendale")
    assert len(allendale.mentions) == 2  # the dateline's ALLENDALE and the club's Allendale


def test_a_dateline_city_places_the_story_in_its_state(extract_text):
    """"PHILADELPHIA (CBS) -" and "his Kensington home": the Kensington of Pennsylvania, not the larger one of
    Brooklyn, as if the story had named the state."""
    rec = extract_text("PHILADELPHIA (CBS) - A father charged with the death of his daughter is headed to trial. "
                       "Authorities say he was waving a gun around in his Kensington home last April.")
    kensington = next(p for p in rec.places if p.name == "Kensington")
    assert kensington.admin1 == "Pennsylvania" and kensington.country == "USA"


def test_places_named_only_inside_public_bodies(extract_text):
    text = ("Burglaries rose in Ohio this spring. A spokesman for the Butler County Coroner's Office said the man "
            "died, and officers of the North Las Vegas Police Department were called. He studied at the University of "
            "Nebraska. The Washington Post and the Supreme Court were not involved, and nor was the Charles Beatley "
            "Library. The car was found on Rye Court.")
    rec = extract_text(text)
    by_name = {p.name: p for p in rec.places}
    # a body named for its place names the place; it has no entity of its own
    assert by_name["Butler County"].country == "USA" and by_name["Butler County"].entity is None
    assert [text[s:e] for s, e in by_name["North Las Vegas"].mentions] == ["North Las Vegas"]
    assert by_name["Nebraska"].feature == "admin1"
    # newspapers, courts' titles, people's names and streets are no such bodies
    assert not {"Washington", "Supreme", "Charles", "Rye"} & set(by_name)


def test_places_inside_names_need_the_story_s_own_country(extract_text):
    # "the Supreme Court" in a story whose places are Indian adds no Supreme, Louisiana
    rec = extract_text("Tamil Nadu moved the Supreme Court on Saturday. The Madras High Court was closed in Chennai.")
    assert all(p.country == "IND" for p in rec.places)


def test_places_university_of_a_place(extract_text):
    rec = extract_text("She taught at the University of Nebraska-Lincoln, in Nebraska. He studied at the University "
                       "of Southern California in Los Angeles.")
    names = {p.name for p in rec.places}
    assert "Nebraska" in names and "Los Angeles" in names
    assert not any("Southern" in n for n in names)  # not Zambia's Southern Province from "Southern California"


@pytest.mark.parametrize("text, name", [
    ("Arts center features works by master carver. WOODBURY — The Arts Center announces an exhibit.", "Woodbury"),
    ("Drug dealer arrested in bust near airport . BEIRUT: A major drug dealer was arrested.", "Beirut"),
    ("Sanford rejects aid.\nCOLUMBIA, S.C. --- Gov. Mark Sanford said no.", "Columbia"),
])
def test_places_datelines_inside_the_text(extract_text, text, name):
    rec = extract_text(text)
    place = next(p for p in rec.places if p.name == name)
    assert text[place.mentions[0][0]:place.mentions[0][1]] == name.upper()


def test_places_capitals_before_a_colon_that_are_no_dateline(extract_text):
    rec = extract_text("Keeping track of every dollar. NOTICE: This is the final article in a series.")
    assert not rec.places


def test_places_a_compass_adjective_alone_is_no_place(extract_text):
    text = ("Putin is hostile to a Western-dominated system. Western officials met in Kyiv. He lives in Western "
            "Australia.")
    assert {p.name for p in extract_text(text).places} == {"Kyiv", "Western Australia"}


def test_places_inside_national_bodies(extract_text):
    text = ("Jobs fell in Ohio, according to U.S. Census estimates. The U.S. Department of Health and Human Services "
            "paid. In Beijing, the Commerce Ministry said China would respond.")
    rec = extract_text(text)
    us = next(p for p in rec.places if p.country == "USA" and p.feature == "country")
    assert [text[s:e] for s, e in us.mentions] == ["U.S.", "U.S."]  # the body is the Department, before "of"
    assert not any(p.name == "Commerce" for p in rec.places)  # a portfolio, not Commerce, Texas


def test_places_named_again_where_the_parse_left_no_name(extract_text):
    text = ("Police in Roselle, Illinois, said on Monday. Roselle officers this month are continuing speed "
            "enforcement. The track is in Kanawha County, West Virginia. It will expand the Kanawha County track.")
    rec = extract_text(text)
    by_name = {p.name: [text[s:e] for s, e in p.mentions] for p in rec.places}
    assert by_name["Roselle"] == ["Roselle", "Roselle"]  # the second is no entity of the parse's
    assert by_name["Kanawha County"] == ["Kanawha County", "Kanawha County"]


def test_places_organisations_and_letters_are_no_towns_by_alternate_name(extract_text):
    # GeoNames' alternate names include "Hamas" (Hamm), "BBC" and single letters ("D": Detroit)
    rec = extract_text("Hamas said the truce would hold. The BBC reported it. Delegate Ricky Moye, D-Raleigh, "
                       "voted against it.")
    assert {p.name for p in rec.places} == {"Raleigh"}
    # a large city's alternate name still names it
    assert {p.name for p in extract_text("Fighting raged in Kiev on Monday.").places} == {"Kyiv"}


def test_places_a_person_coordinated_with_a_place_is_a_place(extract_text):
    # NER calls Zaporozhye a person; coordinated with Kiev it is the city (an issue's named trap)
    rec = extract_text("Fighting raged in Kiev and Zaporozhye on Monday.")
    assert {p.country for p in rec.places} == {"UKR"} and len(rec.places) == 2
    rec = extract_text("Michael Jordan and Kobe Bryant played.")
    assert not rec.places


def test_places_a_region_named_like_an_organisation_is_a_place(extract_text):
    # "Bank" heads organisation names ("World Bank"), but the West Bank is a region by its own name
    rec = extract_text("Hamas operatives returned to their homes in the West Bank on Monday.")
    assert {e.type for e in rec.entities if "West Bank" in e.name} & {"LOC", "GPE"}
    (place,) = [p for p in rec.places if p.name == "West Bank"]
    assert (place.feature, place.country) == ("region", "PSE") and place.geonames_id
    rec = extract_text("The World Bank approved the loan on Monday.")
    assert not rec.places and {e.type for e in rec.entities if e.name == "World Bank"} == {"ORG"}


def test_places_doubtful_small_towns_the_parse_found(extract_text):
    # A small town in another country than the story's places ("Titan", Russia, for a Texas drilling firm) and
    # a town known only by an alternate name ("Ramadan") are not taken from the text alone.
    rec = extract_text("The Arlington council in Texas approved the permit. Titan said it would drill near "
                       "Dallas. Titan will start work in Ramadan.")
    assert {p.country for p in rec.places} == {"USA"}
    # Small towns in the story's own country stand, and so does the one town of a story that names no other place
    rec = extract_text("Gunmen killed 12 people in Douentza, in central Mali, on Monday.")
    assert {p.name for p in rec.places} == {"Douentza", "Mali"}
    rec = extract_text("He said the fighters entered Afrin shortly before dawn and met no resistance.")
    assert [p.country for p in rec.places] == ["SYR"]


def test_places_a_place_ner_ran_on_into_a_title(extract_text):
    # NER takes "Las Vegas City Marshal" for a place whole: its known start is the place
    rec = extract_text("He had five years' experience as a Las Vegas City Marshal in Nevada. Police found him on "
                       "Memphis St. in Alexandria.")
    names = {rec.text[s:e] for p in rec.places for s, e in p.mentions}
    assert "Las Vegas" in names
    assert "Memphis" not in names  # a street is not its town


def test_places_a_county_starts_the_names_of_its_bodies(extract_text):
    # A county's name starts the name of any body of it, whatever the body's last word; and in a story that
    # names no place of its own, the bodies' counties tell the country (Athens, Texas: not Greece)
    rec = extract_text("The Athens Police Department is asking for the public's help. Anyone with information can "
                       "contact Henderson County Crimestoppers.")
    by_text = _places(rec)
    assert by_text["Henderson County"].admin1 == "Texas"
    assert (by_text["Athens"].country, by_text["Athens"].admin1) == ("USA", "Texas")
    rec = extract_text("McMinn County Sheriff Joe Guy said the road was closed in Tennessee.")
    assert "McMinn County" in _places(rec)


def test_places_a_name_always_with_the_is_no_small_town(extract_text):
    # Towns do not take "the": "the White House" is not White House, Tennessee, nor "the Earth" Earth, Texas
    rec = extract_text("The White House said on Monday that the governor of Texas would visit. Officials at the "
                       "White House declined to comment. The probe will orbit the Earth.")
    assert {p.name for p in rec.places} == {"Texas"}
    # ... but a town's name before a noun of its own is the town: "the Alexandria City Council"
    rec = extract_text("The Alexandria City Council met on Monday in Louisiana.")
    assert "Alexandria" in {p.name for p in rec.places}


def test_places_one_record_per_place_whatever_names_it(extract_text):
    rec = extract_text("Israeli jets struck Gaza on Monday. Aid trucks waited at the border of the Gaza Strip. "
                       "The U.S. sent envoys; U.S officials declined to comment.")
    names = [p.name for p in rec.places]
    assert len(names) == len(set(names)), names
    (gaza,) = [p for p in rec.places if p.name == "Gaza Strip"]
    assert {rec.text[s:e] for s, e in gaza.mentions} == {"Gaza", "Gaza Strip"}
    # ... but a town and the region named after it stay two places
    rec = extract_text("Residents of Ansongo, south of Gao, fled. Thousands left the Gao region this year.")
    assert {p.feature for p in rec.places if p.name.startswith("Gao")} == {"city", "admin1"}


@pytest.mark.parametrize("text, name, words", [
    ("A car bomb exploded in the Afghan capital on Tuesday.", "Kabul", "Afghan capital"),
    ("Chicken sellers in Cameroon's capital held a sit-in.", "Yaoundé", "Cameroon's capital"),
    ("Protesters marched in the capital of Sudan on Friday.", "Khartoum", "capital of Sudan"),
])
def test_places_a_country_that_owns_its_capital_is_the_capital(extract_text, text, name, words):
    rec = extract_text(text)
    [place] = rec.places
    assert (place.name, place.feature) == (name, "city")
    assert [rec.text[s:e] for s, e in place.mentions] == [words]
    assert rec.events[0].place == place.id


@pytest.mark.parametrize("text, kept", [
    ("Gunmen attacked a hotel in the Somali capital, Mogadishu, on Friday.", "Mogadishu"),  # named beside it
    ("Japan welcomed the influx of foreign capital, especially Chinese capital.", "China"),  # money
])
def test_places_a_capital_named_or_meant_as_money_stays(extract_text, text, kept):
    assert kept in [p.name for p in extract_text(text).places]
