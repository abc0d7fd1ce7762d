"""The merged timeline, over hand-built events (no spaCy model needed)."""

from __future__ import annotations

import pytest

from storyline.corpus.timeline import date_order, for_entity, stem, timeline
from storyline.model import Article, Event

ARTICLES = {
    "fjord-1": Article(id="fjord-1", text="", outlet="Daily Fjord", published="2019-03-05"),
    "times-1": Article(id="times-1", text="", outlet="Norland Times", published="2019-03-04"),
    "times-2": Article(id="times-2", text="", outlet="Norland Times", published="2019-04-01"),
}


def event(
    article_id: str,
    text: str,
    date: str,
    trigger: str,
    participants: tuple[str, ...] = (),
    *,
    at: int = 0,
    time: str | None = None,
    kind: str = "event",
) -> Event:
    """An event whose clause ``text`` starts at offset ``at`` of its article."""
    t = text.index(trigger)
    time_span = None
    if time is not None:
        s = text.index(time)
        time_span = (at + s, at + s + len(time))
    return Event(
        article_id=article_id,
        span=(at, at + len(text)),
        text=text,
        date=date,
        trigger=(at + t, at + t + len(trigger)),
        time_span=time_span,
        participants=participants,
        kind=kind,
    )


GLOBAL = {
    ("fjord-1", "Sergey Volkov"): "Sergey Volkov",
    ("times-1", "Sergei Volkov"): "Sergey Volkov",
    ("fjord-1", "Anna Berg"): "Anna Berg",
    ("times-1", "Berg"): "Anna Berg",
}


def entity_of(article_id: str, name: str) -> str:
    return GLOBAL.get((article_id, name), name)


MET_FJORD = event(
    "fjord-1",
    "Anna Berg met Russian envoy Sergey Volkov in Oslo on March 3",
    "2019-03-03",
    "met",
    ("Anna Berg", "Sergey Volkov"),
    at=40,
    time="March 3",
)
MET_TIMES = event(
    "times-1",
    "On Sunday, Berg held talks with Sergei Volkov",
    "2019-03-03",
    "held",
    ("Berg", "Sergei Volkov"),
    at=300,
    time="Sunday",
)


def test_merges_one_happening_across_outlets_through_entity_of():
    entries = timeline([MET_FJORD, MET_TIMES], ARTICLES, entity_of=entity_of)
    assert len(entries) == 1
    entry = entries[0]
    assert entry.date == "2019-03-03"
    assert set(entry.sources) == {("fjord-1", (40, 100)), ("times-1", (300, 345))}
    assert entry.outlets == ("Norland Times", "Daily Fjord")  # in order of publication
    assert entry.participants == ("Anna Berg", "Sergey Volkov")
    # The shown clause is the shortest clear one, and it is the first source.
    assert entry.text == MET_TIMES.text
    assert entry.sources[0] == ("times-1", MET_TIMES.span)
    assert entry.id


def test_different_spellings_without_a_mapping_stay_apart():
    entries = timeline([MET_FJORD, MET_TIMES], ARTICLES)
    assert len(entries) == 2


def test_different_happenings_on_one_day_stay_apart():
    plea = event(
        "fjord-1", "On Friday, Erik Halvorsen pleaded guilty to lying to investigators",
        "2019-03-08", "pleaded", ("Erik Halvorsen",), time="Friday",
    )
    lawyer = event(
        "times-2", "Halvorsen's lawyer Tom Dahl met prosecutors in Bergen on Friday",
        "2019-03-08", "met", ("Erik Halvorsen", "Tom Dahl", "Bergen"), time="Friday",
    )
    other_meeting = event(
        "times-1", "Ivo Lind met Queen Mara in Vell on March 8", "2019-03-08", "met",
        ("Ivo Lind", "Mara"), time="March 8",
    )
    entries = timeline([plea, lawyer, other_meeting], ARTICLES)
    assert len(entries) == 3
    assert all(len(e.sources) == 1 for e in entries)


def test_a_lede_repeated_in_the_body_is_one_entry():
    text = "On Friday, Erik Halvorsen pleaded guilty to lying to investigators"
    lede = event("times-2", text, "2019-03-08", "pleaded", ("Erik Halvorsen",), at=10, time="Friday")
    body = event("times-2", text, "2019-03-08", "pleaded", ("Erik Halvorsen",), at=900, time="Friday")
    [entry] = timeline([body, lede], ARTICLES)
    assert entry.sources == (("times-2", lede.span), ("times-2", body.span))
    assert entry.outlets == ("Norland Times",)


