"""The ``storyline`` command: a thin shell over the library's verbs.

Only the standard library is imported at module level, so ``storyline --help`` is instant; each
command imports what it needs. Errors from the library (:class:`StorylineError`) become one-line
messages and exit code 1; bad inputs in a batch are listed and give exit code 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable
from typing import Any

EXIT_ERROR = 1
EXIT_SKIPPED = 2
EXIT_INTERRUPTED = 130

EPILOG = """examples:
  storyline ingest articles/            analyse a folder (text, Markdown, HTML, JSONL, CSV)
  storyline quotes --speaker Peskov     who said what, when
  storyline timeline --entity Flynn     what happened when, with sources
  storyline extract a.txt -o out.jsonl  the JSON contract, no database
  storyline serve                       browse at http://127.0.0.1:8000

The database is ./storyline.db unless --db or STORYLINE_DB says otherwise."""


# -- output helpers -----------------------------------------------------------------------------


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _jsonl(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def _clip(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(rows: list[list[str]], headers: list[str], widths: list[int]) -> None:
    def line(cells: list[str]) -> str:
        return "  ".join(_clip(c, w).ljust(w) for c, w in zip(cells, widths)).rstrip()

    _out(line(headers))
    _out(line(["─" * w for w in widths]))
    for r in rows:
        _out(line(r))


def _store(args: argparse.Namespace, *, readonly: bool = True) -> Any:
    from storyline.jobs import ensure_fresh
    from storyline.store import Store

    store = Store(args.db, readonly=readonly)
    if readonly:
        ensure_fresh(store)
    return store


# -- commands -----------------------------------------------------------------------------------


def cmd_ingest(args: argparse.Namespace) -> int:
    from storyline.jobs import ingest
    from storyline.progress import Progress

    bar = Progress("analysing", enabled=None if not args.quiet else False)

    def on_skip(source: str, reason: str) -> None:
        sys.stderr.write(f"skipped {source}: {reason}\n")

    with _store(args, readonly=False) as store:
        report = ingest(
            args.inputs, store, model=args.model, jobs=args.jobs, max_bytes=args.max_bytes,
            on_progress=bar.update, on_skip=on_skip,
        )
        bar.close()
        for source, existing in report.duplicates:
            if not args.quiet:
                sys.stderr.write(f"duplicate {source}: already stored as {existing}\n")
        _out(f"{store.path}: {report.summary()}")
    if report.interrupted:
        sys.stderr.write("storyline: interrupted; what was stored is complete: run the same command again to finish\n")
        return EXIT_INTERRUPTED
    return EXIT_SKIPPED if report.skipped else 0


def cmd_articles(args: argparse.Namespace) -> int:
    from storyline import views

    with _store(args) as store:
        rows = views.articles(store, outlet=args.outlet)
    if args.json:
        _jsonl(rows)
        return 0
    _table(
        [
            [r["id"][:10], r["published"] or "?", _date_how(r), r["outlet"] or "?", str(r["words"]), r["title"] or ""]
            for r in rows
        ],
        ["id", "published", "date from", "outlet", "words", "title"],
        [10, 10, 17, 22, 6, 60],
    )
    return 0


def _date_how(row: dict[str, Any]) -> str:
    how = row.get("date_source") or "unknown"
    return how + (" (guess)" if row.get("date_guess") else "")


def cmd_entities(args: argparse.Namespace) -> int:
    from storyline import views

    with _store(args) as store:
        if args.name and args.detail:
            detail = views.entity(store, args.name)
            if args.json:
                _jsonl([detail])
            else:
                _entity_detail(detail)
            return 0
        rows = views.entities(store, label=args.label, name=args.name)
    if args.limit:
        rows = rows[: args.limit]
    if args.json:
        _jsonl(rows)
        return 0
    _table(
        [
            [
                r["name"], r["label"], str(r["mentions"]), str(r["articles"]),
                ", ".join(r["aliases"]), "; ".join(sorted({x["title"] for x in r["roles"]})),
            ]
            for r in rows
        ],
        ["entity", "label", "ment.", "arts", "aliases", "roles"],
        [26, 7, 5, 4, 40, 50],
    )
    return 0


MENTIONS_SHOWN = 20  # mentions listed by ``entities NAME --detail``; ``--json`` carries them all


def _entity_detail(d: dict[str, Any]) -> None:
    _out(f"{d['name']} ({d['label']}) — {d['mentions']} mentions in {d['articles']} articles")
    if d["aliases"]:
        _out(f"  also: {', '.join(d['aliases'])}")
    for r in d["roles"]:
        _out(f"  role: {r['title']} (as of {r['date'] or '?'})")
    if d["cooccurring"]:
        _out("  with: " + ", ".join(f"{c['name']} ({c['articles']})" for c in d["cooccurring"]))
    for q in d["quotes"]:
        _out(f"  said {q['date'] or '?'} [{q['outlet']}]: {_clip(q['text'], 110)}")
    for q in d["quotes_about"]:
        _out(f"  about {q['date'] or '?'} [{q['outlet']}] {q['speaker'] or '(unattributed)'}: {_clip(q['text'], 100)}")
    for t in d["timeline"]:
        _out(f"  {t['date']}: {_clip(t['text'], 110)} [{', '.join(t['outlets'])}]")
    for m in d["mention_list"][:MENTIONS_SHOWN]:
        where = f"[{m['outlet'] or '?'} {m['published'] or '?'}] {m['span'][0]}-{m['span'][1]}"
        _out(f"  mention {where}: {json.dumps(m['text'], ensure_ascii=False)}")
    if len(d["mention_list"]) > MENTIONS_SHOWN:
        _out(f"  … and {len(d['mention_list']) - MENTIONS_SHOWN} more mentions (--json lists them all)")


def cmd_override(args: argparse.Namespace) -> int:
    """merge / split: a user's correction to entity resolution, kept across re-analysis."""
    from storyline.jobs import refresh_corpus

    with _store(args, readonly=True) as store:
        for name in (args.a, args.b):
            store.entity(name)  # both must exist now: a typo should fail, not wait silently
        oid = store.add_override(args.command, args.a, args.b)
        refresh_corpus(store)
        a, b = store.entity(args.a), store.entity(args.b)
    verdict = "one entity" if a.id == b.id else "two entities"
    _out(f"override {oid}: {args.command} {args.a!r} and {args.b!r}; they are now {verdict}")
    return 0


