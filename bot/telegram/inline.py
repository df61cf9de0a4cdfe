"""Inline mode: `@botname question` in any chat offers up to three quoted, sourced answers.

The safety layer applies as everywhere (one redirect result instead), and an unanswerable or empty
query gets one helpful result: the list is never empty. Inline queries arrive while a person is
still typing, so they are counted but never put in the gap queue.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import replace

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.error import BadRequest

from bot.compose import WHAT_IT_IS
from bot.models import Reply
from bot.render import split_html, to_html
from bot.telegram import texts
from bot.telegram.answer import region_for
from bot.telegram.data import Ctx

log = logging.getLogger(__name__)
MAX_RESULTS = 3
CACHE_SECONDS = 60
MAX_QUERY = 256  # Telegram's limit for an inline query


def _article(key: str, title: str, description: str, html: str) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=hashlib.sha256(key.encode()).hexdigest()[:32],
        title=title[:100],
        description=description[:200],
        input_message_content=InputTextMessageContent(split_html(html)[0]),
    )


def results(reply: Reply) -> list[InlineQueryResultArticle]:
    """One article per quote for an answer; a single article for a redirect, a no-answer or a
    courtesy message."""
    if reply.kind == "answer" and reply.quotes:
        return [
            _article(
                f"answer:{quote.passage_id}",
                quote.source.title,
                quote.text,
                to_html(replace(reply, lead=(), quotes=(quote,))),
            )
            for quote in reply.quotes[:MAX_RESULTS]
        ]
    if reply.kind == "chat" and (reply.suggestions or not reply.care):  # "@bot hi", "@bot help"
        return [_article("chat", texts.INLINE_EMPTY_TITLE, WHAT_IT_IS, texts.INLINE_EMPTY)]
    if reply.kind == "redirect":
        lead = reply.lead[0] if reply.lead else "Where to find help"
        return [_article(f"redirect:{reply.category}", "Where to find help", lead, to_html(reply))]
    if reply.kind == "chat":  # "@bot my dad died": the support text alone, and where help is
        lead = reply.care[0] if reply.care else "Where to find help"
        return [_article(f"support:{reply.support}", "Where to find help", lead, to_html(reply))]
    suggestions = ", ".join(t.label for t in reply.suggestions)
    return [
        _article(
            "no-answer",
            "No sourced answer to that yet",
            f"I can answer about: {suggestions}" if suggestions else WHAT_IT_IS,
            to_html(reply),
        )
    ]


async def inline_query(update: Update, context: Ctx) -> None:
    query = update.inline_query
    if query is None:
        return
    data = context.bot_data
    text = query.query.strip()[:MAX_QUERY]
    if text:
        data.stats.inline_queries += 1
        region = await region_for(data, query.from_user)
        found = results(data.engine.answer(text, region=region))
    else:
        found = [_article("empty", texts.INLINE_EMPTY_TITLE, WHAT_IT_IS, texts.INLINE_EMPTY)]
    try:
        await query.answer(
            found,
            cache_time=CACHE_SECONDS,
            is_personal=True,
            button=InlineQueryResultsButton(text="Ask me privately", start_parameter="inline"),
        )
    except BadRequest as exc:  # the person typed on and this query expired: nothing to do
        log.info("inline answer not accepted: %s", exc.message)
