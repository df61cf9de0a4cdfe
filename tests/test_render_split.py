"""split_html counts as Telegram does: UTF-16 code units, so emoji-heavy replies still fit."""

from __future__ import annotations

from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.models import Quote, Reply, Source
from bot.render import split_html, telegram_length, to_html
from tests.fakebotapi import telegram_html_error


def test_telegram_length_counts_utf16_units() -> None:
    assert telegram_length("abc") == 3
    assert telegram_length("😀") == 2
    assert telegram_length("é") == 1


def test_emoji_lines_are_split_within_telegrams_limit() -> None:
    lines = [f"• {n}× {escape('😀' * 150)}" for n in range(40)]  # ~12,000 UTF-16 units
    html = "<b>Most frequent unanswered questions</b>\n\n" + "\n".join(lines)
    pieces = split_html(html)
    assert len(pieces) >= 3
    assert all(telegram_length(p) <= 4096 for p in pieces)
    assert "\n".join(pieces).count("😀") == 40 * 150


def test_one_huge_emoji_line_falls_back_to_escaped_text_within_the_limit() -> None:
    html = "<i>" + "😀&amp;" * 3000 + "</i>"
    pieces = split_html(html)
    assert all(telegram_length(p) <= 4096 for p in pieces)
    assert "<i>" not in "".join(pieces)


@settings(max_examples=200, deadline=None)
@given(
    lead=st.text(min_size=1, max_size=300),
    quote=st.text(min_size=1, max_size=5000),
    title=st.text(min_size=1, max_size=200),
    url=st.text(max_size=100),
)
def test_any_text_renders_to_pieces_telegram_accepts(
    lead: str, quote: str, title: str, url: str
) -> None:
    source = Source("s", title, "Pub & <Co>", "2020-01-02", "https://x.org/" + url)
    reply = Reply(kind="answer", lead=(lead,), quotes=(Quote("p", quote, 1.0, source),), footer="f")
    for piece in split_html(to_html(reply)):
        error = telegram_html_error(piece)
        assert error is None, (error, piece[:200])
