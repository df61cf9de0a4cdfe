"""The SQLite store: a salt made once, regions keyed by a salted hash, clear errors."""

from __future__ import annotations

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
