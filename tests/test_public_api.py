import eventwire


def test_public_api_all_is_sorted_and_complete():
    assert eventwire.__all__ == sorted(eventwire.__all__)
    for name in eventwire.__all__:
        assert hasattr(eventwire, name), name
    public = {n for n in vars(eventwire) if not n.startswith("_")} - {"annotations", "lru_cache", "Any"}
    modules = {n for n in public if type(getattr(eventwire, n)).__name__ == "module"}
    assert public - modules <= set(eventwire.__all__)


def test_public_api_extract_one_string():
    rec = eventwire.extract("KYIV, March 14 (AFP) - Fighters of the Russian Volunteer Corps (RDK) said on Thursday "
                            "that their raids would continue.\n© Copyright AFP 2024")
    assert rec.published.date == "2024-03-14"
    corps = next(e for e in rec.entities if e.name == "Russian Volunteer Corps")
    assert corps.aliases == ["RDK"]


def test_public_api_model_not_found_message():
    from eventwire.errors import ModelNotFound
    from eventwire.pipeline.nlp import load_spacy

    try:
        load_spacy("no_such_model_package_xyz")
    except ModelNotFound as exc:
        assert "pip install" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected ModelNotFound")
