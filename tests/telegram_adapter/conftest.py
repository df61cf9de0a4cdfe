"""A running bot against the fake Bot API server (tests/fakebotapi.py), for end-to-end tests.

The real Application polls the fake server over HTTP on 127.0.0.1; tests inject updates and wait
for the bot to finish handling each one (no sleeping), then look at what it sent.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.core import Engine
from bot.knowledge import load_dir
from bot.telegram.app import build_application
from bot.telegram.data import App, BotData
from tests.fakebotapi import FAKE_TOKEN, FakeBotAPI, TrackingProcessor, run_application

ADMIN = FakeBotAPI.user(4242, "Mo")
ALICE = FakeBotAPI.user(1001, "Alice", "en-GB")
BOB = FakeBotAPI.user(1002, "Bob", "en")
GROUP = FakeBotAPI.group_chat(-100555)
FORUM = FakeBotAPI.group_chat(-100777, forum=True)

Message = dict[str, Any]


@dataclass
class Harness:
    server: FakeBotAPI
    app: App
    processor: TrackingProcessor
    settings: Settings

    @property
    def data(self) -> BotData:
        return self.app.bot_data

    async def settle(self, *update_ids: int) -> None:
        """Until the bot has finished with these updates (handlers and error handler)."""
        await self.processor.wait(*update_ids)

    async def say(
        self, chat: Message, user: Message, text: str | None = None, **kw: Any
    ) -> tuple[Message, list[Message]]:
        """`user` sends a message; return it and everything the bot sent while handling it."""
        before = len(self.server.sent)
        update_id, message = self.server.send(chat, user, text, **kw)
        await self.settle(update_id)
        return message, self.server.sent[before:]

    async def ask(self, user: Message, text: str | None = None, **kw: Any) -> list[Message]:
        """`user` sends `text` in their private chat with the bot; return the bot's replies."""
        _, sent = await self.say(FakeBotAPI.private_chat(user), user, text, **kw)
        return sent


StartBot = Callable[..., AbstractAsyncContextManager[Harness]]


@pytest.fixture
def start_bot(tiny_kb_dir: Path, tmp_path: Path) -> StartBot:
    """Start a bot on a fresh fake server: `async with start_bot(**settings) as bot:`."""

    @asynccontextmanager
    async def start(
        *, watch: bool = False, read_timeout: float = 2.0, **overrides: Any
    ) -> AsyncIterator[Harness]:
        async with FakeBotAPI() as server:
            settings = replace(
                Settings(
                    token=FAKE_TOKEN,
                    base_url=server.base_url,
                    admin_ids=frozenset({ADMIN["id"]}),
                    knowledge_dir=tiny_kb_dir,
                    data_dir=tmp_path / "data",
                ),
                **overrides,
            )
            engine = Engine(load_dir(settings.knowledge_dir))
            processor = TrackingProcessor()
            app = build_application(
                settings, engine, watch=watch, update_processor=processor, read_timeout=read_timeout
            )
            async with run_application(app):
                yield Harness(server, app, processor, settings)
            assert server.problems == []

    return start


@pytest.fixture
async def bot(start_bot: StartBot) -> AsyncIterator[Harness]:
    async with start_bot() as harness:
        yield harness


CRISIS = "i feel hopeless tonight"  # flagged by the `crisis` fixture's stand-in safety rule


@pytest.fixture
def crisis(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the safety layer flag "hopeless" as a crisis and "not breathing" as an emergency,
    whatever its real rules are (the tiny test knowledge has none)."""
    from bot import safety

    real = safety.assess

    def assess(
        text: str, rules: Any, *, continuing: str | None = None, told: frozenset[str] = frozenset()
    ) -> Any:
        if "hopeless" in text.casefold():
            return safety.Assessment(safety.Verdict(category="crisis", rule="test"))
        if "not breathing" in text.casefold():
            return safety.Assessment(safety.Verdict(category="emergency", rule="test"))
        return real(text, rules, continuing=continuing, told=told)

    monkeypatch.setattr(safety, "assess", assess)
