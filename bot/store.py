"""The little kbot keeps on disk, in SQLite under KBOT_DATA_DIR: region choices and the gap queue.

Nothing here blocks the event loop by itself: the Telegram adapter calls these through
`asyncio.to_thread`. Each thread keeps one long-lived connection (opened on its first call, closed
by `Database.close`), so threads never share one and no call pays for opening the file. People are
never stored by id: a region choice is keyed by an HMAC of the user id with a random salt kept
beside the database (created on first run), so the file alone cannot be matched back to a
Telegram account. RegionStore keeps recent lookups in memory under the same key (nothing else).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.config import REGION_NAMES
from bot.error import ConfigError

DB_FILE = "kbot.sqlite3"
SALT_FILE = "salt"
REGION_CACHE = 10_000  # people whose region (or lack of one) is remembered in memory

_SCHEMA = """
CREATE TABLE IF NOT EXISTS regions (
    person TEXT PRIMARY KEY,     -- HMAC-SHA256(salt, user id), never the id itself
    region TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS gaps (
    key TEXT PRIMARY KEY,        -- the anonymised question, case-folded
    text TEXT NOT NULL,          -- the anonymised question as first seen
    count INTEGER NOT NULL,
    first_seen TEXT NOT NULL,    -- dates only (YYYY-MM-DD)
    last_seen TEXT NOT NULL
);
"""


class Database:
    """The SQLite file and salt under `folder`; `open` creates both on first use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / DB_FILE
        self._salt: bytes | None = None
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[sqlite3.Connection] = []

    @classmethod
    def open(cls, folder: Path) -> Database:
        """Create the folder, salt and tables if needed; raise ConfigError if that is impossible."""
        db = cls(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            db._salt = _load_salt(folder / SALT_FILE)
            with db.connect() as conn:
                conn.executescript(_SCHEMA)
                # One writer, readers alongside it, and no fsync per commit: a crash loses nothing
                # committed, a power cut at most the last moments (a region choice, a gap count).
                conn.execute("PRAGMA journal_mode = WAL")
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__
            raise ConfigError(f"KBOT_DATA_DIR {folder} is not usable: {reason}") from exc
        return db

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection, in a transaction committed on success, rolled back on error."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            # check_same_thread=False only so that `close` may close it from another thread;
            # it is used by the thread that opened it alone.
            conn = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
            conn.execute("PRAGMA synchronous = NORMAL")
            with self._lock:
                self._open.append(conn)
            self._local.conn = conn
        with conn:
            yield conn

    def close(self) -> None:
        """Close every thread's connection (once no thread is using one); reopened on next use."""
        with self._lock:
            conns, self._open = self._open, []
            self._local = threading.local()
        for conn in conns:
            conn.close()

    def person(self, user_id: int) -> str:
        """The pseudonymous key of a Telegram user: HMAC-SHA256 with this install's salt."""
        if self._salt is None:
            self._salt = _load_salt(self.folder / SALT_FILE)
        return hmac.new(self._salt, str(user_id).encode(), hashlib.sha256).hexdigest()


def _load_salt(path: Path) -> bytes:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        salt = path.read_text(encoding="ascii").strip()
        if len(salt) < 32 or not re.fullmatch(r"[0-9a-f]+", salt):
            raise ConfigError(
                f"{path} is not a kbot salt file (delete it to make a new one)"
            ) from None
        return bytes.fromhex(salt)
    salt = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as file:
        file.write(salt + "\n")
    return bytes.fromhex(salt)


_MISSING = object()


class RegionStore:
    """Each person's chosen country for support resources, keyed by `Database.person`.

    Lookups are remembered in memory (the last `cache_size` people, least recently used first
    out), keyed by the same salted hash, and the answer "none chosen" too; `set` and `forget`
    drop the person's entry. One RegionStore per Database: another's writes would not invalidate
    this one's memory.
    """

    def __init__(self, db: Database, cache_size: int = REGION_CACHE) -> None:
        self.db = db
        self.cache_size = cache_size
        self._cache: OrderedDict[str, str | None] = OrderedDict()
        self._lock = threading.Lock()
        self._writes = 0  # a lookup read before a write must not fill the memory after it

    def cached(self, user_id: int) -> tuple[bool, str | None]:
        """(True, region or None) if this person's region is in memory; never touches the disk."""
        return self._peek(self.db.person(user_id))

    def get(self, user_id: int) -> str | None:
        person = self.db.person(user_id)
        known, region = self._peek(person)
        if known:
            return region
        with self._lock:
            writes = self._writes
        with self.db.connect() as conn:
            row = conn.execute("SELECT region FROM regions WHERE person = ?", (person,)).fetchone()
        region = str(row[0]) if row and row[0] in REGION_NAMES else None
        with self._lock:
            if writes == self._writes:
                self._cache[person] = region
                self._cache.move_to_end(person)
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        return region

    def set(self, user_id: int, region: str) -> None:
        if region not in REGION_NAMES:
            raise ValueError(f"unknown region {region!r}")
        person = self.db.person(user_id)
        try:
            with self.db.connect() as conn:
                conn.execute(
                    "INSERT INTO regions (person, region) VALUES (?, ?) "
                    "ON CONFLICT (person) DO UPDATE SET region = excluded.region",
                    (person, region),
                )
        finally:
            self._invalidate(person)

    def forget(self, user_id: int) -> None:
        person = self.db.person(user_id)
        try:
            with self.db.connect() as conn:
                conn.execute("DELETE FROM regions WHERE person = ?", (person,))
        finally:
            self._invalidate(person)

    def _peek(self, person: str) -> tuple[bool, str | None]:
        with self._lock:
            region = self._cache.get(person, _MISSING)
            if region is _MISSING:
                return False, None
            self._cache.move_to_end(person)
            return True, region if isinstance(region, str) else None

    def _invalidate(self, person: str) -> None:
        with self._lock:
            self._writes += 1
            self._cache.pop(person, None)

    def count(self) -> int:
        with self.db.connect() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM regions").fetchone()[0])