def cmd_overrides(args: argparse.Namespace) -> int:
    from storyline.jobs import refresh_corpus

    with _store(args, readonly=True) as store:
        if args.remove is not None:
            store.remove_override(args.remove)
            refresh_corpus(store)
            _out(f"override {args.remove} removed")
            return 0
        rows = store.overrides()
    if args.json:
        _jsonl([{"id": i, "kind": k, "a": a, "b": b} for i, k, a, b in rows])
        return 0
    for i, kind, a, b in rows:
        _out(f"{i:>4}  {kind:<5}  {a}  ↔  {b}")
    _out(f"{len(rows)} overrides")
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    from storyline import views

    with _store(args) as store:
        rows = views.quotes(store, speaker=args.speaker, outlet=args.outlet, kind=args.kind, everything=args.all)
    if args.json:
        _jsonl(rows)
        return 0
    for r in rows:
        who = r["speaker"] or "(unattributed)"
        if r["speaker_text"] and r["speaker"] and r["speaker_text"] != r["speaker"]:
            who += f' ("{r["speaker_text"]}")'
        when = (r["date"] or "?") + ("" if r["date_source"] == "sentence" else "*")
        _out(f"{when}  {who} — {r['cue'] or '?'} [{r['kind']}, {r['outlet'] or '?'}]")
        _out(f"    {_clip(r['text'], 150)}")
    _out(f"{len(rows)} quotes  (* = dated by the article, not the sentence)")
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from storyline import views

    with _store(args) as store:
        rows = views.timeline(store, entity=args.entity, include_statements=args.statements)
    if args.json:
        _jsonl(rows)
        return 0
    for r in rows:
        outlets = ", ".join(r["outlets"]) or "?"
        _out(f"{r['date']:<10}  {_clip(r['text'], 110)}")
        _out(f"{'':<10}  sources: {len(r['sources'])} ({outlets})" + (
            f"; who: {', '.join(r['participants'])}" if r["participants"] else ""))
    _out(f"{len(rows)} timeline entries")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from storyline import views

    with _store(args) as store:
        rows = views.search(store, " ".join(args.query), limit=args.limit)
    if args.json:
        _jsonl(rows)
        return 0
    for r in rows:
        who = f" — {r['speaker']}" if r["speaker"] else ""
        _out(f"[{r['kind']}] {r['published'] or '?'} {r['outlet'] or '?'}: {_clip(r['title'], 70)}{who}")
        _out(f"    {_clip(r['snippet'], 150)}")
    _out(f"{len(rows)} hits")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from storyline import views

    with _store(args) as store:
        s = views.summary(store)
    if args.json:
        _jsonl([s])
        return 0
    c = s["counts"]
    _out(
        f"{c['articles']} articles from {len(s['outlets'])} outlets, "
        f"{s['dates']['first'] or '?'} to {s['dates']['last'] or '?'}: {c['entities']} entities, "
        f"{c['quotes']} quotes, {c['times']} time expressions, {c['events']} events"
    )
    _out("\nArticles")
    for a in s["articles"]:
        _out(f"  {a['published'] or '?':<10} {_date_how(a):<17} {_clip(a['outlet'], 24):<24} {_clip(a['title'], 70)}")
    _out("\nMost mentioned")
    for e in s["top_entities"]:
        also = f" (also {', '.join(e['aliases'][:3])})" if e["aliases"] else ""
        _out(f"  {e['name']} [{e['label']}] ×{e['mentions']}{also}")
    _out("\nMost quoted")
    for sp in s["top_speakers"]:
        _out(f"  {sp['speaker']}: {sp['quotes']}")
    _out("\nTimeline")
    for t in s["timeline"]:
        _out(f"  {t['date']:<10} {_clip(t['text'], 90)} [{', '.join(t['outlets'])}]")
    return 0


