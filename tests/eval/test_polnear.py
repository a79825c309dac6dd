"""The PolNeAR harness on a tiny hand-made brat corpus whose scores are worked out by hand."""

from eventwire.eval.polnear import evaluate_polnear, read_ann

from ..conftest import FIXTURES

TOY = FIXTURES / "polnear"


def test_polnear_reader_first_annotator_and_discontinuous_spans():
    skipped: dict[str, int] = {}
    atts = read_ann(TOY / "attributions" / "toy_aa01.ann", skipped)
    assert len(atts) == 2
    assert len(atts[1]["content"]) == 2  # discontinuous content: two pieces
    assert skipped == {}


def test_polnear_scores(nlp, gazetteer):
    r = evaluate_polnear(str(TOY), nlp=nlp, gazetteer=gazetteer)
    (doc,) = r.predictions
    assert doc["id"] == "toy" and len(doc["gold"]) == 2  # the first annotator's file, not toy_zz99
    m = r.metrics
    # Both sources and both cues are found exactly: P = R = 1.
    assert m["exact"]["source"]["f1"] == 1.0 and m["exact"]["cue"]["f1"] == 1.0
    # Content: the first matches exactly; the second is gold-discontinuous, so exact gets 1 of 2 each way.
    assert m["exact"]["content"]["precision"] == 0.5 and m["exact"]["content"]["recall"] == 0.5
    # The predicted second content covers the gold pieces and the one space between them: by characters that
    # space is a false positive; by tokens, as citron counts, it is no token, so overlap is perfect.
    assert m["char_overlap"]["content"]["recall"] == 1.0 and m["char_overlap"]["content"]["fp"] == 1
    assert m["overlap"]["content"]["precision"] == 1.0 and m["overlap"]["content"]["recall"] == 1.0
    # The predictions file carries the tokens, so the token scores can be recomputed from it alone.
    assert tuple(doc["predicted"][0]["cue"][0]) in doc["tokens"]


def test_polnear_shape_joins_a_continued_quotation_to_its_attribution(nlp):
    from eventwire.eval.polnear import as_polnear
    from eventwire.pipeline.quotes import find_attributions

    text = ('"We will not stop until the border is safe," the commander said. "Our units are ready for anything '
            'that comes next."')
    found = find_attributions(nlp(text))
    assert len(found) == 2 and found[1].extra.get("continues") is found[0]
    (att,) = as_polnear(found)
    assert [text[s:e] for s, e in att["content"]] == [
        '"We will not stop until the border is safe,"', '"Our units are ready for anything that comes next."']
    assert [text[s:e] for s, e in att["cue"]] == ["said"]
