"""Ingest: files, folders, strings and records to articles; every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.ingest import article_from_html, article_from_record, article_from_text, read
from storyline.ingest.outlets import domain, outlet
from storyline.model import Article, content_id

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"

# A made-up wire story shaped like a seed: section label, title, date line, photo credit,
# a Markdown link, related-article lines, an end mark and the original URL at the bottom.
WIRE_STORY = """All news

Harbour Board Chair Quits Over 'Misleading' Dredging Report

March 9, 2021



Jonas Berg / NTB

The chair of the Bergvik harbour board, Ingrid Dahl, has resigned after admitting that a report on dredging costs was wrong.

[According to the local paper Kystposten](#), Dahl said she had "relied on figures that turned out to be outdated." ■

Related article: [Bergvik Votes on New Harbour Budget](#)

"I take full responsibility," she wrote in her letter.

Original url:

<https://www.kystposten.example/2021/03/09/harbour-chair-quits-a1234>"""


def only(items: list[Article | InputError]) -> Article | InputError:
    assert len(items) == 1, items
    return items[0]


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


# --- the seeds, read in place --------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent")
    items = list(read([SEEDS]))
    assert all(isinstance(a, Article) for a in items), items
    return {a.outlet: a for a in items}  # type: ignore[union-attr]


def test_seed_tass(seeds: dict[str, Article]) -> None:
    tass = seeds["TASS"]
    assert tass.title is not None and tass.title.startswith("Kremlin refutes")
    assert (tass.published, tass.date_source, tass.date_guess) == ("2017-12-04", "inferred", True)
    assert tass.date_span is not None and tass.text[slice(*tass.date_span)] == "December 4"
    assert "MOSCOW, December 4. /TASS/." in tass.text
    assert not tass.text.startswith("All news") and tass.title not in tass.text
    assert tass.id == content_id(tass.text) and tass.format == "text"


def test_seed_moscow_times(seeds: dict[str, Article]) -> None:
    mt = seeds["The Moscow Times"]
    assert mt.title is not None and mt.title.startswith("Trump Security Advisor Michael Flynn Resigns")
    assert mt.published == "2017-02-14" and not mt.date_guess
    assert mt.url is not None and mt.url.startswith("https://www.themoscowtimes.com/2017/02/14/")
    assert mt.url.endswith("a57137")
    assert mt.text.startswith("U.S. National Security Advisor")
    assert "news outlet CNN, Flynn said" in mt.text


@pytest.mark.parametrize("junk", ["Related article", "Original url", "■", "](#)", "<https", "Willens /"])
def test_seed_boilerplate_removed(seeds: dict[str, Article], junk: str) -> None:
    for article in seeds.values():
        assert junk not in article.text


# --- plain text and Markdown ---------------------------------------------------------------------


def test_text_cleaning_on_a_seed_shaped_story() -> None:
    a = article_from_text(WIRE_STORY, source="x.txt")
    assert a.title == "Harbour Board Chair Quits Over 'Misleading' Dredging Report"
    assert (a.published, a.date_source, a.date_guess) == ("2021-03-09", "url", False)
    assert a.url == "https://www.kystposten.example/2021/03/09/harbour-chair-quits-a1234"
    assert a.outlet == "kystposten.example"  # unknown domain: the bare domain
    assert a.text.split("\n\n") == [
        "The chair of the Bergvik harbour board, Ingrid Dahl, has resigned after admitting that a "
        "report on dredging costs was wrong.",
        'According to the local paper Kystposten, Dahl said she had "relied on figures that turned '
        'out to be outdated."',
        '"I take full responsibility," she wrote in her letter.',
    ]


def test_date_line_under_the_title_gives_the_date_and_leaves_the_text() -> None:
    a = article_from_text("Bridge Opens\n\nMay 3, 2019\n\nThe bridge opened today, officials said.")
    assert (a.title, a.published, a.date_source) == ("Bridge Opens", "2019-05-03", "text")
    assert a.text == "The bridge opened today, officials said."


def test_markdown() -> None:
    md = (
        "# Mayor *opens* bridge\n\n![crowd](img/crowd.jpg)\n\n"
        "The **new** bridge, [built by Acme](https://acme.example/bridge \"Acme\") over three\n"
        "years, opened on _Friday_.\n\n---\n\n## Costs\n\nIt cost `40m` euros."
    )
    a = article_from_text(md, fmt="markdown")
    assert a.title == "Mayor opens bridge"
    assert a.text == (
        "The new bridge, built by Acme over three years, opened on Friday.\n\nCosts\n\nIt cost 40m euros."
    )
    assert a.format == "markdown"


def test_given_fields_win_and_a_given_title_is_not_repeated() -> None:
    a = article_from_text(
        "Budget Agreed\n\nROME, June 2 (ANSA) - The cabinet agreed the 2020 budget on Tuesday.",
        title="Budget Agreed",
        outlet="Il Esempio",
        published="2020-06-03",
    )
    assert (a.title, a.outlet, a.published, a.date_source) == ("Budget Agreed", "Il Esempio", "2020-06-03", "given")
    assert a.text.startswith("ROME, June 2 (ANSA)")


def test_dateline_agency_gives_outlet_and_inferred_date() -> None:
    text = "WASHINGTON, Nov. 6 (Reuters) - The senator told reporters on Wednesday that the 2019 vote stood."
    a = article_from_text(text)
    # 6 November 2019 was a Wednesday.
    assert (a.outlet, a.published, a.date_source, a.date_guess) == ("Reuters", "2019-11-06", "inferred", True)
    assert a.text[slice(*a.date_span)] == "Nov. 6"


def test_text_with_nothing_left_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no article text"):
        article_from_text("Share\n\nAdvertisement\n\n■", source="blank.txt")


def test_outlets() -> None:
    assert domain("https://www.TASS.com/politics/1") == "tass.com"
    assert outlet(url="https://edition.cnn.com/2017/02/14/politics/x") == "CNN"
    assert outlet(url="https://www.bbc.co.uk/news/world-1") == "BBC"
    assert outlet(url="https://news.example.net/a", sitename="Example News") == "Example News"
    assert outlet(url="https://news.example.net/a") == "news.example.net"
    assert outlet(agency="AP") == "Associated Press"
    assert outlet() is None


# --- HTML ----------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><title>Mayor opens bridge | The Riverside Ledger</title>
<meta property="og:site_name" content="The Riverside Ledger">
<meta property="og:url" content="https://www.riversideledger.example/news/bridge-opens">
<meta property="article:published_time" content="2019-05-02T10:00:00Z">
</head><body><nav>Home | News | Sport</nav><article><h1>Mayor opens bridge</h1>
<p>RIVERSIDE, May 2 (Ledger) - Mayor Ana Ruiz opened the new bridge on Thursday, telling a crowd of
several hundred people that it would cut commuting times in half.</p>
<p>"This is a great day for the city," Ruiz said. The bridge cost 40 million dollars and took three
years to build, officials said.</p>
<p>Critics said the project ran over budget and blamed the council.</p></article>
<footer>Copyright 2019 The Riverside Ledger</footer></body></html>"""


def test_html_page() -> None:
    # (trafilatura's date finder prefers a date in the page's URL to its metadata; this URL has none)
    a = article_from_html(PAGE, source="page.html")
    assert a.title == "Mayor opens bridge"
    assert (a.published, a.date_source) == ("2019-05-02", "metadata")
    assert a.url == "https://www.riversideledger.example/news/bridge-opens"
    assert a.outlet == "The Riverside Ledger"
    assert a.text.startswith("RIVERSIDE, May 2 (Ledger) - Mayor Ana Ruiz")
    assert a.text.count("\n\n") == 2 and "Home | News" not in a.text and a.format == "html"


def test_truncated_html_still_gives_its_text(tmp_path: Path) -> None:
    cut = PAGE[: PAGE.index("Critics")]
    a = only(list(read([write(tmp_path / "cut.html", cut)])))
    assert isinstance(a, Article) and "great day for the city" in a.text


def test_html_without_text_is_an_input_error(tmp_path: Path) -> None:
    for name, page in [("empty.html", "<html><head><title>t</title></head><body></body></html>"),
                       ("junk.htm", "<<<html <p <div>>> </</")]:
        err = only(list(read([write(tmp_path / name, page)])))
        assert isinstance(err, InputError) and err.source.endswith(name), err
        assert "HTML" in err.reason


# --- files and folders ---------------------------------------------------------------------------


def test_folder_walk_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Second story text, with enough words to count.")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "a.md", "# A title\n\nThird story text here.")
    write(tmp_path / "a.txt", "First story text, with words.")
    write(tmp_path / ".hidden.txt", "Never read.")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git" / "x.txt", "Never read either.")
    items = list(read([tmp_path]))
    assert [Path(a.source).name for a in items] == ["a.txt", "b.txt", "a.md"]
    assert [a.format for a in items] == ["text", "text", "markdown"]


def test_unknown_extensions_are_sniffed(tmp_path: Path) -> None:
    html = write(tmp_path / "page.dat", PAGE)
    text = write(tmp_path / "NOTES", "The committee met on Monday.\n\nIt decided nothing.")
    binary = write(tmp_path / "blob.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    got = list(read([html, text, binary]))
    assert isinstance(got[0], Article) and got[0].format == "html"
    assert isinstance(got[1], Article) and got[1].format == "text"
    assert isinstance(got[2], InputError) and got[2].reason == "binary file, not text"


def test_bad_files_each_give_one_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "A short story about a bridge.")
    empty = write(tmp_path / "empty.txt", "")
    nul = write(tmp_path / "nul.txt", b"text with a \x00 byte")
    noise = write(tmp_path / "noise.txt", bytes(range(1, 32)) * 20 + bytes(range(128, 256)))
    big = write(tmp_path / "big.txt", "word " * 300)
    missing = tmp_path / "missing.txt"
    items = list(read([empty, nul, noise, big, missing, good], max_bytes=1000))
    reasons = [(Path(i.source).name, i.reason) for i in items if isinstance(i, InputError)]
    assert reasons == [
        ("empty.txt", "empty file"),
        ("nul.txt", "binary file, not text"),
        ("noise.txt", "binary file, not text"),
        ("big.txt", "file is 1,500 bytes, over the 1,000-byte cap"),
        ("missing.txt", "no such file or directory"),
    ]
    assert isinstance(items[-1], Article) and items[-1].text == "A short story about a bridge."
    assert str(InputError(str(empty), "empty file")) == f"{empty}: empty file"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(tmp_path / "locked.txt", "Secret text.")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    # Simulated, because tests may run as root, who can read a chmod 000 file.
    monkeypatch.setattr(Path, "read_bytes", denied)
    err = only(list(read([locked])))
    assert isinstance(err, InputError) and (err.source, err.reason) == (str(locked), "permission denied")


def test_unreadable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "box"
    folder.mkdir()

    def denied(self: Path):  # noqa: ANN202
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", denied)
    err = only(list(read([folder])))
    assert isinstance(err, InputError) and err.reason == "permission denied"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    text = (
        "\u201cWe will not back down,\u201d said Ren\u00e9e Dupr\u00e9, the caf\u00e9 owner, on "
        "Tuesday. The na\u00efve plan \u2014 drafted in Z\u00fcrich \u2014 failed."
    )
    if encoding == "latin-1":  # no curly quotes or dashes in Latin-1
        text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2014", "-")
    a = only(list(read([write(tmp_path / "old.txt", text.encode(encoding))])))
    assert isinstance(a, Article) and a.text == text


def test_utf16_with_a_byte_order_mark(tmp_path: Path) -> None:
    text = "Caf\u00e9 owners met on Monday.\n\nThey agreed."
    a = only(list(read([write(tmp_path / "wide.txt", text.encode("utf-16"))])))
    assert isinstance(a, Article) and a.text == text


# --- JSONL and CSV -------------------------------------------------------------------------------


def test_jsonl_text_is_kept_exactly_and_bad_lines_do_not_stop_the_file(tmp_path: Path) -> None:
    exact = "  All news\n\nRelated article: [x](#)\n\nOSLO, March 7. /NTB/. Ships left on Tuesday in 2017. ■ "
    lines = [
        json.dumps({"id": "n1", "text": exact}),
        '{"id": "n2", "text": "broken',
        json.dumps({"id": "n3", "title": "No text here"}),
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "No id; dated.", "published": "2020-01-31T08:00:00Z", "outlet": "Ex"}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    items = list(read([path]))
    assert len(items) == 5
    first, broken, textless, not_object, no_id = items
    assert isinstance(first, Article)
    assert (first.id, first.text, first.source, first.format) == ("n1", exact, f"{path}:1", "jsonl")
    # 7 March 2017 was a Tuesday: inferred from the text, like any article.
    assert (first.published, first.date_source, first.outlet) == ("2017-03-07", "inferred", "NTB")
    assert isinstance(broken, InputError) and broken.source == f"{path}:2"
    assert broken.reason.startswith("invalid JSON: ")
    assert isinstance(textless, InputError) and (textless.source, textless.reason) == (f"{path}:3", 'record has no "text"')
    assert isinstance(not_object, InputError) and not_object.source == f"{path}:5"
    assert isinstance(no_id, Article) and no_id.id == content_id("No id; dated.")
    assert (no_id.published, no_id.date_source, no_id.outlet) == ("2020-01-31", "given", "Ex")


def test_jsonl_cap_is_per_line(tmp_path: Path) -> None:
    rows = [{"id": str(i), "text": f"Story number {i} " + "x" * 60} for i in range(5)]
    rows.append({"id": "big", "text": "y" * 500})
    path = write(tmp_path / "many.jsonl", "\n".join(json.dumps(r) for r in rows))
    items = list(read([path], max_bytes=200))
    assert [a.id for a in items if isinstance(a, Article)] == ["0", "1", "2", "3", "4"]
    assert isinstance(items[-1], InputError) and "over the 200-byte cap" in items[-1].reason


def test_record_without_text_raises() -> None:
    with pytest.raises(InputError, match="text"):
        article_from_record({"id": "1", "text": "   "}, source="r:1")


def test_csv(tmp_path: Path) -> None:
    body = 'id,title,text,url\nc1,Bridge,"Line one.\n\nLine two, with a comma.",https://apnews.com/article/x\nc2,Empty,,\n'
    path = write(tmp_path / "batch.csv", body)
    first, second = list(read([path]))
    assert isinstance(first, Article)
    assert (first.id, first.title, first.text, first.outlet) == ("c1", "Bridge", "Line one.\n\nLine two, with a comma.", "Associated Press")
    assert (first.source, first.format) == (f"{path}:2", "csv")
    assert isinstance(second, InputError) and second.source == f"{path}:5"
    nocol = write(tmp_path / "nocol.csv", "id,body\n1,hello\n")
    err = only(list(read([nocol])))
    assert isinstance(err, InputError) and err.reason == 'CSV has no "text" column'


# --- mastheads, bylines, navigation --------------------------------------------------------------


def test_masthead_byline_and_link_rows_under_the_title() -> None:
    md = (
        "# Ferry strike ends\n\n**The Fjord Herald** · Investigations · Friday, 4 June 2021 · By Ola Nord\n\n"
        "_By Ola Nord and Kari Vik_\n\nThe strike ended on Friday, the union said.\n\n"
        "[Timeline: the strike](#) · [Who runs the ferries?](#)"
    )
    a = article_from_text(md, fmt="markdown")
    assert (a.title, a.outlet, a.published, a.date_source) == (
        "Ferry strike ends", "The Fjord Herald", "2021-06-04", "text"
    )
    assert a.text == "The strike ended on Friday, the union said."
    a = article_from_text("Ferry strike ends\n\nThe Fjord Herald — Business\n\nThe strike ended, the union said.")
    assert (a.outlet, a.text) == ("The Fjord Herald", "The strike ended, the union said.")


def test_dateline_agency_names_the_outlet_when_the_domain_is_its_own() -> None:
    text = "BERGEN, June 4. /Fjord Wire/. The strike ended on Friday in 2021, the union said."
    own = article_from_text(text, url="https://fjordwire.example/news/strike")
    other = article_from_text(text, url="https://reprints.example/news/strike")
    assert (own.outlet, other.outlet) == ("Fjord Wire", "reprints.example")


def test_folder_notes_are_not_articles(tmp_path: Path) -> None:
    write(tmp_path / "README.md", "# About these files\n\nNotes.")
    write(tmp_path / "story.txt", "The story itself.")
    assert [Path(a.source).name for a in read([tmp_path])] == ["story.txt"]
    assert isinstance(only(list(read([tmp_path / "README.md"]))), Article)  # named: read


# --- the project's example articles, against their README's table ---------------------------------

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_examples_match_their_readme() -> None:
    readme = EXAMPLES / "README.md"
    if not readme.is_file():
        pytest.skip("examples/ absent")
    rows = [
        [cell.strip().strip("`") for cell in line.strip("|").split("|")]
        for line in readme.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    ]
    got = {Path(a.source).name: a for a in read([EXAMPLES])}
    assert sorted(got) == sorted(r[0] for r in rows)
    for name, outlet_cell, published, _how in rows:
        a = got[name]
        assert isinstance(a, Article) and a.published == published, (name, a)
        # Bayline Daily is named nowhere but in its unknown domain, which is all we can give.
        expected = "baylinedaily.example" if outlet_cell.startswith("Bayline") else outlet_cell
        assert a.outlet == expected, (name, a.outlet)
