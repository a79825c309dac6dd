"""Cross-document event coreference scores, and the ECB+ and GVC evaluations when ../shared is there."""

import json
from pathlib import Path

import pytest

from eventwire.eval.coref import Document, Mention, b_cubed, ceaf_e, conll, end_to_end, event_stem, muc

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "coref"
KEY = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


def test_scores_of_a_worked_example():
    assert muc(KEY, RESPONSE) == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}
    assert b_cubed(KEY, RESPONSE) == {"precision": 0.7333, "recall": 0.7333, "f1": 0.7333}
    assert ceaf_e(KEY, RESPONSE) == {"precision": 0.8, "recall": 0.8, "f1": 0.8}  # {abc}-{ab} 0.8 + {de}-{cde} 0.8
    assert conll(KEY, RESPONSE)["conll_f1"] == round((0.6667 + 0.7333 + 0.8) / 3, 4)


def test_perfect_and_all_singleton_responses():
    assert conll(KEY, KEY)["conll_f1"] == 1.0
    alone = {m: m for m in KEY}
    assert muc(KEY, alone)["recall"] == 0.0 and b_cubed(KEY, alone)["precision"] == 1.0
    assert ceaf_e(KEY, alone)["recall"] == round((2 / 4 + 2 / 3) / 2, 4)  # each gold cluster's best singleton


def test_ceaf_alignment_is_one_to_one():
    key = {"a": "1", "b": "1", "c": "2"}
    response = {"a": "x", "b": "x", "c": "x"}  # one response cluster can match only one gold cluster
    assert ceaf_e(key, response) == {"precision": 0.8, "recall": 0.4, "f1": 0.5333}


def test_event_words_of_one_happening_share_a_key():
    lemmas = {"shoot", "arrest", "die"}
    assert event_stem("death", lemmas) == event_stem("kill", lemmas) == "die"
    assert event_stem("wound", lemmas) == event_stem("injury", lemmas)
    assert event_stem("arrest", lemmas) == "arrest"
    assert event_stem("election", lemmas) == "election"
    # the life lost and the mourning are the death; the surgery the injury; the shooter and "fired" the gun fired;
    # "the incident" and "the tragedy" the whole happening; "shot" someone stays the hit, apart from the firing
    assert event_stem("lose", lemmas) == event_stem("mourn", lemmas) == event_stem("die", lemmas)
    assert event_stem("surgery", lemmas) == event_stem("wound", lemmas)
    assert event_stem("shooter", lemmas) == event_stem("fire", lemmas) == event_stem("shooting", lemmas)
    assert event_stem("shot", lemmas) == event_stem("shoot", lemmas) != event_stem("fire", lemmas)
    assert event_stem("incident", lemmas) == event_stem("tragedy", lemmas)


def test_gvc_mentions_read_their_sentences_from_the_conll_file(tmp_path):
    """uCDCR's GVC mentions give their positions in a sentence of dataset.conll; the loader gives them its words."""
    from eventwire.eval.coref import load_gvc_mentions

    part = tmp_path / "output_data" / "val"
    part.mkdir(parents=True)
    key = "0/111/doc1"
    rows = [(0, 0, "2016-12-12"), (1, 0, "A"), (1, 1, "man"), (1, 2, "was"), (1, 3, "shot"), (1, 4, "."),
            (2, 0, "He"), (2, 1, "died"), (2, 2, ".")]
    (part / "dataset.conll").write_text("#begin document (0/111/doc1); part 0\n" + "".join(
        f"{key}\t{s}\t{i}\t{w}\t-\n" for s, i, w in rows) + "#end document\n", encoding="utf-8")
    mention = {"doc_id": "doc1", "mention_id": "m1", "coref_chain": "c1", "subtopic_id": "111", "sent_id": 2,
               "tokens_number": [1], "mention_head_lemma": "die"}
    (part / "event_mentions.json").write_text(json.dumps([mention]), encoding="utf-8")
    docs, mentions = load_gvc_mentions(tmp_path / "output_data", {})
    assert [d.gold for d in docs] == ["111"] and mentions[0].sentence == ["He", "died", "."]
    assert mentions[0].sentence[mentions[0].span[0]] == "died" and mentions[0].lemma == "die"


