"""Stats: counts by kind and by safety category, as plain lines."""

from __future__ import annotations

from bot.models import Reply
from bot.stats import Stats


def test_counts_by_kind_and_category() -> None:
    stats = Stats()
    for reply in [
        Reply(kind="answer"),
        Reply(kind="no_answer"),
        Reply(kind="redirect", category="crisis"),
        Reply(kind="redirect", category="dosing"),
        Reply(kind="redirect", category="crisis"),
    ]:
        stats.record(reply)
    lines = stats.lines()
    for expected in ["questions: 5", "answers: 1", "no answer: 1", "redirects: 3", "  crisis: 2"]:
        assert expected in lines
