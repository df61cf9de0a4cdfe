"""bot/telegram/request.py: the aiohttp BaseRequest, against servers on 127.0.0.1.

What send.py relies on: a timeout is TimedOut (maybe delivered, never resent), any other
transport failure NetworkError (not delivered, resent); also the body formats, the connection
limit, the life cycle, and that no error carries the token.
"""

from __future__ import annotations

import asyncio
import json
import socket
import ssl
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from telegram import InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.config import Settings
from bot.core import Engine
from bot.knowledge import load_dir
from bot.telegram.app import build_application, post_shutdown
from bot.telegram.request import AiohttpRequest, _tls
from tests.fakebotapi import FAKE_TOKEN, FakeBotAPI

SECRET = FAKE_TOKEN.split(":")[1]


def _data(**params: Any) -> RequestData:
    return RequestData([RequestParameter.from_input(k, v) for k, v in params.items()])


def _url(port: int, method: str) -> str:
    return f"http://127.0.0.1:{port}/bot{FAKE_TOKEN}/{method}"


def _assert_no_token(error: BaseException) -> None:
    seen: BaseException | None = error
    while seen is not None:
        assert SECRET not in str(seen)
        seen = seen.__cause__
    assert error.__cause__ is None or error.__suppress_context__


@asynccontextmanager
async def _serve(handler: Callable[[web.Request], Any]) -> AsyncIterator[int]:
    """A one-route aiohttp server on 127.0.0.1; yields its port."""
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield int(runner.addresses[0][1])
    finally:
        await runner.cleanup()


async def test_any_answer_comes_back_as_status_and_body() -> None:
    async with FakeBotAPI() as server, AiohttpRequest(1) as request:
        status, body = await request.do_request(_url(server.port, "getMe"), "POST")
        assert status == 200
        assert json.loads(body)["result"]["username"] == server.username
        wrong = f"http://127.0.0.1:{server.port}/bot1:{'x' * 35}/getMe"
        status, body = await request.do_request(wrong, "POST")
        assert status == 401  # PTB's BaseRequest turns it into InvalidToken, not us
        assert json.loads(body)["ok"] is False


async def test_parameters_arrive_as_a_form_would_bring_them() -> None:
    async with FakeBotAPI() as server, AiohttpRequest(1) as request:
        data = _data(
            chat_id=42,
            text="<b>é 😀 &amp; +</b>",
            parse_mode="HTML",
            link_preview_options={"is_disabled": True},
            disable_notification=True,
        )
        status, _ = await request.do_request(_url(server.port, "sendMessage"), "POST", data)
        assert status == 200
        [call] = server.calls_of("sendMessage")
        assert call.params == {
            "chat_id": 42,
            "text": "<b>é 😀 &amp; +</b>",
            "parse_mode": "HTML",
            "link_preview_options": {"is_disabled": True},
            "disable_notification": True,
        }
        assert server.problems == []


async def test_a_file_upload_goes_as_multipart_form_data() -> None:
    received: dict[str, Any] = {}

    async def echo(http: web.Request) -> web.Response:
        received["type"] = http.content_type
        for name, value in (await http.post()).items():
            if isinstance(value, web.FileField):
                received[name] = (value.filename, value.file.read(), value.content_type)
            else:
                received[name] = value
        return web.json_response({"ok": True, "result": True})

    async with _serve(echo) as port, AiohttpRequest(1) as request:
        upload = InputFile(b"col1,col2\n", filename="gaps.csv")
        data = _data(chat_id=7, document=upload, caption="the gaps")
        assert data.contains_files
        status, _ = await request.do_request(_url(port, "sendDocument"), "POST", data)
    assert status == 200
    assert received == {
        "type": "multipart/form-data",
        "chat_id": "7",
        "caption": "the gaps",
        "document": ("gaps.csv", b"col1,col2\n", "text/csv"),
    }


async def test_a_late_answer_is_timed_out_not_a_network_error() -> None:
    async with FakeBotAPI() as server, AiohttpRequest(1, read_timeout=0.2) as request:
        server.stall("sendMessage", 30.0)  # taken, answered only when the server stops
        data = _data(
            chat_id=5, text="hi", parse_mode="HTML", link_preview_options={"is_disabled": True}
        )
        with pytest.raises(TimedOut) as caught:
            await request.do_request(_url(server.port, "sendMessage"), "POST", data)
        assert len(server.sent) == 1  # it did arrive: that is why send.py must not resend it
        _assert_no_token(caught.value)


async def test_a_refused_connection_is_a_network_error_without_the_token() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with AiohttpRequest(1) as request:
        with pytest.raises(NetworkError) as caught:
            await request.do_request(_url(port, "getMe"), "POST")
    assert not isinstance(caught.value, TimedOut)
    assert "ClientConnectorError" in caught.value.message
    _assert_no_token(caught.value)