def test_a_coarser_date_joins_a_finer_one_only_on_strong_evidence():
    day = event(
        "fjord-1", "Norland expelled 35 Vellish diplomats on December 29, 2016",
        "2016-12-29", "expelled", ("Norland", "Vell"), time="December 29, 2016",
    )
    month = event(
        "times-1", "In December 2016 Norland expelled 35 diplomats of Vell",
        "2016-12", "expelled", ("Norland", "Vell"), time="December 2016",
    )
    tariffs = event(
        "times-1", "the December 2016 tariffs", "2016-12", "tariffs", (), time="December 2016",
        kind="nominal",
    )
    entries = timeline([month, tariffs, day], ARTICLES)
    assert [(e.date, len(e.sources)) for e in entries] == [("2016-12", 1), ("2016-12-29", 2)]
    assert entries[0].text == "the December 2016 tariffs"
    assert entries[1].text == day.text  # the report with the most specific date is shown


def test_order_is_by_date_start_coarse_first_then_by_first_source():
    evs = [
        event("fjord-1", "Berg won the election in 2017", "2017", "won", ("Anna Berg",), time="2017"),
        event("times-1", "Lind resigned on December 29, 2016", "2016-12-29", "resigned", ("Ivo Lind",)),
        event("fjord-1", "Mara abdicated in December 2016", "2016-12", "abdicated", ("Mara",)),
        event("times-2", "Dahl founded the party in 2016", "2016", "founded", ("Tom Dahl",)),
        event("fjord-1", "Volkov arrived in Oslo on December 29, 2016", "2016-12-29", "arrived",
              ("Sergey Volkov",)),
    ]
    dates = [(e.date, e.sources[0][0]) for e in timeline(evs, ARTICLES)]
    assert dates == [
        ("2016", "times-2"),
        ("2016-12", "fjord-1"),
        ("2016-12-29", "times-1"),  # published 4 March, before fjord-1 (5 March)
        ("2016-12-29", "fjord-1"),
        ("2017", "fjord-1"),
    ]
    assert date_order("2016") < date_order("2016-01") < date_order("2016-01-01") < date_order("bad")


def test_statements_are_hidden_unless_asked_for():
    said = event(
        "times-1", "Ivo Lind told reporters on Monday that talks had failed", "2019-03-04",
        "told", ("Ivo Lind",), time="Monday", kind="statement",
    )
    assert timeline([said, MET_FJORD], ARTICLES) == timeline([MET_FJORD], ARTICLES)
    shown = timeline([said, MET_FJORD], ARTICLES, include_statements=True)
    assert [e.kind for e in shown] == ["event", "statement"]


def test_undated_events_are_left_out():
    undated = Event(article_id="fjord-1", span=(0, 10), text="Berg spoke", date=None)
    assert timeline([undated], ARTICLES) == []


def test_for_entity_keeps_the_entries_a_name_takes_part_in():
    plea = event("fjord-1", "On Friday, Erik Halvorsen pleaded guilty", "2019-03-08", "pleaded",
                 ("Erik Halvorsen",))
    entries = timeline([MET_FJORD, MET_TIMES, plea], ARTICLES, entity_of=entity_of)
    assert [e.date for e in for_entity(entries, "sergey volkov")] == ["2019-03-03"]
    assert [e.date for e in for_entity(entries, "Erik Halvorsen")] == ["2019-03-08"]
    assert for_entity(entries, "Nobody") == []


@pytest.mark.parametrize(
    ("a", "b"),
    [("imposed", "imposes"), ("impose", "imposed"), ("resigned", "resignation"),
     ("sanctions", "sanction"), ("expelled", "expel"), ("pleaded", "pleads")],
)
def test_stem_matches_forms_of_one_word(a, b):
    assert stem(a) == stem(b)


def test_a_lede_dated_by_its_article_joins_the_dated_report_it_echoes():
    from dataclasses import replace

    from storyline.nlp.events import LEDE_METHOD

    dated = event("fjord-1", "On March 2, Anna Berg resigned as envoy", "2019-03-02", "resigned", ("Anna Berg",), time="March 2")
    lede = replace(event("times-1", "Berg has resigned amid a row over the talks", "2019-03-04", "resigned", ("Berg",)),
                   method=LEDE_METHOD)
    far = replace(lede, article_id="times-2", date="2019-03-20")  # too long after to be the same news
    other = replace(event("times-1", "Berg has met the minister", "2019-03-04", "met", ("Berg",)), method=LEDE_METHOD)
    entries = timeline([dated, lede, far, other], ARTICLES, entity_of=entity_of)
    merged = [e for e in entries if len(e.sources) == 2]
    assert len(merged) == 1 and merged[0].date == "2019-03-02"
    assert {a for a, _ in merged[0].sources} == {"fjord-1", "times-1"}
    assert sorted(e.date for e in entries) == ["2019-03-02", "2019-03-04", "2019-03-20"]
