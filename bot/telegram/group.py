"""Group chats: silent unless addressed, threaded replies, a per-person cooldown, and edits.

Addressed means: `/ask <question>` (or /ask@botname), a message that mentions the bot (found in
its entities, not by searching the text), or a reply to one of the bot's own messages. Anything
else is other people's conversation and gets nothing, ever.
"""

from __future__ import annotations

import hashlib
import logging
import re

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatType

from bot.telegram import texts
from bot.telegram.answer import respond, respond_to_edit, thread_of
from bot.telegram.data import Ctx
from bot.telegram.private import visible
from bot.telegram.send import deliver

log = logging.getLogger(__name__)


def mention_stripped(message: Message, username: str, bot_id: int) -> str | None:
    """The message without its mention of the bot, or None when it does not mention the bot."""
    text = message.text if message.text is not None else message.caption
    if text is None:
        return None
    entities = (
        message.parse_entities() if message.text is not None else message.parse_caption_entities()
    )
    found: list[str] = []
    for entity, value in entities.items():
        if entity.type == MessageEntity.MENTION and value.casefold() == f"@{username}".casefold():
            found.append(value)
        elif entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            found.append(value)
    if not found:
        return None
    for value in found:
        text = re.sub(re.escape(value), " ", text, count=1, flags=re.IGNORECASE)
    return re.sub(r"^[\s,:;–—-]+", "", text).strip()


def replies_to_bot(message: Message, bot_id: int) -> bool:
    """A reply to one of the bot's messages (not a forum topic's implicit reply to its start)."""
    original = message.reply_to_message
    if original is None or original.forum_topic_created is not None:
        return False
    return original.from_user is not None and original.from_user.id == bot_id


def command_argument(message: Message) -> str:
    """The text after `/ask` or `/ask@botname`."""
    text = message.text or ""
    entity = next(
        (e for e in message.entities if e.type == MessageEntity.BOT_COMMAND and e.offset == 0), None
    )
    if entity is None:
        return text
    # Offsets are UTF-16 units; a command is ASCII, so units and characters agree.
    return text[entity.length :].strip()


def _cooldown_key(message: Message) -> str:
    """Memory-only key for one person in one chat; a hash, so not even memory holds the ids."""
    user = message.from_user.id if message.from_user else 0
    return hashlib.blake2b(f"{message.chat.id}:{user}".encode(), digest_size=12).hexdigest()


async def _paced(context: Ctx, message: Message) -> bool:
    """True if this person may ask now; otherwise say so once, quietly, then stay silent."""
    data = context.bot_data
    decision = data.cooldown.check(_cooldown_key(message))
    if decision == "allow":
        return True
    data.stats.group_cooldowns += 1
    if decision == "notice":
        await deliver(
            context.bot,
            message.chat.id,
            texts.COOLDOWN,
            reply_to=message.message_id,
            thread_id=thread_of(message),
            quiet=True,
        )
    return False


async def ask(update: Update, context: Ctx) -> None:
    """/ask <question>, in groups and private chats."""
    message = update.effective_message
    if message is None or update.effective_chat is None:
        return
    in_group = update.effective_chat.type != ChatType.PRIVATE
    question = visible(command_argument(message))
    if not question:
        await deliver(
            context.bot,
            message.chat.id,
            texts.ASK_USAGE,
            reply_to=message.message_id if in_group else None,
            thread_id=thread_of(message),
        )
        return
    if in_group and not await _paced(context, message):
        return
    await respond(context, message, question, in_group=in_group)


async def group_message(update: Update, context: Ctx) -> None:
    """Any text or caption in a group: answered only when it addresses the bot."""
    message = update.effective_message
    if message is None:
        return
    if message.from_user is not None and message.from_user.is_bot and message.sender_chat is None:
        return  # other bots (but not anonymous group admins, who post as the group)
    bot = context.bot
    stripped = mention_stripped(message, bot.username, bot.id)
    if stripped is None:
        if not replies_to_bot(message, bot.id):
            return  # other people's conversation
        question = visible(message.text or message.caption)
        original = message.reply_to_message
        said = (original.text or original.caption or "") if original is not None else ""
        if question and await _paced(context, message):
            await respond(context, message, question, in_group=True, replying_to=said)
        return
    question = visible(stripped)
    if not question:
        await deliver(
            context.bot,
            message.chat.id,
            texts.GROUP_HELP,
            reply_to=message.message_id,
            thread_id=thread_of(message),
        )
        return
    if await _paced(context, message):
        await respond(context, message, question, in_group=True)


async def edited(update: Update, context: Ctx) -> None:
    """An edited message: if the bot answered it (within 48 hours), edit the answer."""
    message = update.edited_message
    if message is None:
        return
    if message.text is not None and message.text.startswith("/"):
        question = command_argument(message)
    else:
        bot = context.bot
        stripped = mention_stripped(message, bot.username, bot.id)
        question = stripped if stripped is not None else (message.text or message.caption or "")
    await respond_to_edit(context, message, visible(question))
