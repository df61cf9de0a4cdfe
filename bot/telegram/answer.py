"""The one path from a question to a sent (or edited) reply, for private chats and groups.

Engine.answer decides (safety first); this module adds what Telegram needs: the person's region,
the chat's follow-up context, counting, the gap queue, the discreet group form of a safety reply
with its "continue privately" button, threading, and remembering which messages answered what.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import hmac
import logging
import re
import sqlite3
from html import escape, unescape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, User, helpers
from telegram.constants import ChatType

from bot.models import Reply
from bot.render import to_html
from bot.resource import region_from_language
from bot.telegram import texts
from bot.telegram.data import Answered, BotData, Ctx
from bot.telegram.send import deliver, replace

log = logging.getLogger(__name__)
MAX_QUESTION = 4096  # Telegram's own limit for a message; longer injected text is cut here
LINK_PREFIX = "h-"


async def region_for(data: BotData, user: User | None) -> str:
    """The person's chosen region, else the configured default, else a guess from their language."""
    if user is not None:
        regions = data.regions
        known, chosen = regions.cached(user.id)  # in memory: no thread, no disk
        if not known:
            try:
                chosen = await asyncio.to_thread(regions.get, user.id)
            except sqlite3.Error:
                log.exception("region store unavailable")
                chosen = None
        if chosen:
            return chosen
    if data.settings.default_region:
        return data.settings.default_region
    return region_from_language(user.language_code if user is not None else None)


def chat_key(message: Message) -> tuple[int, int]:
    """One conversation: a chat, or one forum topic of it."""
    return message.chat.id, thread_of(message) or 0


def thread_of(message: Message) -> int | None:
    return message.message_thread_id if message.is_topic_message else None


async def decide(data: BotData, message: Message, question: str) -> tuple[Reply, str]:
    """Ask the engine, then count it, keep the follow-up context (in a private chat, with the
    concern of an emergency or crisis reply and the category of a redirect) and queue a gap if
    unanswered.

    Returns the reply and the region it was made for.
    """
    question = question[:MAX_QUESTION]
    key = chat_key(message)
    region = await region_for(data, message.from_user)
    reply = data.engine.answer(question, context=data.contexts.get(key), region=region)
    data.stats.record(reply)
    kept = reply.context
    if kept is not None and message.chat.type != ChatType.PRIVATE:
        # A group is many people: one person's crisis, dosing question, loss or country must not
        # colour, or hint at itself in, the replies others get. Their own conversation is the
        # private chat the reply links to.
        kept = (
            dataclasses.replace(kept, concern=None, redirected=None, told=frozenset(), place=None)
            if kept.terms
            else None
        )
    if kept is not None:
        data.contexts.set(key, kept)
    else:
        data.contexts.pop(key)
    grieving = reply.context is not None and bool(reply.context.told)
    if reply.kind == "no_answer" and reply.support is None and not grieving:
        # (not beside the crisis lines, the emergency number or the drug service, nor after a
        # death told: "my mum died last week, is it normal to feel numb" and "is there anything
        # i could have done" are nobody's gap to read)
        try:
            await asyncio.to_thread(data.gaps.add, question)
        except sqlite3.Error:
            log.exception("gap queue unavailable")
    return reply, region


def present(
    context: Ctx, reply: Reply, region: str, *, in_group: bool
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The HTML and keyboard for a chat.

    In a group, a safety reply says nothing about what was asked: one generic line and a
    "continue privately" button that opens the full reply in a private chat. Only for an
    emergency does it also say, there and then, which number to call.
    """
    if not (in_group and reply.kind == "redirect"):
        return to_html(reply), None
    data = context.bot_data
    code = hmac.new(
        data.link_key, f"{reply.category}|{reply.resources}".encode(), hashlib.sha256
    ).hexdigest()[:20]
    data.private_links.set(code, reply)
    url = helpers.create_deep_linked_url(context.bot.username, LINK_PREFIX + code)
    button = InlineKeyboardButton(texts.CONTINUE_PRIVATELY, url=url)
    html = escape(texts.GROUP_REDIRECT)
    if reply.category == "emergency":
        number = data.engine.knowledge.resources.emergency_number(region)
        html = escape(texts.GROUP_EMERGENCY.format(emergency=number)) + "\n\n" + html
    return html, InlineKeyboardMarkup([[button]])


def private_reply(data: BotData, payload: str) -> Reply | None:
    """The safety reply behind a "continue privately" link, while this process remembers it."""
    if not payload.startswith(LINK_PREFIX):
        return None
    return data.private_links.get(payload.removeprefix(LINK_PREFIX))


async def respond(
    context: Ctx, message: Message, question: str, *, in_group: bool, replying_to: str | None = None
) -> None:
    """Answer `question` (asked in `message`) in its chat, threaded, and remember the answer.

    `replying_to`: the text of the bot message this one replies to, in a group. Such replies are
    often just "thanks", so they get an answer only if it is sourced (or a safety reply, or has
    the support line) and says something new.
    """
    data = context.bot_data
    reply, region = await decide(data, message, question)
    if replying_to is not None and reply.kind in ("no_answer", "chat") and reply.support is None:
        return  # ("my dad died", said in reply, still gets the support text)
    html, markup = present(context, reply, region, in_group=in_group)
    if replying_to is not None and _same_text(replying_to, html):
        return
    sent = await deliver(
        context.bot,
        message.chat.id,
        html,
        reply_to=message.message_id if in_group else None,
        thread_id=thread_of(message),
        markup=markup,
    )
    ids = tuple(m.message_id for m in sent)
    data.answered.set((message.chat.id, message.message_id), Answered(ids, html, in_group))


def _same_text(text: str, html: str) -> bool:
    """Whether `html` shows as `text` (Telegram reports a message's text without its markup)."""
    shown = unescape(re.sub(r"<[^>]+>", "", html))
    return " ".join(shown.split()) == " ".join(text.split())


async def respond_to_edit(context: Ctx, message: Message, question: str) -> None:
    """A question the bot answered was edited: edit the answer (if it changed)."""
    data = context.bot_data
    key = (message.chat.id, message.message_id)
    answered = data.answered.get(key)
    if answered is None or not question.strip():
        return
    reply, region = await decide(data, message, question)
    html, markup = present(context, reply, region, in_group=answered.in_group)
    if html == answered.html:
        return
    ids = await replace(
        context.bot,
        message.chat.id,
        answered.message_ids,
        html,
        reply_to=message.message_id if answered.in_group else None,
        thread_id=thread_of(message),
        markup=markup,
    )
    data.answered.set(key, Answered(tuple(ids), html, answered.in_group))
