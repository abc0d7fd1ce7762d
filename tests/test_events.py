"""Dated events within one article: the clause each calendar date attaches to."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.corpus.timeline import timeline
from storyline.model import Article, Mention, Time
from storyline.nlp.events import calendar_date, events, granularity

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"

# Canonical names the mention extractor would give, by surface form.
CANON = {
    "Anna Berg": "Anna Berg", "Berg": "Anna Berg", "Halvorsen": "Erik Halvorsen",
    "Ivo Lind": "Ivo Lind", "Queen Mara": "Mara", "Volkov": "Sergey Volkov",
    "Norland": "Norland", "Vell": "Vell", "Oslo": "Oslo",
}


def at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    """The span of the ``nth`` occurrence of ``part`` in ``text``."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(part, i + 1)
    return i, i + len(part)


def time(text: str, part: str, value: str, type_: str = "DATE", nth: int = 0) -> Time:
    return Time(article_id="a", span=at(text, part, nth), text=part, type=type_, value=value)  # type: ignore[arg-type]


def mentions(text: str) -> list[Mention]:
    """A mention for every occurrence of every name in CANON (longest names first)."""
    found: list[Mention] = []
    taken: set[int] = set()
    for name in sorted(CANON, key=len, reverse=True):
        start = text.find(name)
        while start != -1:
            if start not in taken:
                found.append(Mention("a", (start, start + len(name)), name, "PERSON", CANON[name]))
                taken.update(range(start, start + len(name)))
            start = text.find(name, start + 1)
    return found


def run(nlp, text: str, *times: tuple) -> list:
    article = Article(id="a", text=text)
    found = events(nlp(text), article, mentions(text), [time(text, *t) for t in times])
    for e in found:  # every record covers exactly the characters it says
        assert text[e.span[0] : e.span[1]] == e.text
        assert e.span[0] <= e.time_span[0] < e.time_span[1] <= e.span[1]
    return found


def trigger(text: str, event) -> str:
    return text[event.trigger[0] : event.trigger[1]]


# --- no model -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type_", "value", "expected"),
    [
        ("DATE", "2016-12-29", "2016-12-29"),
        ("DATE", "2016-12", "2016-12"),
        ("DATE", "2015", "2015"),
        ("TIME", "2017-12-01T10:00", "2017-12-01"),
        ("DATE", "PRESENT_REF", None),
        ("DATE", "XXXX-12-25", None),
        ("DATE", "2017-W48", None),
        ("DURATION", "P3D", None),
        ("SET", "P1W", None),
    ],
)
def test_calendar_date_keeps_only_years_months_and_days(type_, value, expected):
    assert calendar_date(Time("a", (0, 1), "x", type_, value)) == expected


def test_granularity():
    assert [granularity(d) for d in ("2016", "2016-12", "2016-12-29", "PAST_REF")] == [1, 2, 3, 0]


# --- with the model -------------------------------------------------------------------------


@pytest.mark.model
def test_a_date_on_the_subject_still_dates_the_main_clause(nlp):
    text = ("The government of then Prime Minister Anna Berg on March 3, 2019 imposed a set of "
            "tariffs over claims that Norland had dumped steel in Vell.")
    [event] = run(nlp, text, ("March 3, 2019", "2019-03-03"))
    assert event.text == text[:-1]  # the clause, without the full stop
    assert trigger(text, event) == "imposed"
    assert (event.date, event.kind) == ("2019-03-03", "event")
    assert event.participants == ("Anna Berg", "Norland", "Vell")
    assert event.time_span == at(text, "March 3, 2019")


@pytest.mark.model
def test_a_weekday_dates_a_plea(nlp):
    text = "On Friday, Halvorsen pleaded guilty that he had lied to investigators."
    [event] = run(nlp, text, ("Friday", "2019-03-08"))
    assert event.text == "On Friday, Halvorsen pleaded guilty that he had lied to investigators"
    assert trigger(text, event) == "pleaded"
    assert event.participants == ("Erik Halvorsen",)


