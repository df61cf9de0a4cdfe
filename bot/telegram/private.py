"""Commands and questions in private chats (and the short group forms of the same commands).

Every text message in a private chat gets an answer, a no-answer with suggestions, or a safety
redirect; anything else (stickers, photos without a caption) gets a kind one-line hint.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Coroutine
from html import escape
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update, helpers
from telegram.constants import ChatType
from telegram.error import BadRequest

from bot.config import REGION_NAMES
from bot.models import CONCERNS, Context
from bot.render import sources_html, to_html
from bot.telegram import texts
from bot.telegram.answer import chat_key, private_reply, region_for, respond, thread_of
from bot.telegram.data import Ctx
from bot.telegram.send import deliver
from bot.text import INVISIBLE

REGION_DATA = "region:"


def visible(text: str | None) -> str:
    """`text` stripped, or "" when it has nothing but spaces and invisible characters."""
    text = (text or "").strip()
    return text if INVISIBLE.sub("", text).strip() else ""


def _private(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE


def for_us(update: Update, context: Ctx) -> bool:
    """In a group, only `/command@botname` is ours: a bare /help may be meant for another bot."""
    message = update.effective_message
    if message is None or _private(update):
        return message is not None
    command = (message.text or "").split(maxsplit=1)[0] if message.text else ""
    return command.casefold().endswith(f"@{context.bot.username}".casefold())


def command(
    handler: Callable[[Update, Ctx, Message], Awaitable[None]],
) -> Callable[[Update, Ctx], Coroutine[Any, Any, None]]:
    """A command handler that runs only when the command is for us and has a message."""

    @functools.wraps(handler)
    async def run(update: Update, context: Ctx) -> None:
        message = update.effective_message
        if message is not None and for_us(update, context):
            await handler(update, context, message)

    return run


async def _say(
    context: Ctx, message: Message, html: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """A fixed reply: threaded to the command in groups, plain in private chats."""
    private = message.chat.type == ChatType.PRIVATE
    await deliver(
        context.bot,
        message.chat.id,
        html,
        reply_to=None if private else message.message_id,
        thread_id=thread_of(message),
        markup=markup,
    )


def _private_button(context: Ctx, text: str, payload: str) -> InlineKeyboardMarkup:
    url = helpers.create_deep_linked_url(context.bot.username, payload)
    return InlineKeyboardMarkup([[InlineKeyboardButton(text, url=url)]])


@command
async def start(update: Update, context: Ctx, message: Message) -> None:
    """/start, also from deep links: "h-…" (continue privately), "region", "sources"."""
    if not _private(update):
        await _say(context, message, texts.GROUP_HELP)
        return
    payload = context.args[0] if context.args else ""
    if payload == "region":
        await region(update, context)
        return
    if payload == "sources":
        await sources(update, context)
        return
    if payload.startswith("h-"):
        reply = private_reply(context.bot_data, payload)
        if reply is not None and reply.category in CONCERNS:
            # What they say next here is the conversation the group reply could not have.
            for_other = reply.context is not None and reply.context.for_other
            context.bot_data.contexts.set(
                chat_key(message), Context(concern=reply.category, for_other=for_other)
            )
        await _say(context, message, to_html(reply) if reply else escape(texts.PRIVATE_CONTINUED))
        return
    data = context.bot_data
    where = await region_for(data, update.effective_user)
    await _say(context, message, texts.welcome(data.engine.knowledge, where))


@command
async def help_command(update: Update, context: Ctx, message: Message) -> None:
    html = texts.help_text(context.bot.username) if _private(update) else texts.GROUP_HELP
    await _say(context, message, html)


@command
async def sources(update: Update, context: Ctx, message: Message) -> None:
    if _private(update):
        await _say(
            context, message, sources_html(context.bot_data.engine.knowledge.sources.values())
        )
    else:
        markup = _private_button(context, "See the sources", "sources")
        await _say(
            context, message, "The full list of sources is in a private chat with me.", markup
        )


@command
async def privacy(update: Update, context: Ctx, message: Message) -> None:
    await _say(context, message, texts.PRIVACY)


@command
async def about(update: Update, context: Ctx, message: Message) -> None:
    await _say(context, message, texts.ABOUT)


def region_keyboard() -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(texts.REGION_LABELS[name], callback_data=REGION_DATA + name)
        for name in REGION_NAMES
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([InlineKeyboardButton("Forget my choice", callback_data=REGION_DATA + "forget")])
    return InlineKeyboardMarkup(rows)


@command
async def region(update: Update, context: Ctx, message: Message) -> None:
    """/region: a keyboard of countries in private; a link to the private chat in groups."""
    if _private(update):
        await _say(context, message, escape(texts.REGION_PROMPT), region_keyboard())
    else:
        markup = _private_button(context, "Choose privately", "region")
        await _say(context, message, escape(texts.REGION_IN_GROUP), markup)


async def region_chosen(update: Update, context: Ctx) -> None:
    """A button of the /region keyboard: remember (or forget) the choice, keyed by a salted hash."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    choice = query.data.removeprefix(REGION_DATA)
    regions = context.bot_data.regions
    if choice == "forget":
        await asyncio.to_thread(regions.forget, query.from_user.id)
        text = "Done: I no longer remember a country for you. Choose again with /region."
    elif choice in REGION_NAMES:
        await asyncio.to_thread(regions.set, query.from_user.id, choice)
        text = (
            f"Support options will be for: <b>{escape(texts.REGION_LABELS[choice])}</b>. "
            "Change it any time with /region."
        )
    else:
        await query.answer()
        return
    await query.answer("Saved")
    if isinstance(query.message, Message):
        try:
            await query.message.edit_text(text, reply_markup=None)
        except BadRequest as exc:  # the same button pressed twice: nothing to change
            if "not modified" not in exc.message.lower():
                raise


async def question(update: Update, context: Ctx) -> None:
    """Any text (or captioned media) in a private chat."""
    message = update.effective_message
    if message is None:
        return
    text = visible(message.text or message.caption)
    if not text:
        await _say(context, message, escape(texts.EMPTY))
        return
    await respond(context, message, text, in_group=False)


async def not_text(update: Update, context: Ctx) -> None:
    """Stickers, voice notes, photos without a caption… in a private chat."""
    if update.effective_message is not None:
        await _say(context, update.effective_message, escape(texts.NOT_TEXT))


async def unknown_command(update: Update, context: Ctx) -> None:
    if update.effective_message is not None:
        await _say(context, update.effective_message, escape(texts.UNKNOWN_COMMAND))
