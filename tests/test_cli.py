"""The command line, end to end on the bundled examples, with the real pipeline."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.cli import main

from .conftest import EXAMPLES

pytestmark = pytest.mark.model


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_help_lists_every_command():
    out = subprocess.run([sys.executable, "-m", "storyline.cli", "--help"], capture_output=True, text=True, check=True).stdout
    for cmd in ("ingest", "articles", "entities", "quotes", "timeline", "search", "export", "report", "serve", "extract"):
        assert cmd in out


def test_articles_have_dates_and_outlets(capsys, examples_db):
    code, out, _ = run(capsys, "--db", str(examples_db), "articles", "--json")
    assert code == 0
    rows = {Path(r["source"]).name: r for r in jsonl(out)}
    # Ground truth from examples/README.md, written with the articles.
    assert rows["02_coastalwire_vantor-denies-leak.txt"]["published"] == "2025-03-03"
    assert rows["02_coastalwire_vantor-denies-leak.txt"]["date_guess"] is True
    assert rows["08_coastalwire_plant-manager-resigns.txt"]["published"] == "2025-03-20"
    assert rows["04_ledger_mayor-city-learned-sunday.html"]["published"] == "2025-03-05"
    assert rows["01_courier_dead-fish-found.md"]["published"] == "2025-03-01"
    assert rows["12_courier_vantor-charged.md"]["published"] == "2025-05-06"
    assert rows["02_coastalwire_vantor-denies-leak.txt"]["outlet"] == "Coastal Wire"
    assert all(r["title"] for r in rows.values())
    # the republished wire copy is linked to the original, not the other way round
    assert rows["03_bayline_chemical-firm-rejects-blame.txt"]["duplicate_of"] == rows["02_coastalwire_vantor-denies-leak.txt"]["id"]
    assert rows["02_coastalwire_vantor-denies-leak.txt"]["duplicate_of"] is None
    assert "README.md" not in rows


def test_quotes_filter_by_speaker_and_outlet(capsys, examples_db):
    code, out, _ = run(capsys, "--db", str(examples_db), "quotes", "--speaker", "Pryce", "--json")
    assert code == 0
    rows = jsonl(out)
    assert len(rows) >= 3
    assert all("Pryce" in (r["speaker"] or "") + (r["speaker_text"] or "") for r in rows)
    assert any(r["cue_class"] == "deny" for r in jsonl(run(capsys, "--db", str(examples_db), "quotes", "--json")[1]))
    code, out, _ = run(capsys, "--db", str(examples_db), "quotes", "--outlet", "Ledger")
    assert code == 0 and "quotes" in out


def test_timeline_is_ordered_with_sources(capsys, examples_db):
    code, out, _ = run(capsys, "--db", str(examples_db), "timeline", "--json")
    rows = jsonl(out)
    assert code == 0 and len(rows) >= 5
    dates = [r["date"] for r in rows]
    assert dates[0] < dates[-1]
    assert any(len({s["article_id"] for s in r["sources"]}) > 1 for r in rows), "no event merged across articles"


def test_entities_merge_variants_not_namesakes(capsys, examples_db):
    code, out, _ = run(capsys, "--db", str(examples_db), "entities", "--json", "--label", "PERSON")
    rows = jsonl(out)
    names = {r["name"]: r for r in rows}
    marchetti = [r for r in rows if "Marchetti" in r["name"]]
    assert len(marchetti) == 1, marchetti
    okafors = {r["name"] for r in rows if "Okafor" in r["name"]}
    assert {"Ruth Okafor", "Daniel Okafor"} <= okafors
    assert names


def test_search_and_summary(capsys, examples_db):
    code, out, _ = run(capsys, "--db", str(examples_db), "search", "minor", "release")
    assert code == 0 and "[quote]" in out and "[article]" in out
    code, out, _ = run(capsys, "--db", str(examples_db), "summary")
    assert code == 0 and "articles from" in out and "Timeline" in out


def test_export_jsonl_and_csv(capsys, examples_db, tmp_path):
    code, out, _ = run(capsys, "--db", str(examples_db), "export")
    objs = jsonl(out)
    assert code == 0 and len(objs) == 12
    assert {"id", "published", "outlet", "title", "entities", "quotes", "times", "events"} <= set(objs[0])
    target = tmp_path / "q.csv"
    code, _, err = run(capsys, "--db", str(examples_db), "export", "--what", "quotes", "--format", "csv", "-o", str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert code == 0 and rows and {"speaker", "text", "outlet", "date"} <= set(rows[0])
    code, _, err = run(capsys, "--db", str(examples_db), "export", "--format", "csv")
    assert code == 1 and "jsonl" in err


def test_report_is_self_contained(capsys, examples_db, tmp_path):
    target = tmp_path / "r.html"
    code, _, _ = run(capsys, "--db", str(examples_db), "report", "-o", str(target))
    page = target.read_text(encoding="utf-8")
    assert code == 0 and "<svg" in page and "Who said what" in page
    assert "<script src" not in page and "<link rel=\"stylesheet\"" not in page


def test_extract_contract_without_database(capsys, tmp_path):
    src = tmp_path / "in.jsonl"
    text = 'Harbourton Mayor Ruth Okafor said on Monday that the river was safe.'
    src.write_text(json.dumps({"id": "x1", "text": text, "published": "2025-03-04"}) + "\n" + "{broken\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "extract", str(src), "-o", str(out))
    assert code == 2 and "in.jsonl:2" in err
    (obj,) = jsonl(out.read_text(encoding="utf-8"))
    assert obj["id"] == "x1" and obj["published"] == "2025-03-04"
    for t in obj["times"]:
        assert text[t["span"][0]:t["span"][1]] == t["text"]
    assert any(t["value"] == "2025-03-03" for t in obj["times"])
    assert any(q["speaker_entity"] == "Ruth Okafor" for q in obj["quotes"])


def test_ingest_reports_bad_files_and_keeps_good_ones(capsys, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("A title\n\nHARBOURTON, March 3. /Coastal Wire/. The mayor said on Monday that all was well.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    db = tmp_path / "t.db"
    code, out, err = run(capsys, "--db", str(db), "ingest", str(folder), str(tmp_path / "missing"))
    assert code == 2
    assert "empty.txt" in err and "bin.txt" in err and "missing" in err
    assert "1 stored" in out and "3 skipped" in out
    code, out, _ = run(capsys, "--db", str(db), "ingest", str(folder / "good.txt"))
    assert code == 0 and "0 stored, 1 duplicate" in out


def test_commands_without_database_fail_clearly(capsys, tmp_path):
    code, _, err = run(capsys, "--db", str(tmp_path / "none.db"), "quotes")
    assert code == 1 and "no database" in err and "\n" == err[-1] and err.count("\n") == 1


def test_console_script_runs(tmp_path):
    exe = Path(sys.executable).with_name("storyline")
    if not exe.exists():
        pytest.skip("storyline console script not installed in this environment")
    out = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True, env={**os.environ})
    assert out.stdout.startswith("storyline ")


def test_merge_and_split_survive_reanalysis(capsys, tmp_path):
    import shutil

    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("1*", "README*"))
    db = str(tmp_path / "o.db")
    assert run(capsys, "--db", db, "ingest", str(folder))[0] == 0
    code, out, _ = run(capsys, "--db", db, "split", "Yelena Marchetti", "Elena Marchetti")
    assert code == 0 and "two entities" in out
    # a later ingest re-runs resolution: the user's split still holds
    assert run(capsys, "--db", db, "ingest", str(EXAMPLES / "10_undercurrent_inquiry-small-print.html"))[0] == 0
    names = {r["name"] for r in jsonl(run(capsys, "--db", db, "entities", "--json", "Marchetti")[1])}
    assert names == {"Yelena Marchetti", "Elena Marchetti"}
    (override,) = jsonl(run(capsys, "--db", db, "overrides", "--json")[1])
    assert run(capsys, "--db", db, "overrides", "--remove", str(override["id"]))[0] == 0
    names = {r["name"] for r in jsonl(run(capsys, "--db", db, "entities", "--json", "Marchetti")[1])}
    assert len(names) == 1
    code, _, err = run(capsys, "--db", db, "merge", "Yelena Marchetti", "Nobody Atall")
    assert code == 1 and "no entity" in err


def test_quotes_shows_statements_unless_all_is_asked(capsys, examples_db):
    shown = jsonl(run(capsys, "--db", str(examples_db), "quotes", "--json")[1])
    every = jsonl(run(capsys, "--db", str(examples_db), "quotes", "--json", "--all")[1])
    assert shown and len(every) >= len(shown)
    assert all(q["kind"] == "direct" or q["cue_class"] for q in shown)
    exported = jsonl(run(capsys, "--db", str(examples_db), "export", "--what", "quotes")[1])
    assert len(exported) == len(every)


def test_no_statement_is_only_a_time(capsys, examples_db):
    for q in jsonl(run(capsys, "--db", str(examples_db), "quotes", "--json", "--all")[1]):
        words = q["text"].split()
        assert not (len(words) <= 3 and words and words[0].lower() in ("on", "in", "at")), q


def test_entity_detail_counts_cooccurrence_in_articles(capsys, examples_db):
    (d,) = jsonl(run(capsys, "--db", str(examples_db), "entities", "Tom Albury", "--detail", "--json")[1])
    assert d["cooccurring"] and all(c["articles"] <= d["articles"] for c in d["cooccurring"])
    dates = [q["published"] for q in d["quotes"]]
    assert dates == sorted(dates)


def test_entity_detail_shows_quotes_about_and_mentions(capsys, quoted_db):
    code, out, _ = run(capsys, "--db", str(quoted_db), "entities", "Oskar Brandt", "--detail")
    lines = out.splitlines()
    assert code == 0
    about = [line.strip() for line in lines if line.strip().startswith("about ")]
    assert about == [
        "about 2025-04-01 [Harbour Post] Lena Varga: Oskar Brandt had ignored the alarms",
        "about 2025-04-02 [Harbour Post] Lena Varga: Brandt knew for weeks,",
        "about 2025-04-02 [Harbour Post] the crowd: Brandt must go,",
    ]
    assert [line.strip() for line in lines if line.strip().startswith("said ")] == [
        "said 2025-04-02 [Harbour Post]: he had done nothing wrong",
        "said 2025-04-03 [Tidewater Times]: Lena Varga had never visited the plant",
    ]
    mentions = [line for line in lines if line.startswith("  mention ")]
    assert len(mentions) == 20 and lines[-1] == "  … and 9 more mentions (--json lists them all)"
    assert mentions[0] == '  mention [Harbour Post 2025-04-02] 31-43: "Oskar Brandt"'
    (d,) = jsonl(run(capsys, "--db", str(quoted_db), "entities", "Oskar Brandt", "--detail", "--json")[1])
    assert len(d["mention_list"]) == 29 and len(d["quotes_about"]) == 3
    # the inspector is not what she says about him
    code, out, _ = run(capsys, "--db", str(quoted_db), "entities", "Lena Varga", "--detail")
    assert [line.strip() for line in out.splitlines() if line.strip().startswith("about ")] == [
        "about 2025-04-03 [Tidewater Times] Oskar Brandt: Lena Varga had never visited the plant"
    ]
