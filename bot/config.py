"""Settings: the only place that reads the environment and `.env`."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from dotenv import dotenv_values

from bot.error import ConfigError

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_KNOWLEDGE = PACKAGE_ROOT / "knowledge"
REGION_NAMES = ("us", "uk", "au", "ca", "nz", "ie", "eu", "intl")
_TOKEN = re.compile(r"^\d{5,}:[A-Za-z0-9_-]{30,}$")
# Telegram's FAQ: "avoid sending more than 30 messages per second" across all chats (bulk
# notifications); bots with paid broadcasts or a raised limit may set more, 0 for no overall cap.
DEFAULT_OVERALL_RATE = 30.0

VARIABLES = (
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_BASE_URL",
    "KBOT_WEBHOOK_URL",
    "KBOT_WEBHOOK_LISTEN",
    "KBOT_WEBHOOK_PORT",
    "KBOT_WEBHOOK_SECRET",
    "KBOT_ADMIN_IDS",
    "KBOT_KNOWLEDGE_DIR",
    "KBOT_DATA_DIR",
    "KBOT_DEFAULT_REGION",
    "KBOT_LOG_LEVEL",
    "KBOT_OVERALL_RATE",
)


@dataclass(frozen=True)
class Settings:
    """Validated settings; `repr` never shows the token or the webhook secret."""

    token: str | None = field(default=None, repr=False)
    base_url: str | None = None
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str | None = field(default=None, repr=False)
    admin_ids: frozenset[int] = frozenset()
    knowledge_dir: Path = SHIPPED_KNOWLEDGE
    data_dir: Path = PACKAGE_ROOT / "data"
    default_region: str | None = None
    log_level: str = "INFO"
    overall_rate: float = DEFAULT_OVERALL_RATE  # messages/s to all chats together; 0: no cap

    @classmethod
    def load(
        cls, environ: Mapping[str, str] | None = None, env_file: Path | None = None
    ) -> Settings:
        """Read the environment, falling back to `.env` in the working directory (or `env_file`)."""
        values: dict[str, str] = {}
        path = env_file if env_file is not None else Path.cwd() / ".env"
        if path.is_file():
            values.update({k: v for k, v in dotenv_values(path).items() if v is not None})
        source = os.environ if environ is None else environ
        values.update({k: v for k, v in source.items() if k in VARIABLES})
        return cls.parse({k: v.strip() for k, v in values.items() if v.strip()})

    @classmethod
    def parse(cls, values: Mapping[str, str]) -> Settings:
        token = values.get("TELEGRAM_BOT_TOKEN")
        if token is not None and not _TOKEN.match(token):
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token (digits:secret from @BotFather)"
            )
        secret = values.get("KBOT_WEBHOOK_SECRET")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise ConfigError(
                "KBOT_WEBHOOK_SECRET may only use A-Z, a-z, 0-9, _ and - (1-256 chars)"
            )
        region = values.get("KBOT_DEFAULT_REGION")
        if region is not None:
            region = region.lower()
            if region not in REGION_NAMES:
                raise ConfigError(f"KBOT_DEFAULT_REGION must be one of: {', '.join(REGION_NAMES)}")
        level = values.get("KBOT_LOG_LEVEL", "INFO").upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ConfigError("KBOT_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR")
        return cls(
            token=token,
            base_url=_url(values, "TELEGRAM_BASE_URL"),
            webhook_url=_url(values, "KBOT_WEBHOOK_URL"),
            webhook_listen=values.get("KBOT_WEBHOOK_LISTEN", "127.0.0.1"),
            webhook_port=_port(values.get("KBOT_WEBHOOK_PORT", "8443")),
            webhook_secret=secret,
            admin_ids=_ids(values.get("KBOT_ADMIN_IDS", "")),
            knowledge_dir=Path(values.get("KBOT_KNOWLEDGE_DIR", str(SHIPPED_KNOWLEDGE))),
            data_dir=Path(values.get("KBOT_DATA_DIR", str(PACKAGE_ROOT / "data"))),
            default_region=region,
            log_level=level,
            overall_rate=_rate(values.get("KBOT_OVERALL_RATE")),
        )


def _url(values: Mapping[str, str], name: str) -> str | None:
    value = values.get(name)
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ConfigError(f"{name} must be an http(s) URL, e.g. https://example.org/path")
    return value.rstrip("/")


def _port(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ConfigError("KBOT_WEBHOOK_PORT must be a port number (1-65535)")
    return int(value)


def _rate(value: str | None) -> float:
    if value is None:
        return DEFAULT_OVERALL_RATE
    try:
        rate = float(value)
    except ValueError:
        rate = math.nan
    if not (math.isfinite(rate) and rate >= 0):
        raise ConfigError(
            "KBOT_OVERALL_RATE must be messages per second across all chats, a number 0 or more"
            " (default 30; 0: no overall cap)"
        )
    return rate


def _ids(value: str) -> frozenset[int]:
    parts = [p for p in re.split(r"[,\s]+", value) if p]
    if not all(re.fullmatch(r"-?\d+", p) for p in parts):
        raise ConfigError("KBOT_ADMIN_IDS must be numeric Telegram user ids separated by commas")
    return frozenset(int(p) for p in parts)
