"""Moderators: commands refused quietly to others, /stats, /gaps and the gap queue, /reload."""

from __future__ import annotations

import sqlite3
import textwrap
from pathlib import Path

import pytest

from tests.fakebotapi import FakeBotAPI
from tests.telegram_adapter.conftest import ADMIN, ALICE, CRISIS, GROUP, Harness, StartBot

ADMIN_CHAT = FakeBotAPI.private_chat(ADMIN)


@pytest.mark.parametrize("command", ["/reload", "/stats", "/gaps"])
async def test_moderator_commands_are_refused_quietly_to_others(bot: Harness, command: str) -> None:
    assert await bot.ask(ALICE, command) == []
    _, sent = await bot.say(GROUP, ALICE, f"{command}@kbot_test_bot")
    assert sent == []
    _, sent = await bot.say(GROUP, ADMIN, f"{command}@kbot_test_bot")
    assert sent == []  # not in groups either, where others would see the answer


async def test_stats_count_by_kind_and_category(bot: Harness, crisis: None) -> None:
    await bot.ask(ALICE, "what is spravato")
    await bot.ask(ALICE, "weather on mars")
    await bot.ask(ALICE, CRISIS)
    [reply] = await bot.ask(ADMIN, "/stats")
    text = reply["text"]
    for line in ["questions: 3", "answers: 1", "no answer: 1", "redirects: 1", "crisis: 1"]:
        assert line in text
    assert "knowledge: 5 passages, 5 sources, 4 topics" in text
    assert "last reload: none since start" in text


async def test_gaps_keep_unanswered_questions_anonymised(bot: Harness, crisis: None) -> None:
    for text in [
        "Weather on Mars? ask @somebody or mail me at sam@example.org",
        "weather on mars?? see https://example.org/x call +44 7700 900123",
        "what about the WEATHER ON MARS",
        f"{CRISIS} and the weather on mars",  # a safety reply: never stored
        "what is spravato",  # answered: not a gap
    ]:
        await bot.ask(ALICE, text)
    [reply] = await bot.ask(ADMIN, "/gaps")
    text = reply["text"]
    assert "Most frequent unanswered questions" in text
    for secret in ["@somebody", "sam@example.org", "example.org", "7700", "hopeless", "spravato"]:
        assert secret not in text
    db = bot.settings.data_dir / "kbot.sqlite3"
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT text, count FROM gaps ORDER BY count DESC").fetchall()
    conn.close()
    assert rows[0] == ("Weather on Mars? ask or mail me at", 1) or rows[0][1] >= 1
    dump = "\n".join(r[0] for r in rows)
    for secret in ["somebody", "sam@", "https", "900123", str(ALICE["id"]), "hopeless"]:
        assert secret not in dump
    assert len(rows) == 3


async def test_reload_with_a_broken_file_reports_errors_and_keeps_answering(
    bot: Harness, tiny_kb_dir: Path
) -> None:
    (tiny_kb_dir / "broken.yaml").write_text(
        textwrap.dedent(
            """
            passages:
              - id: Not A Slug
                topic: nowhere
                text: Take 2 grams.
                source: unknown
                reviewed: 2026-01-01
            """
        )
    )
    [reply] = await bot.ask(ADMIN, "/reload")
    text = reply["text"]
    assert text.startswith("Reload failed")
    assert "broken.yaml:3:" in text
    assert "previous knowledge is still answering" in text
    [answer] = await bot.ask(ALICE, "what is spravato")
    assert "Esketamine" in answer["text"]
    assert bot.data.stats.last_reload is not None
    assert not bot.data.stats.last_reload.ok


async def test_reload_with_a_good_file_swaps_the_knowledge(bot: Harness, tiny_kb_dir: Path) -> None:
    old = bot.data.engine
    (tiny_kb_dir / "history.yaml").write_text(
        textwrap.dedent(
            """
            passages:
              - id: first-made-1962
                topic: basics
                text: Ketamine was first synthesised in 1962 by Calvin Stevens at Parke-Davis.
                source: seed-article
                reviewed: 2026-11-01
                keywords: [invented, discovered, synthesised]
            """
        )
    )
    [reply] = await bot.ask(ADMIN, "/reload")
    assert reply["text"] == "Knowledge reloaded: 6 passages, 5 sources, 4 topics, 0 warning(s)."
    assert bot.data.engine is not old
    [answer] = await bot.ask(ALICE, "who invented ketamine")
    assert "Calvin Stevens" in answer["text"]
    [stats] = await bot.ask(ADMIN, "/stats")
    assert "last reload:" in stats["text"]
    assert "(command), 6 passages" in stats["text"]


async def test_a_changed_knowledge_file_reloads_by_itself(
    start_bot: StartBot, tiny_kb_dir: Path
) -> None:
    async with start_bot(watch=True) as bot:
        path = tiny_kb_dir / "esketamine.yaml"
        path.write_text(path.read_text().replace("nasal spray", "nasal spray (a mist)"))
        [note] = await bot.server.sent_to(ADMIN["id"], seconds=15)
        assert "A knowledge file changed." in note["text"]
        assert "Knowledge reloaded: 5 passages" in note["text"]
        [answer] = await bot.ask(ALICE, "what is spravato")
        assert "(a mist)" in answer["text"]
