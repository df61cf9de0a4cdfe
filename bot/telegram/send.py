"""Sending and editing rendered replies: split to Telegram's limit, threaded, retried safely.

Flood limits are python-telegram-bot's AIORateLimiter's job (it waits out a 429's retry_after).
Here: a 5xx or a dropped connection means Telegram did not take the message, so it is sent again
(a few times, backing off); a timeout may mean it arrived, so it is NOT sent again (no duplicate
replies). Parse mode HTML and link previews off come from the Application's Defaults.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from typing import TypeVar

from telegram import InlineKeyboardMarkup, Message, ReplyParameters
from telegram.error import BadRequest, NetworkError, TimedOut

from bot.render import split_html
from bot.telegram.data import Bot

log = logging.getLogger(__name__)
T = TypeVar("T")
RETRIES = 3
BACKOFF = 0.25  # seconds before the first retry; doubles each time


async def with_retries(call: Callable[[], Awaitable[T]], what: str) -> T:
    """Run `call`, again after a 5xx or connection error; never after a timeout or a 4xx."""
    delay = BACKOFF
    for attempt in range(RETRIES + 1):
        try:
            return await call()
        except (BadRequest, TimedOut):
            raise
        except NetworkError as exc:
            if attempt == RETRIES:
                raise
            log.warning("%s failed (%s); retrying in %.2fs", what, type(exc).__name__, delay)
            await asyncio.sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")  # pragma: no cover


async def deliver(
    bot: Bot,
    chat_id: int,
    html: str,
    *,
    reply_to: int | None = None,
    thread_id: int | None = None,
    markup: InlineKeyboardMarkup | None = None,
    quiet: bool = False,
) -> list[Message]:
    """Send `html` as one message or several (paragraph boundaries); return what was sent.

    The first piece replies to `reply_to` (still sent if that message was deleted); every piece
    stays in forum topic `thread_id`; the keyboard goes on the last piece.
    """
    pieces = split_html(html)
    sent: list[Message] = []
    for number, piece in enumerate(pieces):
        keyboard = markup if number == len(pieces) - 1 else None
        reply = (
            ReplyParameters(message_id=reply_to, allow_sending_without_reply=True)
            if reply_to is not None and number == 0
            else None
        )

        async def send(
            piece: str = piece,
            reply: ReplyParameters | None = reply,
            keyboard: InlineKeyboardMarkup | None = keyboard,
        ) -> Message:
            return await bot.send_message(
                chat_id,
                piece,
                message_thread_id=thread_id,
                reply_parameters=reply,
                reply_markup=keyboard,
                disable_notification=quiet,
            )

        sent.append(await with_retries(send, "sendMessage"))
    return sent


async def replace(
    bot: Bot,
    chat_id: int,
    old_ids: Sequence[int],
    html: str,
    *,
    reply_to: int | None = None,
    thread_id: int | None = None,
    markup: InlineKeyboardMarkup | None = None,
) -> list[int]:
    """Edit the messages `old_ids` to show `html`; send or delete the difference in pieces."""
    pieces = split_html(html)
    ids: list[int] = []
    for number, piece in enumerate(pieces):
        keyboard = markup if number == len(pieces) - 1 else None
        if number < len(old_ids):
            message_id = old_ids[number]

            async def edit(
                piece: str = piece,
                message_id: int = message_id,
                keyboard: InlineKeyboardMarkup | None = keyboard,
            ) -> object:
                return await bot.edit_message_text(
                    piece, chat_id=chat_id, message_id=message_id, reply_markup=keyboard
                )

            try:
                await with_retries(edit, "editMessageText")
            except BadRequest as exc:
                if "not modified" not in exc.message.lower():
                    raise
            ids.append(message_id)
        else:
            rest = "\n\n".join(pieces[number:])
            more = await deliver(
                bot, chat_id, rest, reply_to=reply_to, thread_id=thread_id, markup=markup
            )
            ids.extend(m.message_id for m in more)
            break
    for message_id in old_ids[len(pieces) :]:
        try:
            await with_retries(partial(bot.delete_message, chat_id, message_id), "deleteMessage")
        except BadRequest:
            log.info("an old answer piece could not be deleted")
    return ids
