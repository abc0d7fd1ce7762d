"""Publication dates: date lines, URLs, datelines and year inference, on sentences of our own."""

from __future__ import annotations

import pytest

from storyline.ingest.dates import (
    date_line,
    dateline,
    infer_year,
    iso_date,
    mentioned_years,
    publication,
    url_date,
    weekday_clue,
)


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("February 14, 2017", "2017-02-14"),
        ("Feb. 14, 2017", "2017-02-14"),
        ("14 February 2017", "2017-02-14"),
        ("Published: Tuesday, 14 Feb 2017 10:32 GMT", "2017-02-14"),
        ("Updated March 3, 2019 at 4:05 p.m. EST", "2019-03-03"),
        ("2018-07-09", "2018-07-09"),
        ("09.07.2018", "2018-07-09"),
        ("The council met on February 14, 2017 to vote.", None),
        ("February 30, 2017", None),
        ("Mayor opens bridge", None),
    ],
)
def test_date_line(line: str, iso: str | None) -> None:
    assert date_line(line) == iso


@pytest.mark.parametrize(
    ("url", "iso"),
    [
        ("https://www.example.com/2017/02/14/some-story-a57137", "2017-02-14"),
        ("https://example.org/news/2019-05-03-bridge-opens", "2019-05-03"),
        ("https://example.org/world/20160229/leap", "2016-02-29"),
        ("https://example.org/politics/2018/11/vote-count", "2018-11"),
        ("https://example.org/story/12345", None),
        ("https://example.org/2017/13/40/bad", None),
        (None, None),
    ],
)
def test_url_date(url: str | None, iso: str | None) -> None:
    assert url_date(url) == iso


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2017-12-04", "2017-12-04"),
        ("2017-12-04T09:30:00+03:00", "2017-12-04"),
        ("2017-12", "2017-12"),
        ("December 4, 2017", "2017-12-04"),
        ("4 Dec 2017", "2017-12-04"),
        ("", None),
        (None, None),
    ],
)
def test_iso_date(value: str | None, iso: str | None) -> None:
    assert iso_date(value) == iso


def test_dateline_agency_slashes_without_year() -> None:
    text = "Lede line\n\nOSLO, March 7. /NTB/. The harbour authority said on Tuesday it would close."
    line = dateline(text)
    assert line is not None
    assert (line.city, line.month, line.day, line.year, line.agency) == ("OSLO", 3, 7, None, "NTB")
    assert text[slice(*line.date_span)] == "March 7"


def test_dateline_agency_in_brackets_with_abbreviated_month() -> None:
    text = "WASHINGTON, Dec. 4 (Reuters) - A senator said on Monday that the bill would pass."
    line = dateline(text)
    assert line is not None
    assert (line.city, line.month, line.day, line.agency) == ("WASHINGTON", 12, 4, "Reuters")
    assert text[slice(*line.date_span)] == "Dec. 4"


def test_dateline_without_date_and_with_region_and_year() -> None:
    line = dateline("LONDON (AP) — Rain fell across the city on Sunday.")
    assert line is not None and line.agency == "AP" and line.month is None and line.date_span is None
    line = dateline("SPRINGFIELD, Ill., May 3, 2016 — The governor signed the budget.")
    assert line is not None and (line.city, line.month, line.day, line.year) == ("SPRINGFIELD", 5, 3, 2016)


def test_no_dateline_in_ordinary_sentences() -> None:
    assert dateline("On Friday, the mayor resigned.\n\nShe said it was time.") is None
    assert dateline("NATO officials met in Brussels on Monday.") is None


def test_mentioned_years_skip_money_and_counts() -> None:
    text = "In 2015 the firm paid $2017 and hired 2,019 people; by 2016, it was gone. Room 20199."
    assert mentioned_years(text) == [2015, 2016]


def test_weekday_clue_prefers_the_dateline_paragraph() -> None:
    text = "On Friday, a storm hit.\n\nKIEV, May 2. /UNN/. The minister told reporters on Tuesday it was over."
    start = text.index("KIEV")
    assert weekday_clue(text, start) == (1, True)  # Tuesday, and exactly the dateline's day
    assert weekday_clue("Nothing about days here.", 0) is None
    assert weekday_clue("The vote comes next Thursday.\n\nIt will be held on Friday.", 0) == (4, False)


def test_infer_year_from_weekday_in_the_lede() -> None:
    # 4 December fell on a Monday in 2017 (and on a Sunday in 2016).
    text = (
        "ROME, December 4. /ANSA/. The minister told journalists on Monday that the talks in "
        "January 2017 had failed, as had those of March 2016."
    )
    assert infer_year(12, 4, text) == (2017, 0.9)


def test_infer_year_takes_the_next_year_when_only_it_fits_the_weekday() -> None:
    # 10 January 2018 was a Wednesday; in 2017 it was a Tuesday. The text only mentions 2017.
    text = "PARIS, January 10. /XYZ/. The union said on Wednesday that the strike of 2017 was over."
    year, confidence = infer_year(1, 10, text)
    assert year == 2018 and confidence < 0.9


def test_infer_year_without_a_weekday_uses_the_latest_year() -> None:
    text = "LIMA, March 5. /ABC/. The law passed in 2014 was amended in November 2016, officials said."
    assert infer_year(3, 5, text) == (2016, 0.6)


def test_infer_year_needs_some_year() -> None:
    assert infer_year(3, 5, "LIMA, March 5. /ABC/. Officials said nothing on Monday.") is None


def test_infer_year_leap_day() -> None:
    year, _ = infer_year(2, 29, "The plan dates from 2017, officials said.")
    assert year == 2020


def test_publication_precedence() -> None:
    text = "ROME, December 4. /ANSA/. The minister said on Monday that the 2017 budget was final."
    assert publication(text, given="2018-01-02").source == "given"
    assert publication(text, given="2018-01-02", given_source="metadata").source == "metadata"
    by_url = publication(text, url="https://example.org/2017/12/05/budget")
    assert (by_url.published, by_url.source) == ("2017-12-05", "url")
    by_line = publication(text, text_date="2017-12-06")
    assert (by_line.published, by_line.source) == ("2017-12-06", "text")
    inferred = publication(text)
    assert (inferred.published, inferred.source, inferred.guess) == ("2017-12-04", "inferred", True)
    assert text[slice(*inferred.span)] == "December 4"
    dated = publication("ROME, December 4, 2016 (ANSA) - The minister spoke.")
    assert (dated.published, dated.source, dated.guess) == ("2016-12-04", "dateline", False)
    assert publication("No date anywhere in this one.").published is None