async def test_a_connection_dropped_before_the_answer_is_a_network_error() -> None:
    async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.close()

    server = await asyncio.start_server(hang_up, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with AiohttpRequest(1) as request:
            with pytest.raises(NetworkError) as caught:
                await request.do_request(_url(port, "getMe"), "POST")
    finally:
        server.close()
        await server.wait_closed()
    assert not isinstance(caught.value, TimedOut)
    _assert_no_token(caught.value)


class _Raising:
    """Stands in for the aiohttp session: every request fails with `error`."""

    closed = False

    def __init__(self, error: BaseException) -> None:
        self.error = error

    @asynccontextmanager
    async def request(self, *args: object, **kwargs: object) -> AsyncIterator[None]:
        raise self.error
        yield  # pragma: no cover


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            aiohttp.ConnectionTimeoutError(f"Connection timeout to host /bot{FAKE_TOKEN}/x"),
            TimedOut,
        ),
        (aiohttp.SocketTimeoutError("Timeout on reading data from socket"), TimedOut),
        (TimeoutError(), TimedOut),
        (aiohttp.ServerDisconnectedError(), NetworkError),
        (aiohttp.ClientPayloadError("Response payload is not completed"), NetworkError),
        (aiohttp.ClientOSError(104, "Connection reset by peer"), NetworkError),
        (aiohttp.InvalidURL(f"http://127.0.0.1/bot{FAKE_TOKEN}/x"), NetworkError),
        (ConnectionResetError(), NetworkError),
    ],
)
async def test_transport_errors_map_to_what_send_py_expects(
    error: BaseException, expected: type[Exception], monkeypatch: pytest.MonkeyPatch
) -> None:
    async with AiohttpRequest(1) as request:
        monkeypatch.setattr(request, "_session", _Raising(error))
        with pytest.raises(NetworkError) as caught:
            await request.do_request(_url(1, "getMe"), "POST")
        monkeypatch.undo()
    assert type(caught.value) is expected
    _assert_no_token(caught.value)


@dataclass
class _Gate:
    """A server that holds every request until `open` is set; `inside` records, as each request
    arrives, how many are in it at once."""

    port: int = 0
    open: asyncio.Event = field(default_factory=asyncio.Event)
    inside: list[int] = field(default_factory=list)
    arrived: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def reached(self, count: int) -> None:
        async with self.arrived:
            await asyncio.wait_for(self.arrived.wait_for(lambda: len(self.inside) >= count), 5)


@asynccontextmanager
async def _gated() -> AsyncIterator[_Gate]:
    gate = _Gate()
    now = 0

    async def held(http: web.Request) -> web.Response:
        nonlocal now
        now += 1
        async with gate.arrived:
            gate.inside.append(now)
            gate.arrived.notify_all()
        try:
            await gate.open.wait()
        finally:
            now -= 1
        return web.json_response({"ok": True, "result": True})

    async with _serve(held) as port:
        gate.port = port
        yield gate


async def test_at_most_connections_requests_are_in_flight_the_rest_queue() -> None:
    async with _gated() as gate, AiohttpRequest(2) as request:
        url = _url(gate.port, "getMe")
        calls = [asyncio.create_task(request.do_request(url, "POST")) for _ in range(5)]
        await gate.reached(2)
        gate.open.set()
        results = await asyncio.gather(*calls)
    assert [status for status, _ in results] == [200] * 5
    assert len(gate.inside) == 5
    assert max(gate.inside) == 2


async def test_a_pool_timeout_gives_up_before_sending() -> None:
    async with _gated() as gate, AiohttpRequest(1) as request:
        url = _url(gate.port, "getMe")
        first = asyncio.create_task(request.do_request(url, "POST"))
        await gate.reached(1)
        with pytest.raises(TimedOut, match="not sent"):
            await request.do_request(url, "POST", pool_timeout=0.05)
        gate.open.set()
        status, _ = await first
    assert status == 200
    assert len(gate.inside) == 1  # the second request never reached the server


async def test_life_cycle_open_close_reopen() -> None:
    request = AiohttpRequest(1)
    assert request.closed
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request(_url(1, "getMe"), "POST")
    async with FakeBotAPI() as server:
        async with request:
            assert not request.closed
            assert (await request.do_request(_url(server.port, "getMe"), "POST"))[0] == 200
        assert request.closed
        await request.shutdown()  # twice is fine
        await request.initialize()
        assert (await request.do_request(_url(server.port, "getMe"), "POST"))[0] == 200
        await request.shutdown()


async def test_the_application_closes_both_sessions_even_after_a_failed_start(
    tiny_kb_dir: Path, tmp_path: Path
) -> None:
    settings = Settings(token=FAKE_TOKEN, knowledge_dir=tiny_kb_dir, data_dir=tmp_path / "data")
    app = build_application(settings, Engine(load_dir(tiny_kb_dir)), watch=False)
    requests = app.bot_data.requests
    assert len(requests) == 2
    for request in requests:
        await request.initialize()  # as Bot.initialize does before getMe fails
    await post_shutdown(app)  # PTB skips Application.shutdown when initialize failed
    assert all(isinstance(r, AiohttpRequest) and r.closed for r in requests)


def test_proxies_come_from_the_environment_once_per_host(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.invalid:3128")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    request = AiohttpRequest(1)
    assert request._proxy(f"https://api.telegram.org/bot{FAKE_TOKEN}/getMe") == (
        "http://proxy.invalid:3128"
    )
    assert request._proxy(_url(8080, "getMe")) is None
    monkeypatch.delenv("HTTPS_PROXY")
    assert request._proxy(f"https://api.telegram.org/bot{FAKE_TOKEN}/sendMessage") == (
        "http://proxy.invalid:3128"  # looked up once per host, not per request
    )
    assert AiohttpRequest(1)._proxy(f"https://api.telegram.org/bot{FAKE_TOKEN}/getMe") is None


def test_tls_verifies_against_certifi_as_httpx_did() -> None:
    context = _tls()
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.check_hostname
    assert context.cert_store_stats()["x509_ca"] > 100  # certifi's bundle, whatever the system has
