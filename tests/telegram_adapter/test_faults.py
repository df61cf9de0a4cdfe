"""Telegram misbehaving: flood limits, 500s and timeouts, with no update lost and no duplicate.

Also a crashing handler (the error handler answers briefly) and the logs of a whole session
(no message text, no ids, no token).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.core import Engine
from bot.telegram.app import configure_logging
from tests.fakebotapi import FAKE_TOKEN, FakeBotAPI
from tests.telegram_adapter.conftest import ADMIN, CRISIS, Harness, StartBot

PERSON = FakeBotAPI.user(7395012846, "Quinn", "en-AU")
CHAT = FakeBotAPI.private_chat(PERSON)
GROUP = FakeBotAPI.group_chat(-1009988776655, forum=True)


async def test_a_429_is_waited_out_and_retried_once(bot: Harness) -> None:
    bot.server.limit_chat(PERSON["id"], count=1, per=1.0, retry_after=1)
    await bot.ask(PERSON, "what is spravato")
    sent = await bot.ask(PERSON, "does ketamine hurt the bladder")
    assert len(sent) == 1
    assert [c.status for c in bot.server.calls_of("sendMessage")] == [200, 429, 200]
    assert len(bot.server.messages_to(PERSON["id"])) == 2
    assert bot.data.stats.errors == 0


async def test_500s_on_send_are_retried_without_duplicates(bot: Harness) -> None:
    bot.server.fail("sendMessage", times=2)
    sent = await bot.ask(PERSON, "what is spravato")
    assert len(sent) == 1
    assert [c.status for c in bot.server.calls_of("sendMessage")] == [500, 500, 200]
    assert bot.data.stats.errors == 0


async def test_a_500_on_get_updates_loses_no_update(bot: Harness) -> None:
    bot.server.fail("getUpdates")
    await bot.server.wait_for(lambda: "fail:getUpdates" in bot.server.faults_taken)
    first = await bot.ask(PERSON, "what is spravato")
    second = await bot.ask(PERSON, "is ketamine legal in the uk")
    assert len(first) == len(second) == 1
    assert len(bot.server.messages_to(PERSON["id"])) == 2


async def test_a_get_updates_timeout_loses_no_update_and_duplicates_none(
    start_bot: StartBot,
) -> None:
    async with start_bot(read_timeout=0.3) as bot:
        bot.server.stall("getUpdates", 3.0)  # answered after the client gave up
        await bot.server.wait_for(lambda: "stall:getUpdates" in bot.server.faults_taken)
        update_id, _ = bot.server.send(CHAT, PERSON, "what is spravato")
        await bot.settle(update_id)
        assert len(bot.server.messages_to(PERSON["id"])) == 1
        assert bot.server.confirmed < update_id or bot.server.confirmed == update_id
        later = await bot.ask(PERSON, "is ketamine legal in the uk")
        assert len(later) == 1
        assert len(bot.server.messages_to(PERSON["id"])) == 2


async def test_a_send_timeout_is_not_resent(start_bot: StartBot) -> None:
    async with start_bot(read_timeout=0.3) as bot:
        bot.server.stall("sendMessage", 1.0)  # delivered, but the answer comes too late
        await bot.ask(PERSON, "what is spravato")
        assert len(bot.server.messages_to(PERSON["id"])) == 1  # no duplicate, no apology
        assert bot.data.stats.errors == 1
        assert len(await bot.ask(PERSON, "what is spravato")) == 1


async def test_a_crashing_handler_gets_a_brief_apology_in_private_only(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Engine, question: str, **kw: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(Engine, "answer", broken)
    [sorry] = await bot.ask(PERSON, "what is spravato")
    assert sorry["text"].startswith("Sorry — something went wrong")
    _, sent = await bot.say(GROUP, PERSON, "@kbot_test_bot what is spravato", thread_id=3)
    assert sent == []
    _, [brief] = await bot.say(GROUP, PERSON, "/ask what is spravato", thread_id=3)
    assert brief["text"].startswith("Sorry")
    assert bot.data.stats.errors == 3


@pytest.fixture
def _restore_logging() -> Iterator[None]:
    names = ["aiohttp", "httpx", "httpcore", "watchfiles", "telegram"]
    levels = {name: logging.getLogger(name).level for name in names}
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


@pytest.mark.usefixtures("_restore_logging", "crisis")
async def test_logs_of_a_whole_session_hold_no_text_ids_or_token(
    start_bot: StartBot, caplog: pytest.LogCaptureFixture
) -> None:
    configure_logging("DEBUG")
    caplog.set_level(logging.DEBUG)
    texts = [
        "what is spravato",
        "zebra quantum marmalade",  # unanswered: goes to the gap queue, never to the logs
        CRISIS,
    ]
    async with start_bot(read_timeout=0.3) as bot:
        bot.server.fail("sendMessage")
        for text in texts:
            await bot.ask(PERSON, text)
        await bot.say(GROUP, PERSON, "/ask is ketamine legal in the uk", thread_id=9)
        question, _ = await bot.say(GROUP, PERSON, "@kbot_test_bot what is spravato", thread_id=9)
        await bot.settle(bot.server.edit(question, "@kbot_test_bot zebra quantum marmalade"))
        update_id, _ = bot.server.inline(PERSON, "is ketamine legal")
        await bot.settle(update_id)
        [prompt] = await bot.ask(PERSON, "/region")
        await bot.settle(bot.server.press(prompt, PERSON, "region:au"))
        for command in ["/stats", "/gaps", "/reload"]:
            await bot.ask(ADMIN, command)
        bot.server.stall("sendMessage", 1.0)
        await bot.ask(PERSON, "does ketamine hurt the bladder")
    logged = caplog.text + "\n".join(str(r.args) for r in caplog.records)
    assert "knowledge reload" in logged  # the logs are there…
    assert FAKE_TOKEN not in logged  # …but never the token,
    assert FAKE_TOKEN.split(":")[1] not in logged
    for secret in [str(PERSON["id"]), str(GROUP["id"]), str(ADMIN["id"])]:  # ids,
        assert secret not in logged
    for text in [*texts, "spravato", "marmalade", "hopeless", "legal in the uk"]:  # or text.
        assert text not in logged
