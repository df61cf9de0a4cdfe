"""A per-person question limit for group chats, with at most one quiet notice per streak.

Keys are opaque (the adapter passes a hash), kept in memory only, and forgotten once their
window has passed.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Literal

Decision = Literal["allow", "notice", "quiet"]


@dataclass
class _Streak:
    times: deque[float] = field(default_factory=deque)
    noticed: bool = False


class Cooldown:
    """At most `limit` questions per `window` seconds per key.

    `check` answers "allow" (go ahead, counted), "notice" (over the limit: say so once) or
    "quiet" (over the limit and already told: stay silent).
    """

    def __init__(
        self, limit: int = 3, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._streaks: dict[Hashable, _Streak] = {}

    def check(self, key: Hashable) -> Decision:
        now = self._clock()
        self._forget(now)
        streak = self._streaks.setdefault(key, _Streak())
        if len(streak.times) < self.limit:
            streak.times.append(now)
            streak.noticed = False
            return "allow"
        if streak.noticed:
            return "quiet"
        streak.noticed = True
        return "notice"

    def retry_in(self, key: Hashable) -> float:
        """Seconds until `key` may ask again (0 if it may now)."""
        streak = self._streaks.get(key)
        if streak is None or len(streak.times) < self.limit:
            return 0.0
        return max(0.0, streak.times[0] + self.window - self._clock())

    def __len__(self) -> int:
        return len(self._streaks)

    def _forget(self, now: float) -> None:
        for key in list(self._streaks):
            streak = self._streaks[key]
            while streak.times and streak.times[0] + self.window <= now:
                streak.times.popleft()
            if not streak.times:
                del self._streaks[key]
