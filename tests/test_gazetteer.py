import sqlite3

from eventwire.geo import gazetteer as gz


def test_gazetteer_builds_caches_and_reopens(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    gz.load_gazetteer.cache_clear()
    try:
        built = gz.load_gazetteer()
        (cached,) = list(tmp_path.glob("gazetteer-v*.sqlite"))
        assert not list(tmp_path.glob("*.tmp"))
        gz.load_gazetteer.cache_clear()
        again = gz.load_gazetteer()
        assert again.path == cached and len(again) == len(built) > 200_000
        with sqlite3.connect(cached) as con:
            assert con.execute("SELECT count(*) FROM names").fetchone()[0] > len(built)
    finally:
        gz.load_gazetteer.cache_clear()


def test_gazetteer_unwritable_cache_still_works(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(blocker / "sub"))
    gz.load_gazetteer.cache_clear()
    try:
        assert gz.load_gazetteer().best("Kyiv").country == "UKR"
    finally:
        gz.load_gazetteer.cache_clear()


def test_gazetteer_lookups(gazetteer):
    assert gazetteer.best("Kiev", frozenset({"city"})).name == "Kyiv"  # alternate names
    assert gazetteer.best("the Netherlands").country == "NLD"
    assert gazetteer.best("U.S.").country == "USA"
    assert gazetteer.best("Russians").kind == "demonym"
    assert gazetteer.best("Georgia").kind == "country"  # countries before US states
    assert gazetteer.best("Georgia", frozenset({"admin1"})).country == "USA"
    gao = gazetteer.best("Gao", frozenset({"city"}))
    assert gao.country == "MLI"  # own name before another place's alternate name (Guantánamo)
    assert gazetteer.best("Vladimir Putin") is None


def test_gazetteer_admin_units_and_regions(gazetteer):
    # Admin-1 units named in a local form get the English core name of their main city.
    belgorod = gazetteer.best("Belgorod", frozenset({"admin1"}))
    assert belgorod.country == "RUS" and belgorod.lat is not None
    assert gazetteer.best("Kharkiv Oblast").kind == "admin1"
    assert gazetteer.best("Rapides Parish").kind == "admin2"
    siberia = gazetteer.lookup("Siberia")[0]  # the curated region before the Mexican village
    assert (siberia.kind, siberia.country) == ("region", "RUS")
    # Countries have coordinates.
    russia = gazetteer.best("Russia")
    assert russia.kind == "country" and abs(russia.lat - 60) < 5 and abs(russia.lon - 100) < 10


def test_gazetteer_admin_names_and_points(gazetteer):
    # A unit is shown by a form of its own name, never a nickname among its aliases.
    california = gazetteer.best("California", frozenset({"admin1"}))
    assert (california.name, california.country) == ("California", "USA")
    # ... or of its main town's: Sumska oblast is shown as Sumy Oblast, Zaporizka oblast as Zaporizhzhia Oblast
    assert gazetteer.best("Sumy", frozenset({"admin1"})).name == "Sumy Oblast"
    assert gazetteer.best("Zaporizhzhia", frozenset({"admin1"})).name == "Zaporizhzhia Oblast"
    # A unit's point is the middle of its towns' bounding box: Ontario's is far north of Toronto (43.7 N), towards
    # GeoNames' own (49.25 N), since its towns reach far north; the towns' middle stays in the south.
    ontario = gazetteer.best("Ontario", frozenset({"admin1"}))
    assert ontario.country == "CAN" and ontario.lat > 47


def test_gazetteer_centre_of_towns():
    from eventwire.geo.build import _centre

    assert _centre([]) == (None, None)
    assert _centre([(30.0, -100.0, 1), (34.0, -94.0, 1), (31.0, -99.0, 1)]) == (32.0, -97.0)
    # Across the antimeridian (Chukotka's towns at 177 E and 170 W) the middle is at 176.5 W, not near Greenwich.
    lat, lon = _centre([(65.0, 177.0, 1), (66.0, -170.0, 1)])
    assert lat == 65.5 and abs(lon - (-176.5)) < 1e-9


def test_gazetteer_name_with_its_state_after_a_comma(gazetteer):
    from eventwire.geo.resolve import Context, resolve

    paris = resolve("Paris, Texas", gazetteer, Context())
    assert (paris.country, paris.admin1) == ("USA", "Texas")
    assert resolve("London, Ont.", gazetteer, Context()).country == "CAN"  # Canadian Press abbreviations
    assert resolve("Vancouver, BC", gazetteer, Context()).admin1 == "British Columbia"
    assert resolve("Washington, D.C.", gazetteer, Context()).admin1 == "District of Columbia"
    assert resolve("Nowhere, Texas", gazetteer, Context()) is None


def test_gazetteer_a_capital_of_the_storys_country_before_a_town_of_its_region(gazetteer):
    from eventwire.geo.resolve import Context, resolve

    # English towns in the story put Washington, Tyne and Wear in the running; the story names the United States
    ctx = Context(countries={"GBR", "RUS", "USA"}, admin1_via_city={"England"})
    assert resolve("Washington", gazetteer, ctx).admin1 == "District of Columbia"
    assert resolve("Washington", gazetteer, Context(countries={"GBR"}, admin1_via_city={"England"})).country == "GBR"


def test_gazetteer_world_regions(gazetteer):
    for name in ("North Africa", "the Korean Peninsula", "Southeast Asia", "Central America"):
        assert gazetteer.best(name).kind == "region"


def test_gazetteer_curated_regions_against_namesakes(gazetteer):
    from eventwire.geo.resolve import Context, resolve

    gaza = resolve("Gaza", gazetteer, Context())
    assert (gaza.name, gaza.country) == ("Gaza Strip", "PSE")  # not Mozambique's Gaza province
    assert resolve("the Pacific", gazetteer, Context()).kind == "region"  # not Pacific, Missouri
    assert resolve("Sahel", gazetteer, Context()).country is None  # the region, not Burkina Faso's province
    ghouta = resolve("Ghouta", gazetteer, Context())  # the Damascus countryside, which no package has
    assert (ghouta.name, ghouta.country) == ("Eastern Ghouta", "SYR")
    # A region of eventwire's table that is one admin-1 unit of its country carries the unit's GeoNames id and
    # stands for it, under its English name; one that spans several units has none.
    for name, unit in (("Tigray", "Tigray Regional State"), ("Chechnya", "Chechenskaya Respublika"),
                       ("West Bank", "West Bank"), ("Gaza Strip", "Gaza Strip")):
        region = resolve(name, gazetteer, Context())
        assert (region.kind, region.name) == ("region", name)
        assert region.geonames_id == next(p.geonames_id for p in gazetteer.lookup(unit) if p.kind == "admin1")
    assert resolve("Kivu", gazetteer, Context()).geonames_id is None  # North and South Kivu


def test_gazetteer_abbreviation_without_its_last_period(gazetteer):
    from eventwire.geo.resolve import Context, resolve

    # "SOUTH CHARLESTON, W.Va. --": the mention may end before the abbreviation's last period
    assert resolve("W.Va", gazetteer, Context()).name == "West Virginia"


def test_gazetteer_sites_are_placed_in_the_storys_town(gazetteer):
    from eventwire.geo.resolve import Context, resolve_story

    toponyms = [(("Gaza City",), None), (("Al-Shifa Hospital",), None), (("Gaza City",), None),
                (("Brands Hatch",), None), (("Omar Mukhtar Street",), None)]
    town, hospital, _, other, street = resolve_story(toponyms, gazetteer, Context())
    assert hospital.kind == "site" and hospital.geonames_id is None
    assert (hospital.lat, hospital.lon, hospital.country) == (town.lat, town.lon, "PSE")
    assert other is None and street is None  # neither name says it is a building or a site
    assert resolve_story([(("Al-Shifa Hospital",), None)], gazetteer, Context()) == [None]  # no town: no guess


def test_gazetteer_codes_and_acronyms_are_no_towns(gazetteer):
    from eventwire.geo.resolve import Context, resolve

    # GeoNames' alternate names carry airport codes ("KBR" for Kota Bharu, "TIF" for Ta'if): a company, a tax
    # district. Initials stay: "NYC" is New York City.
    assert all(p.kind != "city" for p in gazetteer.lookup("KBR") + gazetteer.lookup("TIF"))
    assert resolve("NYC", gazetteer, Context()).name == "New York City"
    # An acronym is not the short town it spells ("UN" and Un, India); countries keep theirs.
    un = resolve("UN", gazetteer, Context())
    assert un is None or un.kind != "city"
    assert resolve("UK", gazetteer, Context()).kind == "country"
    est = resolve("EST", gazetteer, Context())  # Eastern Standard Time, not Burkina Faso's Est region
    assert est is None or est.country != "BFA"
    assert resolve("Un", gazetteer, Context()).kind == "city"
