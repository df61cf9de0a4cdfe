"""Moderators (the ids in KBOT_ADMIN_IDS, in private chats): /reload, /stats, /gaps, and the watcher.

Reload never changes the engine in place: it validates the folder and builds a complete new Engine
in a worker thread, then swaps one reference. With errors, the old engine keeps answering and the
moderator gets the `file:line` list. A knowledge file changing on disk does the same (watchfiles).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from html import escape
from pathlib import Path

from telegram import Update
from telegram.error import TelegramError
from watchfiles import Change, awatch

from bot.backstop import BACKSTOP_FILE
from bot.core import Engine
from bot.knowledge import validate_dir
from bot.models import Problem
from bot.stats import ReloadResult
from bot.telegram.data import Bot, BotData, Ctx
from bot.telegram.send import deliver

log = logging.getLogger(__name__)
WATCH_DEBOUNCE_MS = 400
MAX_ERRORS_SHOWN = 30


def _build(folder: Path) -> tuple[Engine | None, list[Problem]]:
    """Blocking: validate and index the folder (runs in a worker thread)."""
    knowledge, problems = validate_dir(folder)
    return (Engine(knowledge) if knowledge is not None else None), problems


async def reload_knowledge(data: BotData, trigger: str = "command") -> ReloadResult:
    """Build a new engine off the event loop and swap it in, or keep the old one on errors."""
    async with data.reload_lock:
        engine, problems = await asyncio.to_thread(_build, data.settings.knowledge_dir)
        now = dt.datetime.now(dt.UTC)
        if engine is None:
            errors = tuple(str(p) for p in problems if p.severity == "error")
            result = ReloadResult(now, False, errors=errors, trigger=trigger)
        else:
            knowledge = engine.knowledge
            data.engine = engine  # the swap: handlers already running keep the engine they had
            result = ReloadResult(
                now,
                True,
                passages=len(knowledge.passages),
                sources=len(knowledge.sources),
                topics=len(knowledge.topics),
                warnings=len(knowledge.warnings),
                trigger=trigger,
            )
        data.stats.last_reload = result
        log.info("knowledge reload (%s): %s", trigger, result.summary())
        return result


def reload_html(result: ReloadResult) -> str:
    if result.ok:
        return f"<b>Knowledge reloaded</b>: {escape(result.summary())}."
    shown = "\n".join(escape(e) for e in result.errors[:MAX_ERRORS_SHOWN])
    more = len(result.errors) - MAX_ERRORS_SHOWN
    tail = f"\n… and {more} more (kbot kb validate lists them all)" if more > 0 else ""
    return (
        f"<b>Reload failed</b>: {len(result.errors)} error(s). The previous knowledge is still "
        f"answering.\n\n{shown}{tail}"
    )


async def reload_command(update: Update, context: Ctx) -> None:
    message = update.effective_message
    if message is None:
        return
    result = await reload_knowledge(context.bot_data)
    await deliver(context.bot, message.chat.id, reload_html(result))


async def stats_command(update: Update, context: Ctx) -> None:
    message = update.effective_message
    if message is None:
        return
    data = context.bot_data
    knowledge = data.engine.knowledge
    lines = [escape(line) for line in data.stats.lines()]
    lines.append(
        f"knowledge: {len(knowledge.passages)} passages, {len(knowledge.sources)} sources, "
        f"{len(knowledge.topics)} topics"
    )
    last = data.stats.last_reload
    if last is None:
        lines.append("last reload: none since start")
    else:
        when = f"{last.at:%Y-%m-%d %H:%M} UTC"
        lines.append(escape(f"last reload: {when} ({last.trigger}), {last.summary()}"))
    gaps = await asyncio.to_thread(data.gaps.size)
    lines.append(f"gap queue: {gaps} question(s)")
    await deliver(context.bot, message.chat.id, "<b>kbot stats</b>\n\n" + "\n".join(lines))


async def gaps_command(update: Update, context: Ctx) -> None:
    message = update.effective_message
    if message is None:
        return
    top = await asyncio.to_thread(context.bot_data.gaps.top, 20)
    if not top:
        html = "<b>No unanswered questions</b> in the last 90 days."
    else:
        rows = [
            f"• {gap.count}× {escape(gap.text)} <i>({gap.first_seen} – {gap.last_seen})</i>"
            for gap in top
        ]
        html = "<b>Most frequent unanswered questions</b> (anonymised)\n\n" + "\n".join(rows)
    await deliver(context.bot, message.chat.id, html)


async def refuse(update: Update, context: Ctx) -> None:
    """A moderator command from anyone else (or in a group): no reply at all."""
    log.info("moderator command refused")


def _knowledge_file(change: Change, path: str) -> bool:
    """YAML files and the safety backstop: what `load_dir` reads."""
    return path.endswith((".yaml", ".yml", BACKSTOP_FILE))


async def notify_admins(bot: Bot, data: BotData, result: ReloadResult) -> None:
    for admin in sorted(data.settings.admin_ids):
        try:
            await deliver(bot, admin, "<i>A knowledge file changed.</i> " + reload_html(result))
        except TelegramError as exc:  # e.g. this moderator never started a chat with the bot
            log.info("could not tell a moderator about the reload: %s", type(exc).__name__)


async def watch_knowledge(bot: Bot, data: BotData) -> None:
    """Reload whenever a knowledge file changes, until `watcher_stop` is set."""
    folder = data.settings.knowledge_dir
    try:
        async for _ in awatch(
            folder,
            watch_filter=_knowledge_file,
            debounce=WATCH_DEBOUNCE_MS,
            stop_event=data.watcher_stop,
            recursive=False,
        ):
            result = await reload_knowledge(data, "watch")
            await notify_admins(bot, data, result)
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("the knowledge watcher stopped; /reload still works")
