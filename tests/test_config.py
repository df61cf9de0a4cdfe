"""Settings: KBOT_OVERALL_RATE, the cap on messages a second across all chats."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import DEFAULT_OVERALL_RATE, VARIABLES, Settings
from bot.core import Engine
from bot.error import ConfigError
from bot.knowledge import load_dir
from bot.telegram.app import build_application
from tests.fakebotapi import FAKE_TOKEN


def test_overall_rate_defaults_to_telegrams_30_a_second(tmp_path: Path) -> None:
    assert DEFAULT_OVERALL_RATE == 30
    assert Settings.parse({}).overall_rate == 30
    assert Settings.load({}, env_file=tmp_path / "none").overall_rate == 30
    assert "KBOT_OVERALL_RATE" in VARIABLES


@pytest.mark.parametrize(
    ("value", "rate"), [("0", 0.0), ("30", 30.0), ("100", 100.0), ("2.5", 2.5)]
)
def test_overall_rate_is_read_from_the_environment(tmp_path: Path, value: str, rate: float) -> None:
    settings = Settings.load({"KBOT_OVERALL_RATE": f" {value} "}, env_file=tmp_path / "none")
    assert settings.overall_rate == rate


def test_overall_rate_is_read_from_dotenv(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("KBOT_OVERALL_RATE=120\n")
    assert Settings.load({}, env_file=tmp_path / ".env").overall_rate == 120


@pytest.mark.parametrize("value", ["fast", "-1", "inf", "nan", "30/s", "1e400"])
def test_a_bad_overall_rate_is_one_clear_line(value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.parse({"KBOT_OVERALL_RATE": value})
    message = str(caught.value)
    assert message.startswith("KBOT_OVERALL_RATE must be")
    assert "\n" not in message


@pytest.mark.parametrize(("rate", "limited"), [(30.0, True), (250.0, True), (0.0, False)])
def test_the_rate_limiter_gets_the_overall_rate(
    tiny_kb_dir: Path, tmp_path: Path, rate: float, limited: bool
) -> None:
    settings = Settings(
        token=FAKE_TOKEN, knowledge_dir=tiny_kb_dir, data_dir=tmp_path, overall_rate=rate
    )
    app = build_application(settings, Engine(load_dir(tiny_kb_dir)), watch=False)
    limiter = app.bot.rate_limiter
    assert limiter is not None
    overall = limiter._base_limiter  # type: ignore[attr-defined]
    if limited:
        assert (overall.max_rate, overall.time_period) == (rate, 1)
    else:
        assert overall is None
    assert limiter._group_max_rate == 20  # type: ignore[attr-defined]  # per-group kept
