"""Cooldown: a few questions per window, then one notice, then silence until the window moves."""

from __future__ import annotations

from bot.cooldown import Cooldown
from tests.test_memory import Clock


def test_a_few_then_one_notice_then_quiet() -> None:
    clock = Clock()
    cooldown = Cooldown(limit=3, window=60, clock=clock)
    decisions = [cooldown.check("a") for _ in range(6)]
    assert decisions == ["allow", "allow", "allow", "notice", "quiet", "quiet"]
    assert cooldown.check("b") == "allow"


def test_the_window_slides_and_a_new_streak_gets_a_new_notice() -> None:
    clock = Clock()
    cooldown = Cooldown(limit=2, window=60, clock=clock)
    assert [cooldown.check("a") for _ in range(3)] == ["allow", "allow", "notice"]
    assert cooldown.retry_in("a") == 60
    clock.now = 30
    assert cooldown.retry_in("a") == 30
    clock.now = 60
    assert cooldown.check("a") == "allow"
    assert cooldown.check("a") == "allow"
    assert cooldown.check("a") == "notice"


def test_idle_keys_are_forgotten() -> None:
    clock = Clock()
    cooldown = Cooldown(limit=2, window=60, clock=clock)
    cooldown.check("a")
    clock.now = 61
    cooldown.check("b")
    assert len(cooldown) == 1
