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
        Reply(kind="answer", support="crisis"),
        Reply(kind="no_answer", support="crisis"),
        Reply(kind="answer", support="dependence"),
        Reply(kind="chat"),
    ]:
        stats.record(reply)
    lines = stats.lines()
    for expected in [
        "questions: 9",
        "answers: 3",
        "no answer: 2",
        "thanks, greetings and the like: 1",
        "redirects: 3",
        "  crisis: 2",
        "answered with a helpline added: 3",
    ]:
        assert expected in lines
    support = lines.index("answered with a helpline added: 3")
    assert lines[support + 1 : support + 3] == ["  crisis: 2", "  dependence: 1"]
