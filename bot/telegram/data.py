"""What the handlers share, kept in `application.bot_data` and read through a typed context.

`BotData` is the custom bot_data class of the Application (python-telegram-bot's
examples/contexttypesbot.py), so handlers write `context.bot_data.engine`, typed, with no casts.
Everything about people here lives in memory only and expires (see bot.memory and /privacy).
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot
from telegram.request import BaseRequest

from bot.config import Settings
from bot.cooldown import Cooldown
from bot.core import Engine
from bot.gap import GapQueue
from bot.memory import ExpiringMap
from bot.models import Context, Reply
from bot.stats import Stats
from bot.store import Database, RegionStore

CONTEXT_TTL = 15 * 60  # follow-ups ("and in Australia?") work for 15 minutes
EDIT_TTL = 48 * 3600  # an edited question gets an edited answer for 48 hours
PRIVATE_LINK_TTL = 7 * 24 * 3600  # a "continue privately" button keeps its topic for a week
GROUP_LIMIT = 3  # questions per person per minute in a group
GROUP_WINDOW = 60.0


@dataclass(frozen=True)
class Answered:
    """The bot messages that answered one question, so an edit can replace them."""

    message_ids: tuple[int, ...]
    html: str
    in_group: bool


class BotData:
    """The engine, settings, stores and short-lived memory shared by every handler.

    Built empty by python-telegram-bot, then `configure`d by the composition root; the stores are
    opened in post_init and closed in post_shutdown.
    """

    def __init__(self) -> None:
        self._engine: Engine | None = None
        self._settings: Settings | None = None
        self._db: Database | None = None
        self._regions: RegionStore | None = None
        self._gaps: GapQueue | None = None
        self.stats = Stats()
        self.contexts: ExpiringMap[tuple[int, int], Context] = ExpiringMap(CONTEXT_TTL)
        self.answered: ExpiringMap[tuple[int, int], Answered] = ExpiringMap(EDIT_TTL)
        self.private_links: ExpiringMap[str, Reply] = ExpiringMap(PRIVATE_LINK_TTL, limit=1000)
        self.cooldown = Cooldown(GROUP_LIMIT, GROUP_WINDOW)
        self.link_key = secrets.token_bytes(16)  # in memory only: links die with the process
        self.reload_lock = asyncio.Lock()
        self.watcher: asyncio.Task[None] | None = None
        self.watcher_stop = asyncio.Event()
        self.watch = True
        self.requests: tuple[BaseRequest, ...] = ()  # the bot's HTTP clients, closed at the end

    def configure(
        self,
        settings: Settings,
        engine: Engine,
        *,
        watch: bool = True,
        requests: Sequence[BaseRequest] = (),
    ) -> None:
        self._settings = settings
        self._engine = engine
        self.watch = watch
        self.requests = tuple(requests)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            raise RuntimeError("BotData used before build_application configured it")
        return self._settings

    @property
    def engine(self) -> Engine:
        """The current engine. /reload replaces it with one assignment; never mutated."""
        if self._engine is None:
            raise RuntimeError("BotData used before build_application configured it")
        return self._engine

    @engine.setter
    def engine(self, engine: Engine) -> None:
        self._engine = engine

    def open_stores(self) -> None:
        """Blocking (run it in a thread): create the data folder, salt and tables if needed."""
        db = Database.open(self.settings.data_dir)
        # One of each for the process: the region memory and the prune clock live in them.
        self._db, self._regions, self._gaps = db, RegionStore(db), GapQueue(db)

    def close_stores(self) -> None:
        db, self._db, self._regions, self._gaps = self._db, None, None, None
        if db is not None:
            db.close()

    @property
    def regions(self) -> RegionStore:
        if self._regions is None:
            raise _closed()
        return self._regions

    @property
    def gaps(self) -> GapQueue:
        if self._gaps is None:
            raise _closed()
        return self._gaps

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.admin_ids


def _closed() -> RuntimeError:
    return RuntimeError("the stores are opened in post_init and closed in post_shutdown")


Bot = ExtBot[int]  # int: AIORateLimiter takes a max_retries per call
Ctx = CallbackContext[Bot, dict[Any, Any], dict[Any, Any], BotData]
App = Application[Bot, Ctx, dict[Any, Any], dict[Any, Any], BotData, None]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)
