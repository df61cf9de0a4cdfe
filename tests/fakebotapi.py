"""A fake Telegram Bot API server on 127.0.0.1, for end-to-end tests and throughput benchmarks.

Point a python-telegram-bot Application at `server.base_url` (its `base_url`; the token is
appended) and let it poll for real. The server:

- reads parameters from a query string, a form, multipart/form-data or a JSON object, as Telegram
  does;
- queues updates that tests inject (`private`, `group_message`, `edit`, `inline`, `press`) and
  serves them through long-polling getUpdates with Telegram's offset semantics (an update is gone
  only once a later offset confirms it, so a lost response never loses an update);
- records every call and every message the bot sends, and wakes waiters on each (`wait_for`);
- checks parse_mode HTML the way Telegram does (`telegram_html_error`): only Telegram's tags,
  balanced, known entities, at most 4,096 characters of text; a violation is a 400, as on Telegram,
  and is also kept in `problems`;
- enforces per-chat flood limits (429 with retry_after) and injects faults on request: 500s
  (`fail`) and slow responses that outlast the client's timeout (`stall`).

Nothing here imports kbot; `run_application` runs any PTB Application the way run_polling does.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import json
import os
import re
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any

from aiohttp import web

FAKE_TOKEN = "123456:" + "A" * 35
BOT_ID = 123456
BOT_USERNAME = "kbot_test_bot"
MAX_TEXT = 4096

# What Telegram's HTML parse mode accepts (core.telegram.org/bots/api#html-style).
_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a",
    "tg-emoji", "code", "pre", "blockquote",
}  # fmt: skip
_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:=\"[^\"]*\"|='[^']*')?)*)\s*(/?)>"
)
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});")
_OBJECT_KEYS = {
    "reply_parameters", "reply_markup", "link_preview_options", "results", "scope", "commands",
    "button", "entities", "allowed_updates",
}  # fmt: skip
_INT_KEYS = {"chat_id", "message_id", "offset", "limit", "timeout", "message_thread_id", "user_id"}


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def telegram_html_error(html: str) -> str | None:
    """Why Telegram would reject `html` in parse_mode HTML, or None if it would accept it."""
    stack: list[str] = []
    visible: list[str] = []
    pos = 0
    while pos < len(html):
        char = html[pos]
        if char == "<":
            match = _TAG.match(html, pos)
            if match is None:
                return f"can't parse entities: unexpected '<' at offset {pos}"
            closing, name, _attrs, self_closing = match.groups()
            name = name.lower()
            if name not in _TAGS:
                return f'can\'t parse entities: unsupported start tag "{name}"'
            if self_closing:
                return f'can\'t parse entities: self-closing tag "{name}"'
            if closing:
                if not stack or stack[-1] != name:
                    return f'can\'t parse entities: unmatched end tag "{name}"'
                stack.pop()
            else:
                if name == "blockquote" and "blockquote" in stack:
                    return "can't parse entities: nested blockquote"
                if {"code", "pre"} & set(stack) and name not in {"code"}:
                    return f'can\'t parse entities: "{name}" inside code'
                stack.append(name)
            pos = match.end()
        elif char == "&":
            match = _ENTITY.match(html, pos)
            if match is None:
                return f"can't parse entities: unescaped '&' at offset {pos}"
            visible.append(unescape(match.group(0)))
            pos = match.end()
        elif char == ">":
            return f"can't parse entities: unescaped '>' at offset {pos}"
        else:
            visible.append(char)
            pos += 1
    if stack:
        return f'can\'t parse entities: unclosed start tag "{stack[-1]}"'
    text = "".join(visible)
    if not text.strip():
        return "message text is empty"
    if utf16_len(text) > MAX_TEXT:
        return "message is too long"
    return None


def visible_text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    status: int = 200


@dataclass
class Fault:
    kind: str  # "fail" (answer `status`, do nothing) or "stall" (do it, answer after `seconds`)
    times: int
    status: int = 500
    seconds: float = 0.0


@dataclass
class ChatLimit:
    count: int
    per: float
    retry_after: int = 1
    sent: deque[float] = field(default_factory=deque)


class FakeBotAPI:
    """The server. Use `async with FakeBotAPI() as server:` or `start()` / `stop()`."""

    def __init__(
        self,
        *,
        token: str = FAKE_TOKEN,
        username: str = BOT_USERNAME,
        private_limit: tuple[int, float] = (30, 1.0),
        group_limit: tuple[int, float] = (20, 60.0),
    ) -> None:
        self.token = token
        self.bot = {"id": BOT_ID, "is_bot": True, "first_name": "kbot", "username": username}
        self.username = username
        self.private_limit = private_limit
        self.group_limit = group_limit
        self.calls: list[Call] = []
        self.sent: list[dict[str, Any]] = []  # every message the bot sent, as Telegram returned it
        self.edits: list[dict[str, Any]] = []
        self.deleted: list[tuple[int, int]] = []
        self.inline_answers: list[dict[str, Any]] = []
        self.callback_answers: list[dict[str, Any]] = []
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.problems: list[str] = []  # what a real Telegram would reject or we never expect
        self.faults_taken: list[str] = []  # "fail:sendMessage", "stall:getUpdates", ...
        self.confirmed = 0  # the highest update id the bot has confirmed (offset - 1)
        self.webhook: dict[str, Any] | None = None  # setWebhook's parameters, while set
        self._updates: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = defaultdict(lambda: itertools.count(1))
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._faults: dict[str, list[Fault]] = defaultdict(list)
        self._limits: dict[int, ChatLimit] = {}
        self._waiters: set[asyncio.Event] = set()
        self._stopping = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- life cycle -------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        self._stopping.set()
        self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotAPI:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def bot_env(
        self, knowledge: Path, data: Path, *, token: str = FAKE_TOKEN, **settings: str
    ) -> dict[str, str]:
        """The environment for a `kbot run` process against this server: this process's own,
        without any KBOT_ or TELEGRAM_ setting, then the token, the server, the folders and
        `settings` (e.g. KBOT_LOG_LEVEL="DEBUG")."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KBOT_", "TELEGRAM_"))}
        env.update(
            TELEGRAM_BOT_TOKEN=token,
            TELEGRAM_BASE_URL=self.base_url,
            KBOT_KNOWLEDGE_DIR=str(knowledge),
            KBOT_DATA_DIR=str(data),
            **settings,
        )
        return env

    # -- faults and limits ------------------------------------------------------------------

    def fail(self, method: str, *, status: int = 500, times: int = 1) -> None:
        """The next `times` calls of `method` get HTTP `status` and change nothing."""
        self._faults[method].append(Fault("fail", times, status=status))

    def stall(self, method: str, seconds: float, *, times: int = 1) -> None:
        """The next `times` calls of `method` take effect but are answered only after `seconds`."""
        self._faults[method].append(Fault("stall", times, seconds=seconds))

    def limit_chat(self, chat_id: int, count: int, per: float, retry_after: int = 1) -> None:
        """At most `count` messages per `per` seconds to `chat_id`; beyond that a 429."""
        self._limits[chat_id] = ChatLimit(count, per, retry_after)

    # -- waiting ----------------------------------------------------------------------------

    async def wait_for(self, predicate: Callable[[], Any], seconds: float = 10.0) -> Any:
        """Wait until `predicate()` is truthy (re-checked whenever the server's state changes)."""
        async with asyncio.timeout(seconds):
            while not (result := predicate()):
                await self._changed()
        return result

    async def _changed(self) -> None:
        """Until the next change: a recorded call, an injected update, or stop."""
        event = asyncio.Event()
        self._waiters.add(event)
        try:
            await event.wait()
        finally:
            self._waiters.discard(event)

    async def sent_to(
        self, chat_id: int, count: int = 1, seconds: float = 10.0
    ) -> list[dict[str, Any]]:
        """Wait until `count` messages were sent to `chat_id`; return all sent to it."""

        def found() -> list[dict[str, Any]] | None:
            messages = [m for m in self.sent if m["chat"]["id"] == chat_id]
            return messages if len(messages) >= count else None

        result: list[dict[str, Any]] = await self.wait_for(found, seconds)
        return result

    def messages_to(self, chat_id: int) -> list[dict[str, Any]]:
        return [m for m in self.sent if m["chat"]["id"] == chat_id]

    def calls_of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def _notify(self) -> None:
        for event in self._waiters:
            event.set()

    # -- people, chats and injected updates -------------------------------------------------

    @staticmethod
    def user(
        user_id: int, first_name: str = "Sam", language_code: str | None = "en"
    ) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language_code:
            user["language_code"] = language_code
        return user

    @staticmethod
    def private_chat(user: dict[str, Any]) -> dict[str, Any]:
        return {"id": user["id"], "type": "private", "first_name": user["first_name"]}

    @staticmethod
    def group_chat(chat_id: int, *, forum: bool = False) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": "supergroup", "title": "A group"}
        if forum:
            chat["is_forum"] = True
        return chat

    def push(self, kind: str, body: dict[str, Any]) -> int:
        """Queue one update of `kind` ("message", "edited_message", ...); return its update_id."""
        update_id = next(self._ids)
        self._updates.append({"update_id": update_id, kind: body})
        self._notify()
        return update_id

    def message(
        self,
        chat: dict[str, Any],
        user: dict[str, Any],
        text: str | None = None,
        *,
        entities: list[dict[str, Any]] | None = None,
        reply_to: dict[str, Any] | None = None,
        thread_id: int | None = None,
        caption: str | None = None,
        photo: bool = False,
        sticker: bool = False,
        deleted: bool = False,
    ) -> dict[str, Any]:
        """A message from `user` in `chat` (stored unless `deleted`), entities found as Telegram would."""
        message_id = next(self._message_ids[chat["id"]])
        body: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": user,
        }
        if text is not None:
            body["text"] = text
            found = entities if entities is not None else _entities(text)
            if found:
                body["entities"] = found
        if photo:
            body["photo"] = [{"file_id": "p1", "file_unique_id": "p1u", "width": 9, "height": 9}]
        if caption is not None:
            body["caption"] = caption
            if found_caption := _entities(caption):
                body["caption_entities"] = found_caption
        if sticker:
            body["sticker"] = {
                "file_id": "s1", "file_unique_id": "s1u", "type": "regular", "width": 9,
                "height": 9, "is_animated": False, "is_video": False, "emoji": "🙂",
            }  # fmt: skip
        if reply_to is not None:
            body["reply_to_message"] = reply_to
        if thread_id is not None:
            body["message_thread_id"] = thread_id
            body["is_topic_message"] = True
            body.setdefault("reply_to_message", self._topic_start(chat, thread_id, user))
        if not deleted:
            self._messages[(chat["id"], message_id)] = body
        return body

    def _topic_start(
        self, chat: dict[str, Any], thread_id: int, user: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            "message_id": thread_id,
            "date": int(time.time()),
            "chat": chat,
            "from": user,
            "message_thread_id": thread_id,
            "forum_topic_created": {"name": "Topic", "icon_color": 7322096},
        }

    def send(
        self, chat: dict[str, Any], user: dict[str, Any], text: str | None = None, **kw: Any
    ) -> tuple[int, dict[str, Any]]:
        """Inject a new message; return (update_id, message)."""
        body = self.message(chat, user, text, **kw)
        return self.push("message", body), body

    def edit(self, message: dict[str, Any], text: str) -> int:
        """Inject an edit of a user's message."""
        edited = {**message, "text": text, "edit_date": int(time.time())}
        found = _entities(text)
        edited.pop("entities", None)
        if found:
            edited["entities"] = found
        self._messages[(message["chat"]["id"], message["message_id"])] = edited
        return self.push("edited_message", edited)

    def inline(self, user: dict[str, Any], query: str) -> tuple[int, str]:
        query_id = f"iq{next(self._ids)}"
        body = {"id": query_id, "from": user, "query": query, "offset": ""}
        return self.push("inline_query", body), query_id

    def press(self, message: dict[str, Any], user: dict[str, Any], data: str) -> int:
        body = {
            "id": f"cb{next(self._ids)}",
            "from": user,
            "chat_instance": "ci",
            "data": data,
            "message": message,
        }
        return self.push("callback_query", body)

    # -- the API ----------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params: dict[str, Any] = {}
        if request.can_read_body:
            if request.content_type == "application/json":
                params = _params(_json_args(await request.read()))
            else:
                params = _params(dict(await request.post()))
        params.update({k: v for k, v in request.query.items()})
        if request.match_info["token"] != self.token:
            return await self._answer(Call(method, params, 401), {"description": "Unauthorized"})
        fault = self._take_fault(method)
        if fault is not None and fault.kind == "fail":
            return await self._answer(
                Call(method, params, fault.status), {"description": "Internal Server Error"}
            )
        if method == "getUpdates":
            result: Any = await self._get_updates(params)
            status, payload = 200, {"result": result}
        else:
            status, payload = self._dispatch(method, params)
        call = Call(method, params, status)
        if fault is not None and fault.kind == "stall":
            self.calls.append(call)
            self._notify()
            try:
                await asyncio.wait_for(self._stopping.wait(), fault.seconds)
            except TimeoutError:
                pass
            return _json(status, payload)
        return await self._answer(call, payload)

    async def _answer(self, call: Call, payload: dict[str, Any]) -> web.Response:
        self.calls.append(call)
        self._notify()
        return _json(call.status, payload)

    def _take_fault(self, method: str) -> Fault | None:
        queue = self._faults.get(method)
        if not queue:
            return None
        fault = queue[0]
        self.faults_taken.append(f"{fault.kind}:{method}")
        self._notify()
        fault.times -= 1
        if fault.times <= 0:
            queue.pop(0)
        return fault

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        if offset:
            self.confirmed = max(self.confirmed, offset - 1)
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        timeout = float(params.get("timeout") or 0)
        try:
            async with asyncio.timeout(timeout):
                while not self._updates and timeout > 0 and not self._stopping.is_set():
                    await self._changed()
        except TimeoutError:
            pass
        limit = int(params.get("limit") or 100)
        return self._updates[:limit]

    def _dispatch(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            self.problems.append(f"unsupported method {method}")
            return 400, {"description": f"Bad Request: method {method} not in the fake"}
        outcome: tuple[int, dict[str, Any]] = handler(params)
        return outcome

    def _api_getMe(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        return 200, {
            "result": {**self.bot, "can_join_groups": True, "supports_inline_queries": True}
        }

    def _api_deleteWebhook(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        self.webhook = None
        return 200, {"result": True}

    def _api_setWebhook(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        self.webhook = dict(params)
        return 200, {"result": True}

    def _api_setMyCommands(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        scope = params.get("scope") or {"type": "default"}
        key = scope["type"] + (f":{scope['chat_id']}" if "chat_id" in scope else "")
        self.commands[key] = params["commands"]
        return 200, {"result": True}

    def _api_sendMessage(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        chat_id = int(params["chat_id"])
        error = self._check_text(params)
        if error:
            return 400, {"description": f"Bad Request: {error}"}
        if self._flooded(chat_id):
            retry = self._limits[chat_id].retry_after if chat_id in self._limits else 1
            return 429, {
                "description": f"Too Many Requests: retry after {retry}",
                "parameters": {"retry_after": retry},
            }
        reply = params.get("reply_parameters")
        original = None
        if reply is not None:
            original = self._messages.get((int(reply.get("chat_id", chat_id)), reply["message_id"]))
            if original is None and not reply.get("allow_sending_without_reply"):
                return 400, {"description": "Bad Request: message to be replied not found"}
        chat = self._chat(chat_id)
        body: dict[str, Any] = {
            "message_id": next(self._message_ids[chat_id]),
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot,
            "text": visible_text(params["text"]),
        }
        if original is not None:
            body["reply_to_message"] = original
        if params.get("message_thread_id") is not None:
            body["message_thread_id"] = params["message_thread_id"]
            body["is_topic_message"] = True
        if params.get("reply_markup") is not None:
            body["reply_markup"] = params["reply_markup"]
        self._messages[(chat_id, body["message_id"])] = body
        self.sent.append({**body, "html": params["text"], "params": params})
        return 200, {"result": body}

    def _api_editMessageText(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        chat_id, message_id = int(params["chat_id"]), int(params["message_id"])
        error = self._check_text(params)
        if error:
            return 400, {"description": f"Bad Request: {error}"}
        old = self._messages.get((chat_id, message_id))
        if old is None or old["from"]["id"] != BOT_ID:
            return 400, {"description": "Bad Request: message to edit not found"}
        text = visible_text(params["text"])
        markup = params.get("reply_markup")
        if old["text"] == text and old.get("reply_markup") == markup:
            return 400, {"description": "Bad Request: message is not modified"}
        new = {**old, "text": text, "edit_date": int(time.time())}
        new.pop("reply_markup", None)
        if markup is not None:
            new["reply_markup"] = markup
        self._messages[(chat_id, message_id)] = new
        self.edits.append({**new, "html": params["text"], "params": params})
        return 200, {"result": new}

    def _api_deleteMessage(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        key = (int(params["chat_id"]), int(params["message_id"]))
        if self._messages.pop(key, None) is None:
            return 400, {"description": "Bad Request: message to delete not found"}
        self.deleted.append(key)
        return 200, {"result": True}

    def _api_answerInlineQuery(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        for result in params["results"]:
            content = result.get("input_message_content", {})
            error = self._check_text({**content, "text": content.get("message_text", "")})
            if error:
                return 400, {"description": f"Bad Request: {error}"}
        self.inline_answers.append(params)
        return 200, {"result": True}

    def _api_answerCallbackQuery(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        self.callback_answers.append(params)
        return 200, {"result": True}

    def _check_text(self, params: dict[str, Any]) -> str | None:
        if params.get("parse_mode") != "HTML":
            self.problems.append(f"parse_mode {params.get('parse_mode')!r}, not HTML")
        preview = params.get("link_preview_options") or {}
        if not preview.get("is_disabled"):
            self.problems.append("link previews not disabled")
        error = telegram_html_error(str(params.get("text", "")))
        if error:
            self.problems.append(error)
        return error

    def _flooded(self, chat_id: int) -> bool:
        if chat_id not in self._limits:
            count, per = self.private_limit if chat_id > 0 else self.group_limit
            self._limits[chat_id] = ChatLimit(count, per)
        limit = self._limits[chat_id]
        now = time.monotonic()
        while limit.sent and limit.sent[0] <= now - limit.per:
            limit.sent.popleft()
        if len(limit.sent) >= limit.count:
            return True
        limit.sent.append(now)
        return False

    def _chat(self, chat_id: int) -> dict[str, Any]:
        for (cid, _), message in self._messages.items():
            if cid == chat_id:
                chat: dict[str, Any] = message["chat"]
                return chat
        return {
            "id": chat_id,
            "type": "private" if chat_id > 0 else "supergroup",
            "first_name": "x",
        }


def _json(status: int, payload: dict[str, Any]) -> web.Response:
    body = {"ok": status == 200, **payload}
    if status != 200:
        body["error_code"] = status
    return web.json_response(body, status=status)


def _json_args(body: bytes) -> dict[str, Any]:
    """A JSON body's parameters as the Bot API reads them: a string as its content, anything else
    as its JSON text (so `{"chat_id": 5}` and `{"chat_id": "5"}` are the same request)."""
    decoded = json.loads(body)
    if not isinstance(decoded, dict):
        return {}
    return {k: v if isinstance(v, str) else json.dumps(v) for k, v in decoded.items()}


def _params(form: dict[str, Any]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for key, value in form.items():
        if not isinstance(value, str):
            continue
        if key in _OBJECT_KEYS:
            params[key] = json.loads(value)
        elif key in _INT_KEYS and re.fullmatch(r"-?\d+", value):
            params[key] = int(value)
        elif value in {"true", "false"}:
            params[key] = value == "true"
        else:
            params[key] = value
    return params


def _entities(text: str) -> list[dict[str, Any]]:
    """Commands at the start and @mentions, with UTF-16 offsets, as Telegram marks them."""
    found = []
    command = re.match(r"/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?", text)
    if command:
        found.append({"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))})
    for match in re.finditer(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}", text):
        found.append(
            {
                "type": "mention",
                "offset": utf16_len(text[: match.start()]),
                "length": utf16_len(match.group(0)),
            }
        )
    return found


# -- running a python-telegram-bot Application against the server ------------------------------

try:  # the server itself works without python-telegram-bot
    from telegram.ext import Application, SimpleUpdateProcessor
except ImportError:  # pragma: no cover
    pass
else:

    class TrackingProcessor(SimpleUpdateProcessor):
        """Runs updates concurrently like PTB's default, and tells when each one is finished."""

        def __init__(self, max_concurrent_updates: int = 256) -> None:
            super().__init__(max_concurrent_updates)
            self.finished: set[int] = set()
            self._done = asyncio.Condition()

        async def do_process_update(self, update: object, coroutine: Any) -> None:
            try:
                await super().do_process_update(update, coroutine)
            finally:
                update_id = getattr(update, "update_id", None)
                if update_id is not None:
                    async with self._done:
                        self.finished.add(update_id)
                        self._done.notify_all()

        async def wait(self, *update_ids: int, seconds: float = 10.0) -> None:
            """Until every one of `update_ids` has been handled (handlers and error handler)."""
            async with self._done:
                await asyncio.wait_for(
                    self._done.wait_for(lambda: set(update_ids) <= self.finished), seconds
                )

    @asynccontextmanager
    async def run_application(
        application: Application[Any, Any, Any, Any, Any, Any],
        *,
        poll_timeout: float = 1.0,
    ) -> AsyncIterator[None]:
        """Start `application` as run_polling does (initialize, post_init, poll, start) and stop
        it the same way (updater, stop, post_stop, shutdown, post_shutdown), in a running loop."""
        await application.initialize()
        try:
            if application.post_init is not None:
                await application.post_init(application)
            assert application.updater is not None
            await application.updater.start_polling(
                poll_interval=0, timeout=dt.timedelta(seconds=poll_timeout)
            )
            await application.start()
            try:
                yield
            finally:
                if application.updater.running:
                    await application.updater.stop()
                if application.running:
                    await application.stop()
                    if application.post_stop is not None:
                        await application.post_stop(application)
        finally:
            await application.shutdown()
            if application.post_shutdown is not None:
                await application.post_shutdown(application)
