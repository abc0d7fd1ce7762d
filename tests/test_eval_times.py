"""The TimeML scorer: reading .tml files, aligning spans, TempEval-3 figures; and the real score."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.evaluate.times import GoldTimex, align, evaluate, read_timeml, score

# A Friday. One exact hit (Friday), one partial ("early July" found, "July" annotated), one miss
# ("a while" is not found), one spurious ("three days" is found but not annotated).
TINY = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TINY1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">1998-08-07</TIMEX3></DCT>
<TEXT>
Dock workers at Harlow &amp; Pike <EVENT eid="e1">walked</EVENT> out <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3>.
The dispute began in early <TIMEX3 tid="t2" type="DATE" value="1998-07">July</TIMEX3> and lasted
<TIMEX3 tid="t3" type="DURATION" value="PXD">a while</TIMEX3>; talks took three days.
</TEXT>
</TimeML>
"""


def test_read_timeml_offsets_point_into_plain_text():
    doc = read_timeml(TINY, "tiny.tml")
    assert doc.dct == "1998-08-07"
    assert "&amp;" not in doc.text and "Harlow & Pike" in doc.text
    assert [t.text for t in doc.timexes] == ["Friday", "July", "a while"]  # the DCT is not scored
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text
    assert doc.timexes[2].type == "DURATION" and doc.timexes[2].value == "PXD"


def test_read_timeml_without_text_is_an_input_error():
    with pytest.raises(InputError):
        read_timeml("<TimeML><DOCID>x</DOCID></TimeML>", "empty.tml")


def test_evaluate_on_a_tiny_file(tmp_path: Path):
    (tmp_path / "tiny.tml").write_text(TINY, encoding="utf-8")
    result = evaluate(tmp_path, parse=False)
    assert result["method"] == "find"
    assert (result["gold"], result["predicted"], result["documents"]) == (3, 3, 1)
    assert (result["strict_matches"], result["relaxed_matches"]) == (1, 2)
    assert result["strict_precision"] == result["strict_recall"] == result["strict_f1"] == 33.3
    assert result["relaxed_precision"] == result["relaxed_recall"] == result["relaxed_f1"] == 66.7
    assert result["type_accuracy"] == 100.0 and result["value_accuracy"] == 100.0
    assert result["value_f1"] == 66.7
    errors = result["errors"]
    assert errors["missed_samples"] == [("a while", "PXD", "", "")]
    assert errors["spurious_samples"] == [("", "", "three days", "P3D")]
    assert errors["wrong_value"] == 0


def test_score_counts_wrong_values_and_types():
    gold = [GoldTimex(0, 6, "Friday", "DATE", "1998-08-07"), GoldTimex(10, 19, "two weeks", "DURATION", "P2W")]
    predicted = [GoldTimex(0, 6, "Friday", "DATE", "1998-07-31"), GoldTimex(10, 19, "two weeks", "DATE", "P2W")]
    result = score([(gold, predicted)])
    assert result["strict_f1"] == 100.0
    assert result["type_accuracy"] == 50.0 and result["value_accuracy"] == 50.0
    assert result["value_f1"] == 50.0 and result["type_f1"] == 50.0
    assert result["errors"]["wrong_value_samples"] == [("Friday", "1998-08-07", "Friday", "1998-07-31")]


def test_align_is_one_to_one_and_prefers_exact_spans():
    gold = [GoldTimex(0, 10, "a", "DATE", "x"), GoldTimex(12, 20, "b", "DATE", "y")]
    predicted = [GoldTimex(0, 20, "ab", "DATE", "x"), GoldTimex(12, 20, "b", "DATE", "y")]
    assert sorted(align(gold, predicted)) == [(0, 0), (1, 1)]


def test_week_values_compare_regardless_of_padding():
    gold = [GoldTimex(0, 9, "this week", "DATE", "2000-W7")]
    predicted = [GoldTimex(0, 9, "this week", "DATE", "2000-W07")]
    assert score([(gold, predicted)])["value_f1"] == 100.0


@pytest.mark.model
def test_evaluate_scores_the_parsed_extractor_and_find_alongside(tmp_path: Path, nlp):
    (tmp_path / "tiny.tml").write_text(TINY, encoding="utf-8")
    result = evaluate(tmp_path, nlp=nlp)
    assert result["method"] == "times (spaCy parse)"
    assert (result["gold"], result["relaxed_matches"]) == (3, 2)
    assert result["find"]["relaxed_matches"] == 2 and "missed_samples" not in result["find"]["errors"]


def test_timebank_and_aquaint_string_level_scores_stay_above_their_floors(shared_data: Path):
    data = shared_data / "timeml" / "tbaq"
    if not data.is_dir():
        pytest.skip(f"{data} is absent")
    result = evaluate(data, parse=False)
    # Measured (find, all 256 documents): strict F1 90.1, relaxed 94.9, type accuracy 96.6, value F1 82.2.
    assert result["documents"] >= 250
    assert result["strict_f1"] >= 89.8
    assert result["relaxed_f1"] >= 94.6
    assert result["value_f1"] >= 81.9
    assert result["type_accuracy"] >= 96.3


@pytest.mark.model
def test_timebank_and_aquaint_parsed_scores_stay_above_their_floors(shared_data: Path, nlp):
    data = shared_data / "timeml" / "tbaq"
    if not data.is_dir():
        pytest.skip(f"{data} is absent")
    # The first 32 documents keep the suite fast; results/times-tbaq.json has all 256 (strict F1 90.1, value F1 83.4).
    result = evaluate(data, limit=32, nlp=nlp)
    # Measured on these 32: strict F1 92.7, value F1 80.5 (find: 78.6).
    assert result["documents"] == 32
    assert result["strict_f1"] >= 92.0
    assert result["value_f1"] >= 80.2
    assert result["value_f1"] >= result["find"]["value_f1"] - 0.5  # the parse must not cost values


def test_speed_reports_rates_and_the_ratio_to_spacy(shared_data: Path):
    import spacy

    from storyline.evaluate.times import speed

    data = shared_data / "timeml" / "tbaq"
    if not data.is_dir():
        pytest.skip(f"{data} is absent")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    result = speed(data, nlp=nlp, limit=3, repeat=1)
    assert result["documents"] == 3 and result["sentences"] > 0
    assert result["times_sentences_per_s"] > 0 and result["times_over_spacy"] is not None
