"""How the bot talks HTTP to the Bot API: python-telegram-bot's BaseRequest on aiohttp.

Under a burst the bot is CPU-bound, and with PTB's own HTTPXRequest nearly half of its time went
to httpx and httpcore (which rescans its pool on every release and tries to import sniffio on
every request); aiohttp does the same work for a fraction of that. The contract is HTTPXRequest's:

- `do_request` returns (status, body) for any HTTP answer; PTB turns non-2xx into its errors;
- a timeout is telegram.error.TimedOut (the request may have arrived: send.py never repeats it),
  any other transport failure telegram.error.NetworkError (it did not: send.py may retry);
- parameters go as JSON (PTB's RequestData.json_payload: one object of strings, which the Bot API
  reads exactly as it reads the same strings in a form, at a tenth of the cost of url-encoding
  them), or as multipart/form-data when the request uploads files (JSON cannot carry them);
- at most `connections` requests are in flight; the rest wait their turn (first come, first
  served) before anything is sent, with no time limit unless a caller passes `pool_timeout`;
- `connect_timeout` bounds opening a connection, `read_timeout` the wait for the answer once the
  request is sent (and each pause within it); aiohttp has no write timeout, so a request as a
  whole gives up after connect + write + read seconds;
- proxies come from HTTP(S)_PROXY, ALL_PROXY and NO_PROXY, as with httpx, looked up once per host;
- TLS trusts what httpx trusted (certifi's bundle) and the system's certificates as well;
- no error's text or cause holds the request URL, which contains the bot token.
"""

from __future__ import annotations

import asyncio
import re
import ssl
from functools import lru_cache
from typing import Final
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

import aiohttp
import certifi
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

READ_TIMEOUT = 5.0
WRITE_TIMEOUT = 5.0
CONNECT_TIMEOUT = 5.0
MEDIA_WRITE_TIMEOUT = 20.0  # uploads: HTTPXRequest's default
_JSON: Final = {"Content-Type": "application/json"}
_TOKEN_PATH = re.compile(r"/bot[^/\s'\"]+")  # Bot API URLs are …/bot<token>/<method>


class AiohttpRequest(BaseRequest):
    """A BaseRequest on one aiohttp session, opened in `initialize` and closed in `shutdown`."""

    def __init__(
        self,
        connections: int,
        *,
        read_timeout: float | None = READ_TIMEOUT,
        write_timeout: float | None = WRITE_TIMEOUT,
        connect_timeout: float | None = CONNECT_TIMEOUT,
        media_write_timeout: float | None = MEDIA_WRITE_TIMEOUT,
    ) -> None:
        if connections < 1:
            raise ValueError("connections must be at least 1")
        self.connections = connections
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._media_write_timeout = media_write_timeout
        self._slots = asyncio.Semaphore(connections)  # made anew with each session
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, str | None] = {}  # origin -> its proxy, or None for direct

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    @property
    def closed(self) -> bool:
        return self._session is None or self._session.closed

    async def initialize(self) -> None:
        """Open the session (in the running loop); again after a `shutdown`."""
        if self.closed:
            self._slots = asyncio.Semaphore(self.connections)
            tls = await asyncio.to_thread(_tls)  # reads certificate files: not in the loop
            connector = aiohttp.TCPConnector(limit=self.connections, limit_per_host=0, ssl=tls)
            self._session = aiohttp.ClientSession(
                connector=connector,
                headers={"User-Agent": self.USER_AGENT},
                cookie_jar=aiohttp.DummyCookieJar(),  # the Bot API sets none; skip the lookups
                timeout=aiohttp.ClientTimeout(total=None),
            )

    async def shutdown(self) -> None:
        """Close the session and its connections; a no-op when already closed."""
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        uploads = request_data is not None and request_data.contains_files
        if isinstance(read_timeout, DefaultValue):
            read_timeout = self._read_timeout
        if isinstance(connect_timeout, DefaultValue):
            connect_timeout = self._connect_timeout
        if isinstance(write_timeout, DefaultValue):
            write_timeout = self._media_write_timeout if uploads else self._write_timeout
        timeout = _timeout(read_timeout, write_timeout, connect_timeout)
        data = _body(request_data) if request_data is not None else None
        headers = _JSON if isinstance(data, bytes) else None
        try:
            await self._take_slot(None if isinstance(pool_timeout, DefaultValue) else pool_timeout)
        except TimeoutError:
            raise TimedOut(
                "Pool timeout: every connection was busy; the request was not sent"
            ) from None
        try:
            async with session.request(
                method,
                url,
                data=data,
                headers=headers,
                timeout=timeout,
                proxy=self._proxy(url),
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:  # aiohttp's connect and read timeouts are TimeoutErrors too
            if isinstance(exc, aiohttp.ConnectionTimeoutError):
                raise TimedOut("Connecting timed out; the request was not sent") from _cause(exc)
            raise TimedOut() from _cause(exc)
        except (aiohttp.ClientError, OSError) as exc:
            message = f"aiohttp.{type(exc).__name__}: {_redact(str(exc))}"
            raise NetworkError(message) from _cause(exc)
        finally:
            self._slots.release()

    async def _take_slot(self, seconds: float | None) -> None:
        if seconds is None:
            await self._slots.acquire()
        else:
            async with asyncio.timeout(seconds):
                await self._slots.acquire()

    def _proxy(self, url: str) -> str | None:
        """The proxy the environment names for `url`'s host (looked up once per origin)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._proxies:
            proxies = getproxies()
            chosen = proxies.get(parts.scheme) or proxies.get("all")
            bypass = not chosen or proxy_bypass(parts.hostname or "")
            self._proxies[origin] = None if bypass else chosen
        return self._proxies[origin]


@lru_cache(maxsize=1)
def _tls() -> ssl.SSLContext:
    """The system's trusted certificates (or SSL_CERT_FILE / SSL_CERT_DIR), plus certifi's."""
    context = ssl.create_default_context()
    context.load_verify_locations(cafile=certifi.where())
    return context


@lru_cache(maxsize=64)
def _timeout(
    read: float | None, write: float | None, connect: float | None
) -> aiohttp.ClientTimeout:
    """aiohttp's timeouts for PTB's (few distinct) read, write and connect timeouts."""
    parts = (read, write, connect)
    total = None if None in parts else sum(p for p in parts if p is not None)
    return aiohttp.ClientTimeout(total=total, sock_connect=connect, sock_read=read)


def _body(request_data: RequestData) -> bytes | aiohttp.FormData:
    """The parameters as JSON, or multipart/form-data with the files."""
    if not request_data.contains_files:
        return request_data.json_payload
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form


def _redact(text: str) -> str:
    return _TOKEN_PATH.sub("/bot<token>", text)


def _cause(error: BaseException) -> BaseException | None:
    """`error`, to chain to ours, unless its text holds the URL (and so the token)."""
    return None if _TOKEN_PATH.search(str(error)) else error
