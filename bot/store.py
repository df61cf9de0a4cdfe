"""The little kbot keeps on disk, in SQLite under KBOT_DATA_DIR: region choices and the gap queue.

Nothing here is async: the Telegram adapter calls these through `asyncio.to_thread`. Each call opens
its own short connection, so threads never share one. People are never stored by id: a region
choice is keyed by an HMAC of the user id with a random salt kept beside the database (created on
first run), so the file alone cannot be matched back to a Telegram account.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from bot.config import REGION_NAMES
from bot.error import ConfigError

DB_FILE = "kbot.sqlite3"
SALT_FILE = "salt"

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

    @classmethod
    def open(cls, folder: Path) -> Database:
        """Create the folder, salt and tables if needed; raise ConfigError if that is impossible."""
        db = cls(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            db._salt = _load_salt(folder / SALT_FILE)
            with db.connect() as conn:
                conn.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__
            raise ConfigError(f"KBOT_DATA_DIR {folder} is not usable: {reason}") from exc
        return db

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """One short-lived connection, committed on success, always closed."""
        with closing(sqlite3.connect(self.path, timeout=10)) as conn, conn:
            yield conn

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


class RegionStore:
    """Each person's chosen country for support resources, keyed by `Database.person`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, user_id: int) -> str | None:
        with self.db.connect() as conn:
            row = conn.execute(
                "SELECT region FROM regions WHERE person = ?", (self.db.person(user_id),)
            ).fetchone()
        return str(row[0]) if row and row[0] in REGION_NAMES else None

    def set(self, user_id: int, region: str) -> None:
        if region not in REGION_NAMES:
            raise ValueError(f"unknown region {region!r}")
        with self.db.connect() as conn:
            conn.execute(
                "INSERT INTO regions (person, region) VALUES (?, ?) "
                "ON CONFLICT (person) DO UPDATE SET region = excluded.region",
                (self.db.person(user_id), region),
            )

    def forget(self, user_id: int) -> None:
        with self.db.connect() as conn:
            conn.execute("DELETE FROM regions WHERE person = ?", (self.db.person(user_id),))

    def count(self) -> int:
        with self.db.connect() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM regions").fetchone()[0])