EXPORTS = ("analyses", "articles", "entities", "quotes", "timeline")


def cmd_export(args: argparse.Namespace) -> int:
    from storyline.export import export

    with _store(args) as store:
        out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
        try:
            n = export(store, args.what, args.format, out)
        finally:
            if args.output:
                out.close()
    if args.output:
        sys.stderr.write(f"wrote {n} {args.what} to {args.output}\n")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from storyline.report import write_report

    with _store(args) as store:
        write_report(store, args.output)
    _out(f"report written to {args.output}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from storyline.store import Store

    Store(args.db, readonly=True).close()  # fail now, with a clear message, if there is no database
    from storyline.web.app import serve

    serve(args.db, host=args.host, port=args.port)
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from storyline.errors import InputError
    from storyline.jobs import extract

    from storyline.progress import Progress

    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    bar = Progress("extracting")
    count = skipped = 0
    try:
        for item in extract(args.inputs, model=args.model, jobs=args.jobs, max_bytes=args.max_bytes):
            bar.advance()
            if isinstance(item, InputError):
                skipped += 1
                sys.stderr.write(f"skipped {item.source}: {item.reason}\n")
                continue
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
            count += 1
    finally:
        bar.close()
        if args.output:
            out.close()
    sys.stderr.write(f"{count} articles extracted, {skipped} skipped\n")
    return EXIT_SKIPPED if skipped else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from pathlib import Path

    from storyline.errors import StorylineError

    data = Path(args.data)
    if not data.is_dir():
        raise StorylineError(f"no evaluation data at {data} (give --data; the data sets are described in the README)")
    if args.speed:
        if args.task == "entities":
            raise StorylineError("--speed is for quotes and times (entity resolution: see results/entities-ecbplus.json)")
        if args.task == "quotes":
            from storyline.evaluate.quotes import speed as quote_speed

            result = quote_speed(data, split=args.split, limit=args.limit)
        else:
            from storyline.evaluate.times import speed as time_speed

            result = time_speed(data / "timeml" / "tbaq" if (data / "timeml" / "tbaq").is_dir() else data, limit=args.limit)
    elif args.task == "quotes":
        from storyline.evaluate.quotes import evaluate

        result = evaluate(data, split=args.split, limit=args.limit)
    elif args.task == "entities":
        from storyline.evaluate.entities import evaluate as evaluate_entities

        folder = data / "ecbplus" if (data / "ecbplus").is_dir() else data
        result = evaluate_entities(folder, limit=args.limit, split=args.split)
    else:
        from storyline.evaluate.times import evaluate as evaluate_times

        folder = data / "timeml" / "tbaq" if (data / "timeml" / "tbaq").is_dir() else data
        result = evaluate_times(folder, limit=args.limit)
    text = json.dumps(result, ensure_ascii=False, indent=1)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
        sys.stderr.write(f"scores written to {args.output}\n")
    _out(text)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from storyline.bench import bench

    result = bench(args.inputs, model=args.model, limit=args.limit)
    if args.json:
        _jsonl([result])
        return 0
    r = result
    _out(f"{r['articles']} articles, {r['words']:,} words, one process ({r['model']})")
    _out(f"  spaCy pipeline alone   {r['spacy_seconds']:8.2f} s  {r['spacy_articles_per_s']:7.1f} articles/s")
    _out(f"  storyline extractors   {r['extractors_seconds']:8.2f} s  (+{100 * r['extractors_over_spacy']:.0f}% of the pipeline)")
    _out(f"  whole analysis         {r['spacy_seconds'] + r['extractors_seconds']:8.2f} s  {r['articles_per_s']:7.1f} articles/s, {r['words_per_s']:,} words/s")
    _out(f"  peak memory            {r['peak_rss_mib']:8.1f} MiB")
    return 0


# -- parser -------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help="database file (default: $STORYLINE_DB or ./storyline.db)")
    common.add_argument("--model", default=argparse.SUPPRESS, help="spaCy pipeline to use (default: the pinned English one)")
    listing = argparse.ArgumentParser(add_help=False)
    listing.add_argument("--json", action="store_true", help="one JSON object per line")

    p = argparse.ArgumentParser(
        prog="storyline",
        description="Turn a pile of news articles into a sourced account of a story.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    p.add_argument("--version", action="version", version=f"storyline {_version()}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, fn: Callable[[argparse.Namespace], int], help: str, parents: list | None = None) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help, description=help, parents=[common, *(parents or [])])
        sp.set_defaults(func=fn)
        return sp

    def batch_options(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders of articles (.txt .md .html .jsonl .csv)")
        sp.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default 1)")
        sp.add_argument("--max-bytes", type=int, default=5_000_000, help="skip files larger than this (default 5 MB)")

    sp = add("ingest", cmd_ingest, "analyse articles and store them in the database")
    batch_options(sp)
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress bar or duplicate notes")

    sp = add("articles", cmd_articles, "list stored articles: title, outlet, date and how it was found", [listing])
    sp.add_argument("--outlet", help="only this outlet")

    sp = add("entities", cmd_entities, "people, organisations and places, merged across articles", [listing])
    sp.add_argument("name", nargs="?", help="only entities whose name or alias contains this")
    sp.add_argument("--label", help="PERSON, ORG, GPE, LOC, NORP, ...")
    sp.add_argument("--detail", action="store_true",
                    help="with NAME: mentions, quotes by and about it, co-occurring entities, timeline")
    sp.add_argument("--limit", type=int, help="at most this many")

    for verb, what in (("merge", "make two entities one"), ("split", "keep two names apart as two entities")):
        sp = add(verb, cmd_override, f"{what}; kept across re-analysis (undo with `overrides --remove ID`)")
        sp.add_argument("a", metavar="ENTITY", help="an entity name, alias or id")
        sp.add_argument("b", metavar="OTHER", help="another entity name, alias or id")

    sp = add("overrides", cmd_overrides, "list the merges and splits users made, or remove one", [listing])
    sp.add_argument("--remove", type=int, metavar="ID", help="remove this override and re-resolve")

    sp = add("quotes", cmd_quotes, "who said what, when, with the cue", [listing])
    sp.add_argument("--speaker", help="speaker name or any alias")
    sp.add_argument("--outlet", help="only quotes reported by this outlet")
    sp.add_argument("--kind", choices=["direct", "mixed", "indirect"])
    sp.add_argument("--all", action="store_true",
                    help="every attribution found, not only statements with a known reporting cue")

    sp = add("timeline", cmd_timeline, "dated events in order, merged across outlets, with sources", [listing])
    sp.add_argument("--entity", help="only events involving this entity")
    sp.add_argument("--statements", action="store_true", help="include dated statements (said, told, ...)")

    sp = add("search", cmd_search, "full-text search over articles and quotes", [listing])
    sp.add_argument("query", nargs="+")
    sp.add_argument("--limit", type=int, default=20)

    add("summary", cmd_summary, "an overview of the database", [listing])

    sp = add("export", cmd_export, "write records as JSON lines or CSV")
    sp.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    sp.add_argument("--what", choices=EXPORTS, default="analyses",
                    help="analyses (the per-article JSON contract, default), articles, entities, quotes, timeline")
    sp.add_argument("-o", "--output", help="file to write (default: standard output)")

    sp = add("report", cmd_report, "write a self-contained HTML report (works offline)")
    sp.add_argument("-o", "--output", default="report.html")

    sp = add("serve", cmd_serve, "browse the database in a local web page")
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=int, default=8000)

    sp = add("extract", cmd_extract, "analyse articles without a database; write the JSON contract")
    batch_options(sp)
    sp.add_argument("-o", "--output", help="JSONL file to write (default: standard output)")

    sp = add("bench", cmd_bench, "time the analysis against the spaCy pipeline alone, with peak memory", [listing])
    sp.add_argument("inputs", nargs="+", metavar="INPUT")
    sp.add_argument("--limit", type=int, help="only the first N articles")

    sp = add("eval", cmd_eval, "score storyline on a public benchmark (quotes: PolNeAR; times: TimeBank/AQUAINT; entities: ECB+)")
    sp.add_argument("task", choices=["quotes", "times", "entities"])
    sp.add_argument("--data", default=os.environ.get("STORYLINE_DATA", "../shared/data"),
                    help="the evaluation data folder (default: $STORYLINE_DATA or ../shared/data)")
    sp.add_argument("--split", default="dev", help="the split to score: PolNeAR dev/train; ECB+ dev/train/all (default dev)")
    sp.add_argument("--limit", type=int, help="only the first N documents")
    sp.add_argument("-o", "--output", help="also write the scores to this JSON file")
    sp.add_argument("--speed", action="store_true", help="measure speed (sentences or articles per second, and the share of the spaCy pipeline's time) instead of accuracy")
    return p


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("storyline")
    except Exception:  # noqa: BLE001 - not installed as a distribution
        return "dev"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    args.db = getattr(args, "db", None) or os.environ.get("STORYLINE_DB") or "storyline.db"
    args.model = getattr(args, "model", None)
    from storyline.errors import StorylineError

    try:
        return args.func(args)
    except StorylineError as exc:
        sys.stderr.write(f"storyline: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("storyline: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `storyline quotes | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
