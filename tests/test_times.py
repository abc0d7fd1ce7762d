"""Temporal expressions: finding, typing and normalising TIMEX3s; the article-level extractor."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.model import Article
from storyline.nlp.times import Timex, find, times

REF = "2017-12-04"  # a Monday


def found(text: str, ref: str | dt.date | None = REF) -> list[tuple[str, str, str, str | None]]:
    return [(t.text, t.type, t.value, t.mod) for t in find(text, ref)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On Friday, Dana Wick pleaded guilty to lying.", [("Friday", "DATE", "2017-12-01", None)]),
        ("The aide told reporters on Monday that it was over.", [("Monday", "DATE", "2017-12-04", None)]),
        ("They met at the end of 2016.", [("the end of 2016", "DATE", "2016", "END")]),
        ("It dates from the December 2016 sanctions.", [("December 2016", "DATE", "2016-12", None)]),
        ("He took office in January 2017.", [("January 2017", "DATE", "2017-01", None)]),
        ("The law passed on October 27, 2016.", [("October 27, 2016", "DATE", "2016-10-27", None)]),
        ("The gala was held in 2015.", [("2015", "DATE", "2015", None)]),
        ("It closed on 29 December 2016.", [("29 December 2016", "DATE", "2016-12-29", None)]),
        ("Due 12/29/2016 or 2016-12-29.", [("12/29/2016", "DATE", "2016-12-29", None),
                                           ("2016-12-29", "DATE", "2016-12-29", None)]),
        ("The council will meet Tuesday.", [("Tuesday", "DATE", "2017-12-05", None)]),
        ("Sales fell in the 1990s.", [("the 1990s", "DATE", "199", None)]),  # TimeBank's majority
        ("Sales fell in 1980s markets.", [("1980s", "DATE", "198X", None)]),
        ("Output grew 8% annually, and a previously agreed plan held.", []),
        ("The lake froze for centuries.", [("centuries", "DURATION", "PXC", None)]),
        ("Sales rose in early 2017.", [("early 2017", "DATE", "2017", "START")]),
        ("The ship was sold a year ago.", [("a year ago", "DATE", "2016", None)]),
        ("The crew left two weeks ago.", [("two weeks ago", "DATE", "2017-W47", None)]),
        ("The festival returns in two weeks.", [("two weeks", "DATE", "2017-W51", None)]),
        ("Earlier this month the board met.", [("Earlier this month", "DATE", "2017-12", "START")]),
        ("The previous week it failed.", [("The previous week", "DATE", "2017-W48", None)]),
        ("It lost money for the past three years.", [("the past three years", "DURATION", "P3Y", None)]),
        ("The hearing lasted three days.", [("three days", "DURATION", "P3D", None)]),
        ("They talked for two hours.", [("two hours", "DURATION", "PT2H", None)]),
        ("The loan runs 18 months.", [("18 months", "DURATION", "P18M", None)]),
        ("The market opens every Monday.", [("every Monday", "SET", "XXXX-WXX-1", None)]),
        ("Reports come out daily.", [("daily", "SET", "P1D", None)]),
        ("The vote is at 3 p.m.", [("3 p.m.", "TIME", "2017-12-04T15:00", None)]),
        # As TimeBank mostly writes them: the evening in the value, the morning not.
        ("They met Monday morning.", [("Monday morning", "DATE", "2017-12-04", None)]),
        ("They met Monday evening.", [("Monday evening", "DATE", "2017-12-04TEV", None)]),
        ("The talks took about two weeks.", [("two weeks", "DURATION", "P2W", "APPROX")]),
        ("The plant closed about two years ago.", [("about two years ago", "DATE", "2015", "APPROX")]),
        ("Three days later the ship sailed.", [("Three days", "DURATION", "P3D", None)]),
        ("They stayed for 2 1/2 years.", [("2 1/2 years", "DURATION", "P2Y6M", None)]),
        ("The fair opened the two day festival.", [("two day", "DURATION", "P2D", None)]),
        ("Profit rose in the fourth quarter.", [("the fourth quarter", "DATE", "2017-Q4", None)]),
        ("It was quiet last summer.", [("last summer", "DATE", "2017-SU", None)]),
        ("He now teaches and recently wrote a book; formerly a pilot.",
         [("now", "DATE", "PRESENT_REF", None), ("recently", "DATE", "PAST_REF", None),
          ("formerly", "DATE", "PAST_REF", None)]),
        ("The strike lasted more than two years.", [("more than two years", "DURATION", "P2Y", "MORE_THAN")]),
        ("Shipping resumes late next year.", [("late next year", "DATE", "2018", "END")]),
        ("The deal closes 5 p.m. EST Dec. 9.", [("5 p.m. EST Dec. 9", "TIME", "2017-12-09T17:00", None)]),
        ("It was founded in nineteen ninety-six.", [("nineteen ninety-six", "DATE", "1996", None)]),
        # TimeBank's majorities: a bare rate is no SET, an opening "Now," is a connective, and
        # "earlier" stays outside "this week".
        ("The ferry costs Oskar Vell $40 a year.", []),
        ("The chip runs 9 million steps per second.", []),
        ("Ferries sail twice a week.", [("twice a week", "SET", "P1W", None)]),
        ("The mill shut. Now, the town waits.", []),
        ("The mill shut. Now the town waits.", [("Now", "DATE", "PRESENT_REF", None)]),
        ("Currently, the pier is closed.", []),
        ("She wrote to him earlier this week.", [("this week", "DATE", "2017-W49", None)]),
    ],
)
def test_find_types_and_normalises(text: str, expected: list[tuple[str, str, str, str | None]]):
    assert found(text) == expected


def test_spans_exclude_prepositions_and_point_into_the_text():
    text = "The mayor resigned on Friday, in 2015 style, at the end of 2016."
    result = find(text, REF)
    assert [t.text for t in result] == ["Friday", "2015", "the end of 2016"]
    for t in result:
        assert isinstance(t, Timex) and text[t.start : t.end] == t.text


def test_range_gives_two_expressions():
    assert found("He served from 2014 to 2016.") == [("2014", "DATE", "2014", None), ("2016", "DATE", "2016", None)]


def test_yearless_date_takes_the_year_of_the_date_before_it():
    text = "Sanctions came on December 29, 2016. On January 5, the envoy left."
    assert found(text)[1] == ("January 5", "DATE", "2017-01-05", None)
    text = "She took charge in March 2021. Within weeks, on April 9, she quit."
    assert found(text)[-1] == ("April 9", "DATE", "2021-04-09", None)
    # Without a dated neighbour: the nearer occurrence, a future one only within 120 days.
    assert found("The deal closes on January 10.")[0][2] == "2018-01-10"
    assert found("The deal closed on June 10.")[0][2] == "2017-06-10"
    assert found("Delegates prepare for the summit in April.")[0][2] == "2018-04"  # 118 days ahead
    assert found("Delegates prepare for the summit in May.")[0][2] == "2017-05"  # 148 days ahead


def test_reference_date_may_be_a_date_or_absent():
    assert found("It happened Friday.", dt.date(2017, 12, 4)) == [("Friday", "DATE", "2017-12-01", None)]
    assert found("Friday, December 25, today, last year, three days", None) == [
        ("Friday, December 25", "DATE", "XXXX-12-25", None),
        ("today", "DATE", "PRESENT_REF", None),
        ("last year", "DATE", "XXXX", None),
        ("three days", "DURATION", "P3D", None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "You may go now or march on.",  # modal "may", verb "march" (and "now" is the only time)
        "April Fenwick and 2000 people watched a 6-year-old win.",
        "They paid $1990 for a second chance.",
    ],
)
def test_find_rejects_look_alikes(text: str):
    assert [t.text for t in find(text, REF)] in ([], ["now"])


def test_find_is_fast_enough():
    import time

    sentence = "The envoy met Peskov on Friday, two weeks after the December 29, 2016 sanctions took effect."
    # CPU time of this process, not wall time, so a busy machine does not fail the test; the
    # floor is a tenth of the measured rate: it catches a pattern gone quadratic, not noise.
    start = time.process_time()
    for _ in range(500):
        find(sentence, REF)
    assert 500 / max(time.process_time() - start, 1e-9) > 300  # sentences/s


@pytest.mark.model
def test_times_uses_the_tense_of_the_governing_verb(nlp):
    text = (
        "MOSCOW, December 4. The aide said Friday that the talks had ended. "
        "The ministers will meet Tuesday in Vienna. "
        "The sanctions came on December 29, 2016. On January 5, the envoy flew home."
    )
    article = Article(id="a1", text=text, published="2017-12-04")
    result = times(nlp(text), article)
    assert [(t.text, t.value) for t in result] == [
        ("December 4", "2017-12-04"),
        ("Friday", "2017-12-01"),
        ("Tuesday", "2017-12-05"),
        ("December 29, 2016", "2016-12-29"),
        ("January 5", "2017-01-05"),
    ]
    for t in result:
        assert t.article_id == "a1" and text[t.span[0] : t.span[1]] == t.text


@pytest.mark.model
def test_times_past_verb_sends_a_near_date_back(nlp):
    text = "The court heard the case on December 20."
    result = times(nlp(text), Article(id="a2", text=text, published="2017-12-04"))
    assert [(t.text, t.value) for t in result] == [("December 20", "2016-12-20")]


@pytest.mark.model
def test_a_month_naming_an_occasion_takes_the_nearer_date(nlp):
    text = "The group will ask the judge to review the February complaints. The council will meet in February."
    result = times(nlp(text), Article(id="a3", text=text, published="2025-03-26"))
    assert [(t.text, t.value) for t in result] == [("February", "2025-02"), ("February", "2026-02")]


def test_a_weekday_written_with_a_date_picks_the_year():
    # 26 October fell on a Monday in 1998, not in 1997 or 1999.
    assert found("The paper ran it on Monday, Oct. 26: a long piece.", "1998-10-25")[0] == (
        "Monday, Oct. 26", "DATE", "1998-10-26", None)


def test_narrative_periods_count_from_the_date_before_them():
    text = "Kell joined the board on March 3, 2011, and the following month she left; that year was odd."
    assert [(t, v) for t, _, v, _ in found(text)] == [
        ("March 3, 2011", "2011-03-03"), ("the following month", "2011-04"), ("that year", "2011")]


def test_quarter_phrases_follow_the_quarter_under_discussion():
    text = "Profit rose in the third quarter, against a loss in the comparable year-ago quarter and in the 1990 period."
    assert [(t, v) for t, _, v, _ in found(text, "1991-11-02")] == [
        ("the third quarter", "1991-Q3"), ("the comparable year-ago quarter", "1990-Q3"), ("the 1990 period", "1990-Q3")]


def test_a_narrative_does_not_roll_past_the_publication_date():
    # Carried forward from the first date, "May 6" would be 2000-05-06, months after the article.
    text = "The shop burned on Oct. 23, 1999. On May 6, the owner had been warned."
    assert found(text, "2000-01-15")[-1] == ("May 6", "DATE", "1999-05-06", None)


@pytest.mark.model
def test_a_deadline_set_in_the_past_can_lie_ahead(nlp):
    text = "The offer was extended to Nov. 16. The dividend is payable Dec. 1. The fair opened in April."
    result = times(nlp(text), Article(id="a4", text=text, published="1989-10-30"))
    assert [(t.text, t.value) for t in result] == [("Nov. 16", "1989-11-16"), ("Dec. 1", "1989-12-01"), ("April", "1989-04")]


def test_the_reported_quarter_is_the_first_named_this_year_or_the_one_a_date_closes():
    # Named first in the reference year: later comparisons ("a year ago") refer to it, not to a
    # quarter mentioned in passing after it, nor to one of an earlier year named before it.
    text = ("Ardent Mills last lost money in the second quarter of 2012. Its third-quarter profit "
            "doubled after a weak second quarter, and rose from a year ago.")
    values = [v for _, _, v, _ in found(text)]
    assert values == ["2012-Q2", "2017-Q3", "2017-Q2", "2016-Q3"]
    # "the quarter ended July 31" is the calendar quarter the fiscal one mostly falls in.
    text = "For the quarter ended July 31, the grocer earned more than a year earlier."
    assert [v for _, _, v, _ in found(text)] == ["2017-Q2", "2017-07-31", "2016-Q2"]


def test_weekday_after_until_lies_ahead_and_modals_after_it_do_not_count():
    # Reference Monday 2017-12-04: "until Wednesday" is the coming one despite the past tense.
    assert found("The board extended the offer until Wednesday.")[0][2] == "2017-12-06"
    # A modal after the weekday speaks of what follows, not of the day.
    assert found("Rivals warned on Thursday that prices could fall.")[0][2] == "2017-11-30"


def test_weekday_after_until_lies_behind_in_the_past_perfect():
    # Reference Monday 2017-12-04: "until Thursday ... had not" speaks of the Thursday just past.
    assert found("Until Thursday, the police had not named Orlo Vance a suspect.")[0][2] == "2017-11-30"


def test_a_comparison_about_several_quarters_is_with_the_year_before():
    text = ("Brindle Foods earned $4 million in the third quarter, up from a year earlier. "
            "For the nine months, net rose to $9 million from $7 million a year earlier.")
    assert [v for _, _, v, _ in found(text)] == ["2017-Q3", "2016-Q3", "P9M", "2016"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shares rose at mid-afternoon yesterday.", [("mid-afternoon yesterday", "TIME", "2017-12-03TAF", None)]),
        ("The index fell 2% from the previous Friday.", [("the previous Friday", "DATE", "2017-11-24", None)]),
        ("The raft sank last Thanksgiving.", [("last Thanksgiving", "DATE", "2017-11-23", None)]),
        ("She said on ABC's \"This Week\" that talks would go on.", []),
        ("The debate is for today's youth, not for us.", []),
        ("It showed the film High Noon to the crowd.", []),
        ("They left their third day-long meeting.", [("day-long", "DURATION", "P1D", None)]),
        ("It was a decades-long feud.", [("decades-long", "DURATION", "PXY", None)]),
        ("The van was seen in the weeks before the fire.", [("weeks", "DATE", "XXXX-XX", None)]),
    ],
)
def test_find_this_rounds_classes(text: str, expected: list[tuple[str, str, str, str | None]]):
    assert found(text) == expected


@pytest.mark.model
def test_the_parse_dates_deadlines_possessives_and_overtaken_plans(nlp):
    # Reference Friday 2017-12-08.
    text = ("Kestrel Air will double its flights by August. "
            "Her cousins would look for ways to get around Wednesday's ruling. "
            "The offer had been due to expire Friday evening.")
    result = times(nlp(text), Article(id="a5", text=text, published="2017-12-08"))
    assert [(t.text, t.value) for t in result] == [
        ("August", "2018-08"), ("Wednesday", "2017-12-06"), ("Friday evening", "2017-12-08TEV")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Orlo Vance was hurt last Oct. 23 at the depot.", [("Oct. 23", "DATE", "2017-10-23", None)]),
        ("The trial opens the week of March 6.", [("the week of March 6", "DATE", "2018-W10", None)]),
        ("Ferries sail on Tuesday nights.", [("Tuesday nights", "SET", "XXXX-WXX-2TNI", None)]),
        ("Ice closed the port in the winter of nineteen ninety-four.",
         [("the winter of nineteen ninety-four", "DATE", "1994-WI", None)]),
        ("The mill shut this past spring.", [("this past spring", "DATE", "2017-SP", None)]),
        ("More recently, the mill reopened.", [("More recently", "DATE", "PAST_REF", None)]),
        ("The strike lasted almost five months.", [("five months", "DURATION", "P5M", "LESS_THAN")]),
        ("The mine closed almost two years ago.", [("almost two years ago", "DATE", "2015", "LESS_THAN")]),
        ("Appeals may take as long as a month.", [("a month", "DURATION", "P1M", "EQUAL_OR_MORE")]),
        ("Rents rose for at least the past 18 months.",
         [("at least the past 18 months", "DURATION", "P18M", "EQUAL_OR_MORE")]),
        ("Sales fell in the fiscal-first quarter.", [("the fiscal-first quarter", "DATE", "2017-Q1", None)]),
    ],
)
def test_spans_of_round_two(text: str, expected: list[tuple[str, str, str, str | None]]):
    assert found(text) == expected


def test_the_next_day_counts_from_the_last_day_named():
    # Reference Monday 2017-12-04; the story is at Tuesday 2017-11-28, then moves on a day at a time.
    text = ("Mira Osk landed on Tuesday. The next day she met the mayor, and the next morning she flew "
            "home. Later in the day she wrote to the council; she had called it the previous evening.")
    assert [(t, v) for t, _, v, _ in found(text)] == [
        ("Tuesday", "2017-11-28"), ("The next day", "2017-11-29"), ("the next morning", "2017-11-30TMO"),
        ("Later in the day", "2017-11-30"), ("the previous evening", "2017-11-29TEV")]


def test_the_following_month_counts_from_the_last_month_named():
    text = ("In June, Tarn Mills got an offer from a group of its managers. The board met twice, heard "
            "its bankers at length and asked the owners what they wanted. The following month, it put itself up for sale.")
    assert [(t, v) for t, _, v, _ in found(text)] == [("June", "2017-06"), ("The following month", "2017-07")]


def test_coordinated_day_and_clock_dated_across_a_parenthesis():
    assert found("The summit meets in Oslo on Feb. 24 and 25.")[-1] == ("25", "DATE", "2018-02-25", None)
    assert found("It was April 24 and 25 people came.") == [("April 24", "DATE", "2017-04-24", None)]
    # Reference Monday 2017-12-04.
    assert found("The dam broke at 6:10 a.m. (0410 GMT) Friday.")[0][2] == "2017-12-01T06:10"


def test_a_modal_perfect_looks_back():
    # Reference Monday 2017-12-04: "may have" is about a past Wednesday, not a coming one.
    assert found("Worry may have caused the drop on Wednesday.")[0][2] == "2017-11-29"


@pytest.mark.model
def test_a_date_in_apposition_to_a_deadline_clock_lies_ahead(nlp):
    text = "Corvane said it extended its offer for Telbrook shares until 5 p.m. EST Dec. 11."
    result = times(nlp(text), Article(id="a6", text=text, published="2017-12-04"))
    assert [(t.text, t.value) for t in result] == [("5 p.m. EST Dec. 11", "2017-12-11T17:00")]


def test_that_year_and_that_day_take_the_last_date_named():
    text = "Imports reached $3 million in 1988, a small share of the total that year."
    assert found(text)[-1] == ("that year", "DATE", "1988", None)
    # A day of a month named without its day: the month is known, the day is not.
    text = "Pell Mill was sold last October. Its sign came down that same day."
    assert found(text)[-1] == ("that same day", "DATE", "2017-10-XX", None)


def test_election_day_is_the_tuesday_after_the_first_monday_of_november():
    # Reference Thursday 2017-10-26: the coming one, 12 days ahead.
    assert found("Our theme from now to Election Day is jobs.", "2017-10-26")[-1] == (
        "Election Day", "DATE", "2017-11-07", None)
    assert found("Turnout fell on Election Day 2016.")[-1] == ("Election Day 2016", "DATE", "2016-11-08", None)


@pytest.mark.model
def test_the_parse_of_round_three(nlp):
    # Reference Monday 2017-12-04.
    text = ("The bid had been due to expire Friday evening. "
            "The general let the march begin Saturday night. "
            "The notes would be repaid in five years, the lender said. "
            "Cash came in, and the trickle soon became a flood. "
            "Prices will soon fall.")
    result = times(nlp(text), Article(id="a7", text=text, published="2017-12-04"))
    assert [(t.text, t.type, t.value) for t in result] == [
        ("Friday evening", "DATE", "2017-12-01TEV"),  # a past perfect two steps up: behind, not ahead
        ("Saturday night", "DATE", "2017-12-02"),  # a bare infinitive after a past verb
        ("five years", "DATE", "2022"),  # "would": a point ahead, even after "said"
        ("soon", "DATE", "FUTURE_REF"),  # only the second "soon": the first is in the story's past
    ]
