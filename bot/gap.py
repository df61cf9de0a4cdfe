"""The gap queue: questions kbot had no sourced answer for, anonymised, for moderators to fill.

Only no-answer questions go in (never a safety redirect, nor one answered with the support line,
the emergency number or the drug service). Before storing, `anonymise` removes
mentions, links, e-mail addresses and phone-like or id-like numbers; no user or chat id is ever
stored, and dates are kept to the day. Entries not seen for 90 days are deleted: `add` prunes on
its first call, then at most once an hour (`PRUNE_EVERY`), not on every question.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from bot.store import Database
from bot.text import INVISIBLE

KEEP_DAYS = 90
MAX_CHARS = 200
PRUNE_EVERY = 3600.0  # seconds between the prunes `add` runs

_PRIVATE = re.compile(
    r"""
    [\w.+-]+@[\w-]+(?:\.[\w-]+)+         # an e-mail address (before mentions: it contains @)
    | (?:https?://|www\.)\S+             # a link
    | \b(?:t\.me|telegram\.me)/\S+       # a Telegram link without a scheme
    | \b[\w-]+\.(?:com|org|net|io|me|co|uk|ru|info)\b(?:/\S*)?  # a bare domain
    | @\w{2,}                            # a @mention
    | \+?\d[\d\s().-]{4,}\d              # a phone-like number (checked for 6+ digits below)
    | \b\d{6,}\b                         # an id-like number
    """,
    re.VERBOSE | re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def anonymise(text: str) -> str:
    """The question without mentions, links, e-mails or phone-like numbers, on one line."""
    text = INVISIBLE.sub("", unicodedata.normalize("NFKC", text))

    def scrub(match: re.Match[str]) -> str:
        found = match.group(0)
        if found[0].isdigit() or found[0] in "+(":
            return " " if sum(c.isdigit() for c in found) >= 6 else found
        return " "

    text = _SPACE.sub(" ", _PRIVATE.sub(scrub, text)).strip()
    if len(text) > MAX_CHARS:
        text = text[: MAX_CHARS - 1].rstrip() + "…"
    return text


def gap_key(text: str) -> str:
    """Questions that differ only in case, spacing or edge punctuation count as one."""
    return _EDGE.sub("", _SPACE.sub(" ", text.casefold())).strip()


@dataclass(frozen=True)
class Gap:
    text: str
    count: int
    first_seen: str
    last_seen: str


class GapQueue:
    """The unanswered questions in SQLite (see bot.store), most frequent first."""

    def __init__(
        self,
        db: Database,
        keep_days: int = KEEP_DAYS,
        *,
        prune_every: float = PRUNE_EVERY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db = db
        self.keep_days = keep_days
        self.prune_every = prune_every
        self.clock = clock
        self._pruned_at: float | None = None
        self._lock = threading.Lock()

    def add(self, question: str, today: dt.date | None = None) -> bool:
        """Anonymise and count one unanswered question; False if nothing was left to store."""
        text = anonymise(question)
        key = gap_key(text)
        if not key:
            return False
        day = (today or dt.date.today()).isoformat()
        with self.db.connect() as conn:
            conn.execute(
                "INSERT INTO gaps (key, text, count, first_seen, last_seen) VALUES (?, ?, 1, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET count = count + 1, last_seen = excluded.last_seen",
                (key, text, day, day),
            )
        if self._prune_due():
            self.prune(today)
        return True

    def _prune_due(self) -> bool:
        """True for the first add, then once `prune_every` seconds have passed since the last."""
        now = self.clock()
        with self._lock:
            if self._pruned_at is not None and now - self._pruned_at < self.prune_every:
                return False
            self._pruned_at = now
            return True

    def prune(self, today: dt.date | None = None) -> int:
        """Delete entries last seen more than `keep_days` ago; return how many went."""
        cutoff = (today or dt.date.today()) - dt.timedelta(days=self.keep_days)
        with self.db.connect() as conn:
            return conn.execute(
                "DELETE FROM gaps WHERE last_seen < ?", (cutoff.isoformat(),)
            ).rowcount

    def top(self, limit: int = 20) -> list[Gap]:
        with self.db.connect() as conn:
            rows = conn.execute(
                "SELECT text, count, first_seen, last_seen FROM gaps "
                "ORDER BY count DESC, last_seen DESC, key LIMIT ?",
                (limit,),
            ).fetchall()
        return [Gap(str(t), int(c), str(f), str(la)) for t, c, f, la in rows]

    def size(self) -> int:
        with self.db.connect() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM gaps").fetchone()[0])
