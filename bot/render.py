"""The one renderer: a Reply as plain text (terminal, JSON) and as Telegram HTML.

Every piece of user or knowledge text goes through `html.escape`; the only tags produced are
Telegram's <b>, <i>, <a href> and <blockquote>, always balanced.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterable
from html import escape, unescape

from bot.models import Quote, Reply, Resource, Source

TITLE_LIMIT = 110
_TAG = re.compile(r"<[^>]+>")
TELEGRAM_LIMIT = 4096


def display_date(date: str) -> str:
    """ "2019-03-05" → "5 Mar 2019"; "2019-03" → "Mar 2019"; "2014" and "n.d." unchanged."""
    try:
        if len(date) == 10:
            return dt.date.fromisoformat(date).strftime("%-d %b %Y")
        if len(date) == 7:
            return dt.date.fromisoformat(date + "-01").strftime("%b %Y")
    except ValueError:
        pass
    return date


def _title(source: Source) -> str:
    title = source.title
    return title if len(title) <= TITLE_LIMIT else title[: TITLE_LIMIT - 1].rstrip() + "…"


def _stop(text: str) -> str:
    """`text` ending in one full stop (or its own ? ! …)."""
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def source_line(source: Source) -> str:
    """The visible part of a citation: title, publisher, date (the link is extra)."""
    return f"— {_stop(_title(source))} {source.publisher}, {_stop(display_date(source.date))}"


def _quote_text(quote: Quote) -> str:
    line = source_line(quote.source)
    if quote.source.url:
        line += f" {quote.source.url}"
    return f"“{quote.text}”\n{line}"


def _quote_html(quote: Quote) -> str:
    source = quote.source
    title = escape(_title(source))
    if source.url:
        title = f'<a href="{escape(source.url, quote=True)}">{title}</a>'
    stop = "" if _stop(_title(source)) == _title(source) else "."
    rest = escape(f"{stop} {source.publisher}, {_stop(display_date(source.date))}")
    return f"<blockquote>{escape(quote.text)}</blockquote>\n— {title}{rest}"


def _resource_text(resource: Resource) -> str:
    line = f"• {resource.name}: {resource.contact}"
    return f"{line} — {resource.url}" if resource.url else line


def _resource_html(resource: Resource) -> str:
    name = f"<b>{escape(resource.name)}</b>"
    if resource.url:
        name = f'<a href="{escape(resource.url, quote=True)}">{name}</a>'
    return f"• {name}: {escape(resource.contact)}"


def to_text(reply: Reply) -> str:
    """The reply exactly as the terminal chat shows it."""
    blocks: list[str] = list(reply.care if reply.care_first else ())
    blocks.extend(reply.lead)
    blocks.extend(_quote_text(q) for q in reply.quotes)
    if reply.suggestions:
        blocks.append("\n".join(f"• {t.example} ({t.label})" for t in reply.suggestions))
    if not reply.care_first:
        blocks.extend(reply.care)
    if reply.resources:
        blocks.append("\n".join(_resource_text(r) for r in reply.resources))
    if reply.footer:
        blocks.append(reply.footer)
    return "\n\n".join(blocks)


def to_html(reply: Reply) -> str:
    """The same reply in Telegram HTML (parse_mode="HTML")."""
    blocks: list[str] = [escape(p) for p in (reply.care if reply.care_first else ())]
    blocks.extend(escape(p) for p in reply.lead)
    blocks.extend(_quote_html(q) for q in reply.quotes)
    if reply.suggestions:
        blocks.append(
            "\n".join(
                f"• {escape(t.example)} <i>({escape(t.label)})</i>" for t in reply.suggestions
            )
        )
    if not reply.care_first:
        blocks.extend(escape(p) for p in reply.care)
    if reply.resources:
        blocks.append("\n".join(_resource_html(r) for r in reply.resources))
    if reply.footer:
        blocks.append(f"<i>{escape(reply.footer)}</i>")
    return "\n\n".join(blocks)


def sources_html(sources: Iterable[Source]) -> str:
    """Every source as one line in Telegram HTML (/sources): linked title, publisher, date."""
    lines = []
    for source in sorted(sources, key=lambda s: s.title.casefold()):
        title = escape(source.title)
        if source.url:
            title = f'<a href="{escape(source.url, quote=True)}">{title}</a>'
        lines.append(f"• {title} — {escape(source.publisher)}, {escape(source.date)}")
    return f"<b>The {len(lines)} sources my answers quote</b>\n\n" + "\n".join(lines)


def telegram_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji is 2)."""
    return len(text.encode("utf-16-le")) // 2


def split_html(html: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split rendered HTML into messages of at most `limit` characters on paragraph boundaries.

    Characters are counted as Telegram counts them (`telegram_length`), markup included, so each
    piece is within the limit whatever it holds.

    Paragraphs are the blank-line separated blocks made by `to_html`, each with balanced tags, so
    every piece is valid on its own. A single block longer than `limit` is cut on line breaks, then
    (last resort) as escaped plain text.
    """
    pieces: list[str] = []
    current = ""
    for block in html.split("\n\n"):
        for part in _fit(block, limit):
            candidate = f"{current}\n\n{part}" if current else part
            if telegram_length(candidate) <= limit:
                current = candidate
            else:
                pieces.append(current)
                current = part
    if current:
        pieces.append(current)
    return pieces


def _fit(block: str, limit: int) -> list[str]:
    if telegram_length(block) <= limit:
        return [block]
    lines = block.split("\n")
    if len(lines) > 1:  # every line of a block made by to_html has balanced tags
        return [part for line in lines for part in _fit(line, limit)]
    # One tagged line too long to keep whole: escaped plain text in pieces that stay under
    # `limit` even if every character needed escaping.
    plain = unescape(_TAG.sub("", block))
    return [escape(c) for c in textwrap.wrap(plain, limit // 6, break_on_hyphens=False)]
