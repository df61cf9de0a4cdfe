"""Short-lived memory: a bounded map whose entries expire. Nothing here is ever written to disk.

The Telegram adapter keeps three such maps, all described in /privacy: the last question's search
terms per chat (15 minutes, for follow-ups), which bot messages answered which question (48 hours,
so an edited question gets an edited answer), and the topic behind a "continue privately" link.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class ExpiringMap(Generic[K, V]):
    """A mapping whose entries vanish `ttl` seconds after they were set; oldest dropped past `limit`."""

    def __init__(
        self, ttl: float, *, limit: int = 10_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl = ttl
        self.limit = limit
        self._clock = clock
        self._items: OrderedDict[K, tuple[float, V]] = OrderedDict()

    def get(self, key: K) -> V | None:
        item = self._items.get(key)
        if item is None:
            return None
        expires, value = item
        if expires <= self._clock():
            del self._items[key]
            return None
        return value

    def set(self, key: K, value: V) -> None:
        self._items.pop(key, None)
        self._items[key] = (self._clock() + self.ttl, value)
        self._prune()

    def pop(self, key: K) -> V | None:
        value = self.get(key)
        self._items.pop(key, None)
        return value

    def __len__(self) -> int:
        self._prune()
        return len(self._items)

    def _prune(self) -> None:
        now = self._clock()
        # Entries are kept in insertion order and share one ttl, so expired ones come first.
        while self._items:
            key, (expires, _) = next(iter(self._items.items()))
            if expires > now and len(self._items) <= self.limit:
                break
            del self._items[key]