@pytest.mark.model
def test_a_reporting_verb_gives_a_statement(nlp):
    text = "Ministry spokesman Ivo Lind told reporters on Monday that the talks had failed."
    [event] = run(nlp, text, ("Monday", "2019-03-11"))
    assert event.kind == "statement"
    assert trigger(text, event) == "told"
    assert event.participants == ("Ivo Lind",)


@pytest.mark.model
def test_soon_after_on_a_day_dates_the_next_sentence(nlp):
    text = ("Halvorsen joined the cabinet in January 2019. Shortly after, on February 13, according "
            "to the palace, he was forced to resign after he kept Queen Mara in the dark about his "
            "dealings with Volkov.")
    joined, resigned = run(nlp, text, ("January 2019", "2019-01"), ("February 13", "2019-02-13"))
    assert (joined.text, joined.date) == ("Halvorsen joined the cabinet in January 2019", "2019-01")
    assert resigned.date == "2019-02-13"
    assert resigned.text.startswith("Shortly after, on February 13") and resigned.text.endswith("Volkov")
    assert trigger(text, resigned) == "resign"  # "was forced to resign" happened as a resignation
    assert resigned.participants == ("Mara", "Sergey Volkov")


@pytest.mark.model
def test_a_subjectless_clause_borrows_its_subject(nlp):
    text = ("Halvorsen has long been criticised for his ties to Norland, having attended a banquet "
            "in Oslo with Queen Mara in 2015.")
    [event] = run(nlp, text, ("2015", "2015"))
    assert event.text == "having attended a banquet in Oslo with Queen Mara in 2015"
    assert trigger(text, event) == "attended"
    assert event.participants == ("Erik Halvorsen", "Oslo", "Mara")


@pytest.mark.model
def test_a_date_before_a_noun_dates_the_noun_phrase(nlp):
    text = "Vell decided not to retaliate against the March 2019 tariffs."
    [event] = run(nlp, text, ("March 2019", "2019-03"))
    assert (event.text, event.kind, event.date) == ("the March 2019 tariffs", "nominal", "2019-03")


@pytest.mark.model
def test_a_headline_is_cut_at_its_line_break(nlp):
    text = ("Halvorsen pleads guilty on Friday\n\nOSLO, March 11. /NNA/. The minister resigned in "
            "2018 and Berg took over in 2019.")
    article = Article(id="a", text=text, date_span=at(text, "OSLO, March 11"))
    times = [time(text, "Friday", "2019-03-08"), time(text, "March 11", "2019-03-11"),
             time(text, "2018", "2018"), time(text, "2019", "2019")]
    found = events(nlp(text), article, mentions(text), times)
    assert [(e.date, e.text) for e in found] == [
        ("2019-03-08", "Halvorsen pleads guilty on Friday"),
        ("2018", "The minister resigned in 2018"),  # the conjoined clause is an event of its own
        ("2019", "Berg took over in 2019"),
    ]
    assert trigger(text, found[2]) == "took over"


@pytest.mark.model
def test_a_dateline_dates_the_article_not_an_event(nlp):
    text = "OSLO, March 11 (NNA) - Berg has resigned, the palace said."
    spots = [time(text, "March 11", "2019-03-11")]
    undated = Article(id="a", text=text)
    assert [e.text for e in events(nlp(text), undated, (), spots)] == [
        "OSLO, March 11 (NNA) - Berg has resigned"
    ]
    dated = Article(id="a", text=text, date_span=at(text, "OSLO, March 11"))
    assert events(nlp(text), dated, (), spots) == []


@pytest.mark.model
def test_vague_times_durations_and_verbless_lines_give_no_event(nlp):
    text = "March 12, 2019\n\nLind spoke on Tuesday for three hours."
    assert run(nlp, text, ("March 12, 2019", "2019-03-12"), ("Tuesday", "PRESENT_REF"),
               ("three hours", "PT3H", "DURATION")) == []


