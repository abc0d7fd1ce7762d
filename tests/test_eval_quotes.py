"""Scoring quote attribution against BRAT standoff annotations (PolNeAR's format)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.evaluate.quotes import brat_items, counts, evaluate, normalised, pairs, scores
from storyline.model import Quote

TEXT = (
    'Ruiz said that the port would close. "It is over," Varga said.\n\n'
    "Nobody heeded Varga's warning that the port would flood.\n"
)


def at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def ann() -> str:
    """Three attributions; the third has a noun cue ("warning")."""
    rows = [
        ("Source", at("Ruiz")),
        ("Cue", at("said")),
        ("Content", at("that the port would close")),
        ("Content", at('"It is over,"')),
        ("Source", at("Varga")),
        ("Cue", at("said", 1)),
        ("Source", at("Varga's")),
        ("Cue", at("warning")),
        ("Content", at("that the port would flood")),
    ]
    lines = [f"T{n}\t{kind} {s} {e}\t{TEXT[s:e]}" for n, (kind, (s, e)) in enumerate(rows, 1)]
    lines.append("T10\tDiscuss 0 4\tRuiz")
    lines.append("E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3")
    return "\n".join(lines) + "\n"


def test_normalised_trims_quote_marks_and_punctuation():
    assert normalised(TEXT, [at('"It is over,"')]) == (at("It is over"),)
    assert normalised(TEXT, [at("Varga's")]) == (at("Varga's"),)
    assert normalised(TEXT, [(0, 0), at("Ruiz")]) == (at("Ruiz"),)


def test_brat_items_by_role():
    items = brat_items(ann(), TEXT)
    assert len(items["source"]) == 3 and len(items["cue"]) == 3 and len(items["content"]) == 3
    assert (at("It is over"),) in items["content"]


def test_discontinuous_brat_span_is_one_item():
    a, b = at("Ruiz"), at("that the port would close")
    items = brat_items(f"T1\tContent {a[0]} {a[1]};{b[0]} {b[1]}\tx\n", TEXT)
    assert items["content"] == [(a, b)]


def test_counts_exact_and_overlap():
    gold = [(at("that the port would close"),), (at("It is over"),)]
    pred = [(at("the port would close"),), (at("It is over"),), (at("Varga's"),)]
    c = counts(gold, pred)
    assert c["exact"] == {"pred_tp": 1, "gold_tp": 1, "pred": 3, "gold": 2}
    assert c["overlap"] == {"pred_tp": 2, "gold_tp": 2, "pred": 3, "gold": 2}
    s = scores(c["overlap"])
    assert (s["precision"], s["recall"], s["f1"]) == (66.7, 100.0, 80.0)
    assert scores({"pred_tp": 0, "gold_tp": 0, "pred": 0, "gold": 0})["f1"] == 0.0


def test_a_folder_without_polnear_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        pairs(tmp_path, "dev")


def write_polnear(root: Path) -> None:
    (root / "polnear" / "dev" / "text").mkdir(parents=True)
    (root / "polnear" / "dev" / "attributions").mkdir(parents=True)
    (root / "polnear" / "dev" / "text" / "port.txt").write_text(TEXT, encoding="utf-8")
    (root / "polnear" / "dev" / "attributions" / "port_ab12.ann").write_text(ann(), encoding="utf-8")
    # A second annotator's file of the same article is ignored: the first in name order counts.
    (root / "polnear" / "dev" / "attributions" / "port_cd34.ann").write_text("", encoding="utf-8")


@pytest.mark.model
def test_evaluate_on_a_hand_written_pair(tmp_path, nlp):
    write_polnear(tmp_path)
    result = evaluate(tmp_path, "dev", nlp=nlp)
    assert result["files"] == 1
    for role in ("source", "cue", "content"):
        exact = result["exact"][role]
        assert (exact["pred_tp"], exact["pred"], exact["gold"]) == (3, 3, 3), role
        assert (exact["precision"], exact["recall"], exact["f1"]) == (100.0, 100.0, 100.0)
    assert result["errors"]["source"] == {"exact": 1}  # the one E line: Ruiz said …


def test_quote_items_dedupe_shared_cues():
    from storyline.evaluate.quotes import quote_items

    cue = at("said", 1)
    q1 = Quote("t", (at("It is over"),), "direct", speaker=at("Varga"), cue=cue)
    q2 = Quote("t", (at("Ruiz"),), "direct", speaker=at("Varga"), cue=cue, method="rules-carried")
    items = quote_items([q1, q2], TEXT)
    assert items["cue"] == [(cue,)] and items["source"] == [(at("Varga"),)] and len(items["content"]) == 2


@pytest.mark.model
def test_polnear_dev_floor(shared_data, nlp):
    if not (shared_data / "polnear" / "dev").is_dir():
        pytest.skip("PolNeAR dev split is absent")
    result = evaluate(shared_data, "dev", limit=20, nlp=nlp)
    assert result["files"] == 20
    # Measured on these 20 files: exact F1 79.0 / 74.6 / 61.2, overlap F1 79.7 / 82.3 / 87.2
    # (all 84 dev files: exact 76.7 / 72.1 / 59.8; see results/quotes-polnear-dev.json).
    assert result["exact"]["source"]["f1"] >= 78.5
    assert result["exact"]["cue"]["f1"] >= 74.1
    assert result["exact"]["content"]["f1"] >= 60.5
    assert result["overlap"]["content"]["f1"] >= 86.7
    assert set(result["speed"]) == {"spacy_s", "attribution_s", "ratio"}  # reported, not timed here
