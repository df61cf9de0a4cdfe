"""ExpiringMap: entries vanish after their time, and the oldest go first past the limit."""

from __future__ import annotations

from bot.memory import ExpiringMap


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_an_entry_expires_after_its_ttl() -> None:
    clock = Clock()
    memory: ExpiringMap[str, int] = ExpiringMap(10, clock=clock)
    memory.set("a", 1)
    clock.now = 9.9
    assert memory.get("a") == 1
    clock.now = 10.0
    assert memory.get("a") is None
    assert len(memory) == 0


def test_setting_again_restarts_the_clock() -> None:
    clock = Clock()
    memory: ExpiringMap[str, int] = ExpiringMap(10, clock=clock)
    memory.set("a", 1)
    clock.now = 8
    memory.set("a", 2)
    clock.now = 15
    assert memory.get("a") == 2


def test_the_oldest_entries_go_past_the_limit() -> None:
    memory: ExpiringMap[int, int] = ExpiringMap(100, limit=3)
    for n in range(5):
        memory.set(n, n)
    assert [memory.get(n) for n in range(5)] == [None, None, 2, 3, 4]


def test_pop_returns_and_forgets() -> None:
    memory: ExpiringMap[str, int] = ExpiringMap(100)
    memory.set("a", 1)
    assert memory.pop("a") == 1
    assert memory.pop("a") is None
