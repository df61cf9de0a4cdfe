"""The fake server itself: it must reject what Telegram rejects, or the end-to-end tests prove
nothing."""

from __future__ import annotations

import json
from typing import Any

import aiohttp
import pytest

from tests.fakebotapi import FAKE_TOKEN, FakeBotAPI, telegram_html_error


@pytest.mark.parametrize(
    "html",
    [
        "plain",
        "<b>bold</b> <i>it</i> <u>u</u> <s>s</s> <code>x</code> <pre>y</pre>",
        '<a href="https://x.org/?a=1&amp;b=2">link</a>',
        "<blockquote>quote <b>bold</b></blockquote>\n— source",
        "&lt;script&gt; &amp; &quot; &#39; &#x1F600; 😀",
        '<tg-spoiler>s</tg-spoiler> <span class="tg-spoiler">s</span>',
    ],
)
def test_what_telegram_accepts(html: str) -> None:
    assert telegram_html_error(html) is None


@pytest.mark.parametrize(
    ("html", "why"),
    [
        ("<script>x</script>", "unsupported start tag"),
        ("<b>unclosed", "unclosed start tag"),
        ("<b><i>crossed</b></i>", "unmatched end tag"),
        ("a < b", "unexpected '<'"),
        ("a > b", "unescaped '>'"),
        ("fish & chips", "unescaped '&'"),
        ("&nbsp;", "unescaped '&'"),
        ("<blockquote><blockquote>x</blockquote></blockquote>", "nested blockquote"),
        ("<code><b>x</b></code>", "inside code"),
        ("<br/>", "unsupported start tag"),
        ("<b> </b>", "message text is empty"),
        ("x" * 4097, "message is too long"),
        ("😀" * 2049, "message is too long"),  # Telegram counts UTF-16 units
    ],
)
def test_what_telegram_rejects(html: str, why: str) -> None:
    error = telegram_html_error(html)
    assert error is not None
    assert why in error


async def _post(
    server: FakeBotAPI, method: str, token: str = FAKE_TOKEN, **data: object
) -> tuple[int, dict[str, Any]]:
    form = {k: json.dumps(v) if isinstance(v, dict | list) else str(v) for k, v in data.items()}
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"http://127.0.0.1:{server.port}/bot{token}/{method}", data=form) as response,
    ):
        body: dict[str, Any] = await response.json()
        return response.status, body


async def test_bad_html_is_a_400_and_a_recorded_problem() -> None:
    async with FakeBotAPI() as server:
        status, body = await _post(
            server, "sendMessage", chat_id=1, text="<b>x", parse_mode="HTML",
            link_preview_options={"is_disabled": True},
        )  # fmt: skip
        assert status == 400
        assert body["description"] == 'Bad Request: can\'t parse entities: unclosed start tag "b"'
        assert server.problems == [body["description"].removeprefix("Bad Request: ")]


async def test_flood_limit_answers_429_with_retry_after() -> None:
    async with FakeBotAPI() as server:
        server.limit_chat(5, count=2, per=60, retry_after=7)
        statuses = []
        for _ in range(3):
            status, body = await _post(
                server, "sendMessage", chat_id=5, text="hi", parse_mode="HTML",
                link_preview_options={"is_disabled": True},
            )  # fmt: skip
            statuses.append(status)
        assert statuses == [200, 200, 429]
        assert body["parameters"] == {"retry_after": 7}
        assert len(server.sent) == 2


async def test_a_wrong_token_is_unauthorized() -> None:
    async with FakeBotAPI() as server:
        status, _ = await _post(server, "getMe", token="1:" + "x" * 35)
        assert status == 401


async def test_get_updates_honours_offsets() -> None:
    async with FakeBotAPI() as server:
        user = FakeBotAPI.user(1)
        first, _ = server.send(FakeBotAPI.private_chat(user), user, "a")
        second, _ = server.send(FakeBotAPI.private_chat(user), user, "b")
        _, body = await _post(server, "getUpdates", offset=0)
        assert [u["update_id"] for u in body["result"]] == [first, second]
        _, body = await _post(server, "getUpdates", offset=second)
        assert [u["update_id"] for u in body["result"]] == [second]
        assert server.confirmed == first


async def test_a_json_body_is_read_as_telegram_reads_it() -> None:
    """Strings as their content, anything else as its JSON text: both spellings are one request."""
    url_of = "http://127.0.0.1:{}/bot{}/sendMessage".format
    bodies = [
        {"chat_id": 9, "text": "a", "parse_mode": "HTML", "link_preview_options": {"is_disabled": True}},
        {"chat_id": "9", "text": "a", "parse_mode": "HTML", "link_preview_options": '{"is_disabled": true}'},
    ]  # fmt: skip
    async with FakeBotAPI() as server, aiohttp.ClientSession() as session:
        for body in bodies:
            async with session.post(url_of(server.port, FAKE_TOKEN), json=body) as response:
                assert response.status == 200
        first, second = server.calls_of("sendMessage")
        assert (
            first.params
            == second.params
            == {
                "chat_id": 9,
                "text": "a",
                "parse_mode": "HTML",
                "link_preview_options": {"is_disabled": True},
            }
        )
        assert server.problems == []