@pytest.mark.model
def test_two_dates_on_one_clause_give_one_event_with_the_finer_date(nlp):
    text = "Volkov arrived in Oslo in March 2019, on March 2, to meet Berg."
    [event] = run(nlp, text, ("March 2019", "2019-03"), ("March 2", "2019-03-02", "DATE", 1))
    assert event.date == "2019-03-02"
    assert event.time_span == at(text, "March 2", nth=1)


# --- the seeds, in place --------------------------------------------------------------------

SEED_TIMES = {
    # article id: (published, outlet, [(text, value, occurrence)])
    "000_ea4c9ef4c1837040": ("2017-12-04", "TASS", [
        ("Friday", "2017-12-01", 0), ("Monday", "2017-12-04", 0), ("December 2016", "2016-12", 0),
        ("the end of 2016", "2016", 0), ("Friday", "2017-12-01", 1),
        ("December 29, 2016", "2016-12-29", 0), ("January 2017", "2017-01", 0),
        ("February 13", "2017-02-13", 0), ("October 27, 2016", "2016-10-27", 0),
    ]),
    "004_ca4f9b9ad2dd11e2": ("2017-02-14", "The Moscow Times", [
        ("February 14, 2017", "2017-02-14", 0), ("Thursday", "2017-02-09", 0),
        ("November 2016", "2016-11", 0), ("2015", "2015", 0),
    ]),
}


@pytest.mark.model
def test_the_seeds_give_the_story_s_dated_events(nlp):
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent")
    articles, found = {}, []
    for article_id, (published, outlet, spots) in SEED_TIMES.items():
        text = (SEEDS / f"{article_id}.txt").read_text(encoding="utf-8")
        article = Article(id=article_id, text=text, published=published, outlet=outlet)
        articles[article_id] = article
        times = [
            Time(article_id, at(text, part, nth), part, "DATE", value) for part, value, nth in spots
        ]
        doc = nlp(text)
        for e in events(doc, article, (), times):
            assert text[e.span[0] : e.span[1]] == e.text
            found.append((e, text[e.trigger[0] : e.trigger[1]]))
    by_date = {(e.date, word) for e, word in found}
    assert {("2015", "appeared"), ("2016-12-29", "imposed"), ("2017-02-13", "resign"),
            ("2017-12-01", "pleaded")} <= by_date
    assert ("2017-12-04", "told") in by_date  # Peskov's statement, flagged as one
    assert not any(e.date == "2017-02-14" for e, _ in found)  # the Moscow Times' date line
    entries = timeline([e for e, _ in found], articles)
    dates = [e.date for e in entries]
    assert dates == sorted(dates, key=lambda d: (d[:4], d))  # in time order
    assert dates.index("2015") < dates.index("2016-12-29") < dates.index("2017-02-13")
    [plea] = [e for e in entries if e.date == "2017-12-01"]
    assert len(plea.sources) == 2  # the headline and the body tell it twice: one entry
    assert plea.outlets == ("TASS",)
    assert not any(e.kind == "statement" for e in entries)


@pytest.mark.model
def test_lede_in_the_present_perfect_is_dated_by_the_article(nlp):
    from storyline.nlp.events import LEDE_METHOD

    text = ("Port director Anika Brandt has resigned after a week of protests over the dredging plan.\n\n"
            "Brandt said on Tuesday that she had done her best.")
    article = Article(id="l", text=text, published="2025-06-12")
    tuesday = time(text, "Tuesday", "2025-06-10")
    found = events(nlp(text), article, mentions(text), [tuesday])
    lede = [e for e in found if e.method == LEDE_METHOD]
    assert len(lede) == 1 and lede[0].date == "2025-06-12" and lede[0].time_span is None
    assert lede[0].text.startswith("Port director Anika Brandt has resigned")
    assert text[lede[0].trigger[0]:lede[0].trigger[1]] == "resigned"
    # no article date, or a lede that is not news in the perfect: no such event
    assert not [e for e in events(nlp(text), Article(id="l", text=text), (), [tuesday]) if e.method == LEDE_METHOD]
    plain = "The port board met to discuss the dredging plan."
    assert events(nlp(plain), Article(id="p", text=plain, published="2025-06-12"), (), []) == []
