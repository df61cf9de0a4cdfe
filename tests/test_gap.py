"""The gap queue: anonymised, counted, most frequent first, gone after 90 days."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.gap import GapQueue, anonymise, gap_key
from bot.store import Database


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ask @sam_k about it", "ask about it"),
        ("mail sam.k+x@example.co.uk please", "mail please"),
        ("see https://example.org/a?b=1 and www.x.com", "see and"),
        ("t.me/somebody or ketamine.org/page", "or"),
        ("call +44 (0)7700 900-123 now", "call now"),
        ("my id is 123456789", "my id is"),
        ("in 2019 and 2020, 5 years", "in 2019 and 2020, 5 years"),
        ("zero\u200bwidth \u202eright", "zerowidth right"),
        ("  lots   of\n\nspace ", "lots of space"),
    ],
)
def test_anonymise_removes_what_could_identify_someone(text: str, expected: str) -> None:
    assert anonymise(text) == expected


def test_anonymise_caps_the_length() -> None:
    assert len(anonymise("word " * 100)) <= 200


def test_gap_key_ignores_case_space_and_edge_punctuation() -> None:
    assert gap_key("  Weather on MARS?? ") == gap_key("weather   on mars") == "weather on mars"


def test_the_queue_counts_and_orders(tmp_path: Path) -> None:
    queue = GapQueue(Database.open(tmp_path))
    day = dt.date(2026, 1, 1)
    for text in ["Weather on Mars?", "weather on mars", "who is @sam", "WEATHER ON MARS"]:
        queue.add(text, today=day)
    assert queue.add("@sam https://x.org", today=day) is False  # nothing left to keep
    top = queue.top()
    assert [(g.text, g.count) for g in top] == [("Weather on Mars?", 3), ("who is", 1)]
    assert top[0].first_seen == top[0].last_seen == "2026-01-01"


def test_the_queue_forgets_after_90_days(tmp_path: Path) -> None:
    queue = GapQueue(Database.open(tmp_path))
    queue.add("old question", today=dt.date(2026, 1, 1))
    queue.add("new question", today=dt.date(2026, 3, 1))
    assert queue.prune(today=dt.date(2026, 4, 1)) == 0  # exactly 90 days: still kept
    assert queue.prune(today=dt.date(2026, 4, 2)) == 1
    assert [g.text for g in queue.top()] == ["new question"]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_add_prunes_first_then_at_most_once_an_hour(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    queue = GapQueue(Database.open(tmp_path), clock=clock)
    prunes: list[dt.date | None] = []
    real = queue.prune

    def spy(today: dt.date | None = None) -> int:
        prunes.append(today)
        return real(today)

    monkeypatch.setattr(queue, "prune", spy)
    day = dt.date(2026, 1, 1)
    queue.add("first question", today=day)
    assert prunes == [day]  # the first add prunes
    for n in range(50):
        queue.add(f"question {n}", today=day)
    clock.now += 3599
    queue.add("not yet", today=day)
    assert prunes == [day]
    clock.now += 1
    later = dt.date(2026, 4, 1)
    queue.add("an hour on", today=later)
    assert prunes == [day, later]
    queue.add("again", today=later)
    assert len(prunes) == 2


def test_the_hourly_prune_keeps_90_days_exactly(tmp_path: Path) -> None:
    clock = FakeClock()
    queue = GapQueue(Database.open(tmp_path), clock=clock)
    queue.add("old question", today=dt.date(2026, 1, 1))
    clock.now += 3600
    queue.add("new question", today=dt.date(2026, 4, 1))  # exactly 90 days later: kept
    assert {g.text for g in queue.top()} == {"old question", "new question"}
    clock.now += 3600
    queue.add("newer question", today=dt.date(2026, 4, 2))  # 91 days: gone
    assert {g.text for g in queue.top()} == {"new question", "newer question"}
