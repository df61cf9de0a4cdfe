"""The renderer: plain text and Telegram HTML from one Reply; safe HTML; long replies split."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from bot.models import Quote, Reply, Resource, Source, Topic
from bot.render import display_date, split_html, to_html, to_text

HOSTILE = '<script>alert("x")</script> & <b>bold</b> <a href="javascript:x">'
SOURCE = Source("s", "Title <i>", "Publisher & Co", "2019-03-05", 'https://example.org/?a=1&b="2"')
TELEGRAM_TAGS = {"b", "i", "a", "blockquote", "u", "s", "code", "pre", "tg-spoiler", "span"}


class _TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TELEGRAM_TAGS:
            self.errors.append(f"tag {tag}")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unbalanced {tag}")


def assert_telegram_html(html: str) -> None:
    checker = _TagChecker()
    checker.feed(html)
    checker.close()
    assert checker.errors == []
    assert checker.stack == []
    # Outside tags, every & starts an entity and no bare < or > is left.
    text = re.sub(r"<[^>]*>", "", html)
    assert "<" not in text
    assert ">" not in text
    assert re.fullmatch(r"(?:[^&]|&(?:lt|gt|amp|quot|#x27);)*", text, re.S)


def test_hostile_text_is_escaped_everywhere() -> None:
    reply = Reply(
        kind="answer",
        lead=(HOSTILE,),
        quotes=(Quote("p", HOSTILE, 1.0, SOURCE),),
        resources=(Resource(HOSTILE, HOSTILE, "https://x.org/?q=<>"),),
        suggestions=(Topic("t", HOSTILE, HOSTILE),),
        footer=HOSTILE,
    )
    html = to_html(reply)
    assert_telegram_html(html)
    assert "<script>" not in html
    assert '<a href="https://example.org/?a=1&amp;b=&quot;2&quot;">Title &lt;i&gt;</a>' in html
    assert HOSTILE in to_text(reply)


def test_quotes_are_blockquotes_with_linked_sources() -> None:
    reply = Reply(kind="answer", quotes=(Quote("p", "Quoted words.", 1.0, SOURCE),), footer="F")
    html = to_html(reply)
    assert html.startswith("<blockquote>Quoted words.</blockquote>\n— <a href=")
    assert "Publisher &amp; Co, 5 Mar 2019." in html
    assert html.endswith("<i>F</i>")


def test_dates_are_shown_for_people() -> None:
    assert [display_date(d) for d in ("2019-03-05", "2020-04", "2014", "n.d.")] == [
        "5 Mar 2019",
        "Apr 2020",
        "2014",
        "n.d.",
    ]


def test_long_replies_split_on_paragraphs_into_valid_pieces() -> None:
    quotes = tuple(Quote(f"p{i}", f"Sentence {i} & more. " * 20, 1.0, SOURCE) for i in range(20))
    html = to_html(Reply(kind="answer", quotes=quotes, footer="F"))
    assert len(html) > 4096
    pieces = split_html(html)
    assert len(pieces) >= 2
    assert all(len(p) <= 4096 for p in pieces)
    for piece in pieces:
        assert_telegram_html(piece)
    assert "\n\n".join(pieces) == html


def test_a_single_huge_block_is_cut_into_escaped_text() -> None:
    html = to_html(Reply(kind="answer", lead=("<&> " * 3000,)))
    pieces = split_html(html)
    assert all(len(p) <= 4096 for p in pieces)
    for piece in pieces:
        assert_telegram_html(piece)
