"""The SQLite store: a salt made once, regions keyed by a salted hash, clear errors."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from bot.error import ConfigError
from bot.store import Database, RegionStore


def test_the_salt_is_created_once_and_private(tmp_path: Path) -> None:
    first = Database.open(tmp_path / "data")
    salt = (tmp_path / "data" / "salt").read_text()
    assert (tmp_path / "data" / "salt").stat().st_mode & 0o777 == 0o600
    second = Database.open(tmp_path / "data")
    assert (tmp_path / "data" / "salt").read_text() == salt
    assert first.person(7395012846) == second.person(7395012846)
    assert first.person(7395012846) != first.person(7395012847)
    assert "7395012846" not in first.person(7395012846)


def test_another_install_hashes_differently(tmp_path: Path) -> None:
    assert Database.open(tmp_path / "a").person(42) != Database.open(tmp_path / "b").person(42)


def test_regions_are_set_changed_and_forgotten(tmp_path: Path) -> None:
    regions = RegionStore(Database.open(tmp_path))
    assert regions.get(42) is None
    regions.set(42, "uk")
    regions.set(42, "au")
    assert regions.get(42) == "au"
    assert regions.count() == 1
    regions.forget(42)
    assert regions.get(42) is None
    with pytest.raises(ValueError, match="unknown region"):
        regions.set(42, "mars")


def test_an_unusable_data_dir_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigError, match=r"KBOT_DATA_DIR .* is not usable"):
        Database.open(blocker / "data")


def test_a_foreign_salt_file_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "salt").write_text("hello")
    with pytest.raises(ConfigError, match="not a kbot salt file"):
        Database.open(tmp_path)


def test_region_lookups_are_remembered_and_dropped_on_change(tmp_path: Path) -> None:
    db = Database.open(tmp_path)
    regions = RegionStore(db, cache_size=2)
    assert regions.cached(1) == (False, None)
    assert regions.get(1) is None
    assert regions.cached(1) == (True, None)  # "none chosen" is remembered too
    with db.connect() as conn:  # behind the store's back: the memory still answers
        conn.execute("INSERT INTO regions VALUES (?, 'uk')", (db.person(1),))
    assert regions.get(1) is None
    regions.set(1, "au")
    assert regions.cached(1) == (False, None)
    assert regions.get(1) == "au"
    assert regions.cached(1) == (True, "au")
    regions.forget(1)
    assert regions.cached(1) == (False, None)
    assert regions.get(1) is None


def test_region_memory_is_bounded_and_keyed_by_the_salted_hash(tmp_path: Path) -> None:
    regions = RegionStore(Database.open(tmp_path), cache_size=2)
    for user_id in (1, 2, 1, 3):  # 1 was used again after 2: 2 is the least recent
        regions.get(user_id)
    assert [regions.cached(u)[0] for u in (1, 2, 3)] == [True, False, True]
    assert all(len(key) == 64 and key not in {"1", "2", "3"} for key in regions._cache)


def test_one_connection_per_thread_reused_and_closed(tmp_path: Path) -> None:
    db = Database.open(tmp_path)
    with db.connect() as first:
        pass
    with db.connect() as again:
        assert again is first
    seen: list[sqlite3.Connection] = []

    def other() -> None:
        with db.connect() as conn:
            seen.append(conn)

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert seen[0] is not first
    db.close()
    with pytest.raises(sqlite3.ProgrammingError):
        first.execute("SELECT 1")
    with db.connect() as reopened:
        assert reopened is not first
        assert reopened.execute("SELECT COUNT(*) FROM regions").fetchone() == (0,)
    db.close()
