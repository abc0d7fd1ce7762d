"""Coreference metrics on hand-made clusterings, and the ECB+ entity evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluate.coref_metrics import b_cubed, ceaf_e, clusters, conll, muc
from storyline.evaluate.entities import documents, read_ecb, scaling, synthetic_analyses

RESULTS = Path(__file__).resolve().parents[1] / "results" / "entities-ecbplus.json"

KEY = [frozenset("abc"), frozenset("defg")]
RESPONSE = [frozenset("ab"), frozenset("cd"), frozenset("fghi")]


def test_muc_counts_links():
    # key links: 2 + 3; the response keeps 1 of the first and 1 of the second
    s = muc(KEY, RESPONSE)
    assert s.recall == pytest.approx(2 / 5) and s.precision == pytest.approx(2 / 5)


def test_b_cubed_averages_over_mentions():
    s = b_cubed(KEY, RESPONSE)
    assert s.recall == pytest.approx((4 / 3 + 1 / 3 + 1 / 4 + 4 / 4) / 7)
    assert s.precision == pytest.approx((2 + 1 / 2 + 1 / 2 + 4 / 4) / 8)


def test_ceaf_e_aligns_clusters_one_to_one():
    s = ceaf_e(KEY, RESPONSE)
    # best alignment: abc~ab (2·2/5) and defg~fghi (2·2/8)
    assert s.recall == pytest.approx((0.8 + 0.5) / 2)
    assert s.precision == pytest.approx((0.8 + 0.5) / 3)


def test_perfect_and_singleton_responses():
    perfect = conll(KEY, KEY)
    assert perfect["conll_f1"] == 100.0
    singletons = [frozenset({m}) for c in KEY for m in c]
    assert muc(KEY, singletons).recall == 0.0
    assert b_cubed(KEY, singletons).precision == 1.0
    assert b_cubed(KEY, singletons).recall == pytest.approx(2 / 7)
    one = [frozenset("abcdefg")]
    assert muc(KEY, one).recall == 1.0 and muc(KEY, one).precision == pytest.approx(5 / 6)
    assert conll(KEY, [])["conll_f1"] == 0.0


def test_clusters_from_pairs():
    assert sorted(map(sorted, clusters([(1, "x"), (2, "y"), (3, "x")]))) == [[1, 3], [2]]


ECB_DOC = """<Document doc_name="{name}" doc_id="1">
<token t_id="1" sentence="0" number="0">Mayor</token>
<token t_id="2" sentence="0" number="1">Olek</token>
<token t_id="3" sentence="0" number="2">Brandt</token>
<token t_id="4" sentence="0" number="3">visited</token>
<token t_id="5" sentence="0" number="4">Korvale</token>
<token t_id="6" sentence="0" number="5">.</token>
<token t_id="7" sentence="1" number="0">He</token>
<token t_id="8" sentence="1" number="1">thanked</token>
<token t_id="9" sentence="1" number="2">Tessin</token>
<token t_id="10" sentence="1" number="3">Mills</token>
<token t_id="11" sentence="1" number="4">.</token>
<Markables>
<HUMAN_PART_PER m_id="1"><token_anchor t_id="2"/><token_anchor t_id="3"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="2"><token_anchor t_id="7"/></HUMAN_PART_PER>
<LOC_GEO m_id="3"><token_anchor t_id="5"/></LOC_GEO>
<HUMAN_PART_ORG m_id="4"><token_anchor t_id="9"/><token_anchor t_id="10"/></HUMAN_PART_ORG>
<ACTION_OCCURRENCE m_id="5"><token_anchor t_id="4"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="9" RELATED_TO="" TAG_DESCRIPTOR="brandt" instance_id="HUM1" />
<UNKNOWN_INSTANCE_TAG m_id="8" RELATED_TO="" TAG_DESCRIPTOR="" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="HUM1"><source m_id="1" /><source m_id="2" /><target m_id="9" /></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="2"><source m_id="4" /><target m_id="8" /></INTRA_DOC_COREF>
</Relations>
</Document>
"""


def test_read_ecb():
    doc = read_ecb(ECB_DOC.format(name="7_1ecb.xml"))
    assert doc.topic == 7 and doc.text.startswith("Mayor Olek Brandt visited Korvale.\nHe thanked")
    by_text = {g.text: g for g in doc.mentions}
    assert set(by_text) == {"Olek Brandt", "He", "Korvale", "Tessin Mills"}  # no action mentions
    assert by_text["Olek Brandt"].cluster == by_text["He"].cluster == "HUM1"
    assert by_text["Tessin Mills"].cluster == "7_1ecb.xml/8" and by_text["Tessin Mills"].label == "ORG"
    assert by_text["Korvale"].cluster == "7_1ecb.xml/3"  # a singleton
    assert all(doc.text[g.start : g.end] == g.text for g in doc.mentions)


def test_read_ecb_writes_tokens_as_prose():
    words = ['"', "We", "met", "in", "the", "U", ".", "S", ".", "at", "5", ":", "03pm", ",", '"', "Lohan", "’", "s",
             "hit", "-", "and", "-", "run", "lawyer", "(", "AP", ")", "said", "``", "no", "''", "in", "2007", ".", "A"]
    tokens = "".join(f'<token t_id="{i}" sentence="0" number="{i}">{w}</token>' for i, w in enumerate(words, 1))
    doc = read_ecb(f'<Document doc_name="3_1ecb.xml">{tokens}<Markables/><Relations/></Document>')
    assert doc.text == (
        '"We met in the U.S. at 5:03pm," Lohan’s hit-and-run lawyer (AP) said ``no\'\' in 2007. A'
    )


def test_read_ecb_runs_an_open_quotation_on_into_the_next_sentence():
    sentences = [["“", "We", "won", "."], ["It", "was", "hard", ",", "”", "he", "said", "."], ["Rain", "fell", "."]]
    tokens = "".join(
        f'<token t_id="{n}{i}" sentence="{n}" number="{i}">{w}</token>'
        for n, words in enumerate(sentences) for i, w in enumerate(words)
    )
    doc = read_ecb(f'<Document doc_name="3_2ecb.xml">{tokens}<Markables/><Relations/></Document>')
    assert doc.text == "“We won. It was hard,” he said.\nRain fell."


def test_read_ecb_rejects_other_input():
    from storyline.errors import InputError

    with pytest.raises(InputError):
        read_ecb("not xml at all", "x.xml")


@pytest.mark.model
def test_evaluate_on_a_tiny_corpus(tmp_path, nlp):
    from storyline.evaluate.entities import evaluate

    (tmp_path / "7").mkdir()
    for name in ("7_1ecb.xml", "7_2ecb.xml"):
        (tmp_path / "7" / name).write_text(ECB_DOC.format(name=name), encoding="utf-8")
    assert len(documents(tmp_path)) == 2
    result = evaluate(tmp_path, nlp=nlp)
    gold = result["gold_mentions"]
    assert gold["key_mentions"] == gold["response_mentions"] == 8
    # "Olek Brandt" and "He" in both documents form one cluster; storyline gets that right.
    assert gold["muc"]["recall"] == 100.0
    assert result["storyline_mentions"]["matched_mentions"] >= 2


def test_synthetic_scaling_runs():
    assert len(synthetic_analyses(5)) == 5
    (row,) = scaling((200,))
    assert row["articles"] == 200 and row["mentions"] > 2000 and row["seconds"] >= row["stories_seconds"] >= 0


@pytest.mark.model
def test_ecbplus_dev_floor(shared_data, nlp):
    """One real run on two ECB+ development topics, with floors below what was measured."""
    data = shared_data / "ecbplus"
    if not data.is_dir():
        pytest.skip(f"{data} is absent")
    from storyline.evaluate.entities import evaluate

    result = evaluate(data, limit=2, nlp=nlp, split="dev")
    assert result["topics"] == 2
    assert result["gold_mentions"]["conll_f1"] >= 75.5  # measured 76.6
    assert result["storyline_mentions"]["conll_f1"] >= 54.0  # 55.3
    linked = result["linked_sentences"]
    assert linked["gold_mentions"]["conll_f1"] >= 75.0  # 76.4
    assert linked["storyline_mentions"]["conll_f1"] >= 53.5  # 55.1


def test_results_file_is_consistent():
    if not RESULTS.is_file():
        pytest.skip("no results file yet")
    data = json.loads(RESULTS.read_text(encoding="utf-8"))
    for split in data["splits"].values():
        for scored in (split, split["linked_sentences"]):
            for setting in ("gold_mentions", "storyline_mentions"):
                s = scored[setting]
                mean = (s["muc"]["f1"] + s["b3"]["f1"] + s["ceaf_e"]["f1"]) / 3
                assert abs(mean - s["conll_f1"]) < 0.11
    # Floors just under the recorded figures: a results file written by a regression fails here.
    dev = data["splits"]["dev"]
    assert dev["gold_mentions"]["conll_f1"] >= 66.0
    assert dev["storyline_mentions"]["conll_f1"] >= 48.2
    assert dev["linked_sentences"]["gold_mentions"]["conll_f1"] >= 73.3
    assert dev["linked_sentences"]["storyline_mentions"]["conll_f1"] >= 54.6
    biggest = max(data.get("scaling", [{}]), key=lambda row: row.get("articles", 0))
    if biggest.get("articles", 0) >= 100_000:  # resolution and stories stay near-linear
        assert biggest["seconds"] < 600 and biggest["peak_mib"] < 2048