@pytest.mark.skipif(not (SHARED / "ecbplus").is_dir(), reason="../shared/data/coref is not there")
def test_eval_coref_ecbplus_cli(tmp_path):
    from click.testing import CliRunner

    from eventwire.cli import cli

    out = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(cli, ["eval", "coref", "ecbplus", str(SHARED / "ecbplus"), "--json",
                                      "--predictions", str(out)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["task"] == "coref" and summary["dataset"] == "ecbplus" and summary["n"] == 2965
    folds = summary["metrics"]["folds"]
    assert folds["dev"]["mentions"] + folds["sealed"]["mentions"] == 2965
    assert folds["all"]["gold_topics"]["conll_f1"] > 0.7  # well above chance; the figure is in docs/benchmarks.md
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    settings = {r["setting"] for r in rows}
    assert settings - {"gold_topics_pairs", "no_topics_pairs"} == {"gold_topics", "no_topics", "documents",
                                                                   "end_to_end"}
    if "gold_topics_pairs" in settings:  # the pair model, with the embeddings extra
        pairs = [r for r in rows if r["setting"] == "gold_topics_pairs"]
        assert conll({r["id"]: r["gold"] for r in pairs}, {r["id"]: r["predicted"] for r in pairs})["conll_f1"] == \
            folds["all"]["gold_topics_pairs"]["conll_f1"]
    assert 0 < folds["all"]["end_to_end_matched"] < 1
    # every figure can be recomputed from the predictions
    gold = [r for r in rows if r["setting"] == "gold_topics"]
    key, response = {r["id"]: r["gold"] for r in gold}, {r["id"]: r["predicted"] for r in gold}
    assert conll(key, response)["conll_f1"] == folds["all"]["gold_topics"]["conll_f1"]
    dev = [r for r in gold if r["fold"] == "dev"]
    assert conll({r["id"]: r["gold"] for r in dev}, {r["id"]: r["predicted"] for r in dev})["conll_f1"] == \
        folds["dev"]["gold_topics"]["conll_f1"]


def test_end_to_end_matches_gold_mentions_to_the_events_whose_triggers_overlap_them():
    """Two documents in one cluster: an attack told in both is one event; a mention no event overlaps stays alone."""
    from types import SimpleNamespace as NS

    docs = [Document("a", "1", "1ecb", sentences={0: ["Rebels", "attacked", "the", "town", "."]}),
            Document("b", "1", "1ecb", sentences={1: ["The", "attack", "was", "said", "to", "be", "big", "."]})]
    mentions = [Mention("a:1", "a", "X", docs[0].sentences[0], [1], sent=0),
                Mention("b:1", "b", "X", docs[1].sentences[1], [1], sent=1),
                Mention("b:2", "b", "Y", docs[1].sentences[1], [3], sent=1)]

    class Reader:
        def process(self, articles):
            for article in articles:
                start = article.text.index("attack")
                mention = NS(evidence=NS(trigger=(start, start + 6)))
                yield NS(events=[NS(type="ASSAULT", mentions=[mention])])

    clusters, matched = end_to_end(docs, mentions, {"a": "D1", "b": "D1"}, Reader())
    assert clusters["a:1"] == clusters["b:1"] == "D1|ASSAULT" and matched == {"a:1", "b:1"}
    assert clusters["b:2"] == "alone:b:2"


def test_pair_model_joins_mentions_its_weights_call_one_happening():
    """Three mentions of one document cluster: the two whose sentences and words agree join, the third stays."""
    import numpy as np

    from eventwire.eval.coref import MentionView, pair_clusters, pair_features

    def view(x, stem):
        v = np.array([x, 1.0 - x]) / np.linalg.norm([x, 1.0 - x])
        return MentionView(v, v, stem, stem, frozenset({"gaza"}))

    sentence = ["Israel", "struck", "Gaza", "."]
    mentions = [Mention("a:1", "a", "X", sentence, [1], sent=0), Mention("b:1", "b", "X", sentence, [1], sent=0),
                Mention("b:2", "b", "Y", sentence, [1], sent=1)]
    views = {"a:1": view(0.9, "strike"), "b:1": view(0.85, "strike"), "b:2": view(0.05, "vote")}
    features = pair_features(mentions[0], mentions[1], views["a:1"], views["b:1"], 0.4)
    assert features["same_stem"] == 1.0 and features["word_cos"] > 0.99 and features["doc_cos"] == 0.4
    assert features["names_shared"] == 1.0 and features["same_doc"] == 0.0
    weights = {"bias": -4.0, "same_stem": 3.0, "word_cos": 2.0}
    clusters = pair_clusters(mentions, {"a": "D1", "b": "D1"}, views, {"a": {}, "b": {}}, weights, 0.5)
    assert clusters["a:1"] == clusters["b:1"] != clusters["b:2"]


def test_shipped_pair_model_is_what_its_script_writes():
    from eventwire.eval.coref import PAIR_MODEL_PATH

    data = json.loads(PAIR_MODEL_PATH.read_text(encoding="utf-8"))
    assert set(data) == {"about", "threshold", "weights"} and 0 < data["threshold"] < 1
    assert data["about"]["trained_by"] == "scripts/train_coref_pairs.py"
    assert "sealed topics never read" in data["about"]["trained_on"]
    assert str(data["threshold"]) in data["about"]["conll_f1_cv"]


def _read_uses(said: list[tuple[str, str, str]], nlp):
    """Mentions of one document from (sentence, event word, its expected use), their uses checked, and their
    clusters."""
    from eventwire.eval.coref import cluster_mentions, head_lemmas

    mentions = [Mention(f"d:{n}", "d", "g", text.split(), [text.split().index(word)])
                for n, (text, word, _) in enumerate(said)]
    head_lemmas(mentions, nlp)
    assert [m.use for m in mentions] == [use for *_, use in said]
    return mentions, cluster_mentions(mentions, {"d": "D"})


def test_how_a_sentence_uses_shoot_tells_the_gun_fired_from_the_person_hit(nlp):
    """"Shot" alone is either; the sentence says which: someone shot is the hit, shots and shooting at are the
    firing, a gun that went off was fired, and a noun said of a happening ("it was an accident") is no mention."""
    said = [("A man was shot in the leg on Friday .", "shot", "hit"),
            ("He shot his neighbor after an argument .", "shot", "hit"),
            ("Neighbors heard shots before midnight .", "shots", "fired"),
            ("The man shot at the house from his car .", "shot", "fired"),
            ("Police are investigating the shooting .", "shooting", "fired"),
            ("The rifle went off while he cleaned it .", "went", "fired"),
            ("Officials said it was an accident .", "accident", "predicate"),
            ("There was a fire in the house .", "fire", "")]
    mentions, key = _read_uses(said, nlp)
    assert key["d:0"] == key["d:1"] != key["d:2"]
    assert key["d:2"] == key["d:3"] == key["d:4"] == key["d:5"]
    assert key["d:6"] not in {key[m.id] for m in mentions if m.id != "d:6"}


def test_phrases_whose_words_name_an_event_otherwise(nlp):
    """"Opened fire" is a gun fired, "found guilty" and "a guilty verdict" a conviction, "ran away" and the run of
    a hit-and-run a flight, "taken into custody" an arrest, and "the shooting death" the firing that caused the
    death."""
    said = [("Gunmen opened fire on the crowd .", "opened", "fired"),
            ("Shots were heard across the street .", "Shots", "fired"),
            ("A jury found him guilty on Friday .", "found", "convicted"),
            ("The jury returned a guilty verdict .", "verdict", "convicted"),
            ("He was convicted of murder .", "convicted", ""),
            ("The suspect ran away from the scene .", "ran", "fled"),
            ("The suspect fled the scene .", "fled", ""),
            ("Woman killed in Queens hit - and - run , driver charged .", "run", "fled"),
            ("Police took him into custody on Monday .", "took", "arrested"),
            ("Police arrested him on Monday .", "arrested", ""),
            ("He was charged in the shooting death of his daughter .", "shooting", "fired")]
    _, key = _read_uses(said, nlp)
    assert key["d:0"] == key["d:1"] == key["d:10"]
    assert key["d:2"] == key["d:3"] == key["d:4"]
    assert key["d:5"] == key["d:6"] == key["d:7"] and key["d:8"] == key["d:9"] != key["d:2"]


def test_synonyms_and_derived_nouns_of_one_event_word():
    lemmas = {"arrest", "thwart", "destroy", "disappear", "arrive", "elect"}
    assert event_stem("capture", lemmas) == event_stem("apprehend", lemmas) == event_stem("arrest", lemmas)
    assert event_stem("thwart", lemmas) == event_stem("foil", lemmas)
    assert event_stem("devastate", lemmas) == event_stem("damage", lemmas)
    assert event_stem("temblor", lemmas) == event_stem("earthquake", lemmas)
    assert event_stem("blast", lemmas) == event_stem("explosion", lemmas)
    # a noun of a verb the set uses: "disappearance", "arrival", "election"
    assert event_stem("disappearance", lemmas) == "disappear" and event_stem("arrival", lemmas) == "arrive"
    assert event_stem("election", lemmas) == "elect" and event_stem("trial", lemmas) == "trial"


def test_a_headline_in_title_case_is_parsed_in_sentence_case(nlp):
    from eventwire.eval.coref import cluster_mentions, head_lemmas, sentence_case

    assert sentence_case("Man Charged After Accidentally Shooting Friend".split()) == \
        "Man charged after accidentally shooting friend".split()
    assert sentence_case("Police said John Smith shot a man .".split()) == "Police said John Smith shot a man .".split()
    assert sentence_case("FBI Agents Arrest Suspect".split())[1] == "agents"
    assert sentence_case("FBI Agents Arrest Suspect".split())[0] == "FBI"
    mentions = [Mention("d:0", "d", "g", "Teen Dies After Accidentally Shooting Friend".split(), [4]),
                Mention("d:1", "d", "g", "A teen shot his friend on Friday .".split(), [2])]
    head_lemmas(mentions, nlp)
    assert [m.use for m in mentions] == ["hit", "hit"]
    # a lemma the parser left inflected in a headline ("Dies") is the set's lemma; a plural noun stays a plural
    mentions = [Mention("d:2", "d", "g", ["x"], [0], lemma="dies", tag="NNP"),
                Mention("d:3", "d", "g", ["x"], [0], lemma="die", tag="VBD"),
                Mention("d:4", "d", "g", ["x"], [0], lemma="incidents", tag="NNS"),
                Mention("d:5", "d", "g", ["x"], [0], lemma="incident", tag="NN")]
    key = cluster_mentions(mentions, {"d": "D"})
    assert key["d:2"] == key["d:3"] and key["d:4"] != key["d:5"]


def test_a_document_left_alone_joins_the_cluster_of_the_document_most_like_it():
    """Three long reports of one quake cluster by average link; a short one shares a few words with one of them
    (cosine 0.25), too few with the three (average 0.08), and joins their cluster through it; a report of another
    happening stays alone."""
    from eventwire.eval.coref import cluster_documents, document_similarity, document_vectors

    quake = ("A strong earthquake struck Kermadec Islands on Sunday and shook Raoul , the tsunami centre in Hawaii "
             "said . Magnitude 7.4 was measured by GeoNet seismologists .").split()
    docs = [Document(f"q{i}", "1", "1ecb", words=quake + extra.split()) for i, extra in enumerate(
        ("Campers on Boat Cove fled uphill .", "No damage was reported in Wellington .",
         "Ferries to Tonga were halted ."))]
    docs.append(Document("short", "1", "1ecb", words="Boat Cove campers were safe , Maria Lopez wrote .".split()))
    docs.append(Document("other", "1", "1ecbplus", words="The mayor of Leeds opened a library on Tuesday .".split()))
    cos = document_similarity(document_vectors(docs))
    assert cos("short", "q0") >= 0.2 > (cos("short", "q0") + cos("short", "q1") + cos("short", "q2")) / 3
    clusters = cluster_documents(docs, [[d.id for d in docs]], threshold=0.2)
    assert clusters["q0"] == clusters["q1"] == clusters["q2"] == clusters["short"] != clusters["other"]
