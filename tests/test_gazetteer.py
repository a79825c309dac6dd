import pickle

from eventwire.geo import gazetteer as gz


def test_gazetteer_builds_and_caches(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    gz.load_gazetteer.cache_clear()
    try:
        built = gz.load_gazetteer()
        (cached,) = list(tmp_path.glob("gazetteer-*.pickle"))
        gz.load_gazetteer.cache_clear()
        again = gz.load_gazetteer()
        assert len(again) == len(built) > 50_000
        assert pickle.loads(cached.read_bytes()).keys() == built._index.keys()
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
    assert gazetteer.best("Kiev").name == "Kyiv"  # alternate names
    assert gazetteer.best("the Netherlands").country == "NLD"
    assert gazetteer.best("U.S.").country == "USA"
    assert gazetteer.best("Russians").kind == "demonym"
    assert gazetteer.best("Georgia").kind == "country"  # countries before US states
    assert gazetteer.best("Georgia", frozenset({"admin1"})).country == "USA"
    assert gazetteer.best("Gao").country == "MLI"  # own name before another place's alternate name
    assert gazetteer.best("Vladimir Putin") is None
