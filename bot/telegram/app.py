"""The composition root: one Application, its handlers in priority order, its start and stop.

`build_application(settings, engine)` wires everything; `run_bot(settings, webhook=...)` is what
`kbot run` calls. Handlers are thin: they read `context.bot_data` (a typed BotData) and call the
same Engine.answer as the terminal chat. Stores open in post_init and close in post_shutdown; a
global error handler logs first, then answers briefly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Sequence
from html import escape
from typing import Any
from urllib.parse import urlsplit

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.config import Settings
from bot.core import Engine
from bot.error import BotError, ConfigError
from bot.knowledge import load_dir
from bot.telegram import admin, group, inline, private, texts
from bot.telegram.data import CONTEXT_TYPES, App, BotData, Ctx
from bot.telegram.redaction import redact_logs
from bot.telegram.request import AiohttpRequest
from bot.telegram.send import deliver

log = logging.getLogger(__name__)

# python-telegram-bot 22 warns on every 429 (RetryAfter reads its own deprecated int attribute)
# unless durations are opted into its future type, timedelta. kbot reads no such attribute.
os.environ.setdefault("PTB_TIMEDELTA", "true")

ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.INLINE_QUERY,
    Update.CALLBACK_QUERY,
]
RATE_LIMIT_RETRIES = 3  # a 429 is waited out (retry_after) this many times before giving up
# HTTP connections for everything but getUpdates (which has its own: one long poll at a time);
# requests beyond them wait their turn in bot.telegram.request.AiohttpRequest, before sending.
CONNECTION_POOL = 32
READ_TIMEOUT = 5.0  # seconds for a reply to a request (getUpdates: on top of its long poll)
ADMIN_COMMANDS = ["reload", "stats", "gaps"]

PRIVATE_MENU = [
    BotCommand("start", "What I can and cannot do"),
    BotCommand("help", "How to ask"),
    BotCommand("sources", "The sources my answers quote"),
    BotCommand("privacy", "What I keep, and for how long"),
    BotCommand("region", "Your country, for support options"),
    BotCommand("about", "About kbot"),
]
GROUP_MENU = [
    BotCommand("ask", "Ask a question about ketamine"),
    BotCommand("help", "How to ask me here"),
    BotCommand("privacy", "What I keep, and for how long"),
]
ADMIN_MENU = [
    *PRIVATE_MENU,
    BotCommand("reload", "Validate and reload the knowledge"),
    BotCommand("stats", "Counts since start"),
    BotCommand("gaps", "Most frequent unanswered questions"),
]


def build_application(
    settings: Settings,
    engine: Engine,
    *,
    watch: bool = True,
    update_processor: BaseUpdateProcessor | None = None,
    read_timeout: float | None = None,
) -> App:
    """The Application for `settings`, answering with `engine` (swapped on /reload).

    `update_processor` and `read_timeout` exist for tests and benchmarks.
    """
    if not settings.token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set (environment or .env)")
    timeout = READ_TIMEOUT if read_timeout is None else read_timeout
    requests = AiohttpRequest(CONNECTION_POOL, read_timeout=timeout)
    polls = AiohttpRequest(1, read_timeout=timeout)  # getUpdates: one long poll at a time
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .context_types(CONTEXT_TYPES)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=settings.overall_rate,  # 0: none; per-group limits always kept
                overall_time_period=1,
                max_retries=RATE_LIMIT_RETRIES,
            )
        )
        .request(requests)
        .get_updates_request(polls)
        .concurrent_updates(update_processor if update_processor is not None else True)
        .job_queue(None)
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
    )
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
    application: App = builder.build()
    application.bot_data.configure(settings, engine, watch=watch, requests=(requests, polls))
    _add_handlers(application, settings)
    return application


def _add_handlers(application: App, settings: Settings) -> None:
    new = filters.UpdateType.MESSAGE
    private_chat = filters.ChatType.PRIVATE
    admins = filters.User(user_id=settings.admin_ids)
    text = filters.TEXT | filters.CAPTION
    # order matters: the first handler whose filters match an update is the only one to run.
    handlers: list[Any] = [
        # An edit is never a new question, whatever it contains.
        MessageHandler(filters.UpdateType.EDITED_MESSAGE, group.edited),
        # Moderators, then everyone else trying their commands: refused without a word.
        CommandHandler("reload", admin.reload_command, filters=new & private_chat & admins),
        CommandHandler("stats", admin.stats_command, filters=new & private_chat & admins),
        CommandHandler("gaps", admin.gaps_command, filters=new & private_chat & admins),
        CommandHandler(ADMIN_COMMANDS, admin.refuse),
        CommandHandler("start", private.start, filters=new),
        CommandHandler("help", private.help_command, filters=new),
        CommandHandler("sources", private.sources, filters=new),
        CommandHandler("privacy", private.privacy, filters=new),
        CommandHandler("region", private.region, filters=new),
        CommandHandler("about", private.about, filters=new),
        CommandHandler("ask", group.ask, filters=new),
        CallbackQueryHandler(private.region_chosen, pattern=f"^{private.REGION_DATA}"),
        InlineQueryHandler(inline.inline_query),
        MessageHandler(new & private_chat & text & ~filters.COMMAND, private.question),
        MessageHandler(
            new & filters.ChatType.GROUPS & text & ~filters.COMMAND, group.group_message
        ),
        MessageHandler(new & private_chat & filters.COMMAND, private.unknown_command),
        MessageHandler(new & private_chat & ~filters.StatusUpdate.ALL, private.not_text),
    ]
    application.add_handlers(handlers)
    application.add_error_handler(on_error)


async def post_init(application: App) -> None:
    """Open the stores, publish the command menus, start watching the knowledge folder."""
    data = application.bot_data
    await asyncio.to_thread(data.open_stores)
    await _set_commands(application, data)
    if data.watch:
        data.watcher_stop.clear()
        data.watcher = asyncio.create_task(
            admin.watch_knowledge(application.bot, data), name="kbot:watch-knowledge"
        )
    log.info("kbot is up: %d passages", len(data.engine.knowledge.passages))


async def post_stop(application: App) -> None:
    """Stop watching the knowledge folder while the bot can still tell moderators about a reload."""
    data = application.bot_data
    if data.watcher is not None:
        data.watcher_stop.set()
        with contextlib.suppress(asyncio.CancelledError, asyncio.TimeoutError):
            await asyncio.wait_for(data.watcher, timeout=5)
        data.watcher = None


async def post_shutdown(application: App) -> None:
    """Close the stores and HTTP sessions (also after a failed start, when post_stop never ran
    and python-telegram-bot does not shut the bot down)."""
    await post_stop(application)
    application.bot_data.close_stores()
    for request in application.bot_data.requests:
        await request.shutdown()
    log.info("kbot stopped")


async def _set_commands(application: App, data: BotData) -> None:
    bot = application.bot
    try:
        await bot.set_my_commands(PRIVATE_MENU, scope=BotCommandScopeAllPrivateChats())
        await bot.set_my_commands(GROUP_MENU, scope=BotCommandScopeAllGroupChats())
    except TelegramError as exc:
        log.warning("could not publish the command menus: %s", type(exc).__name__)
    for admin_id in sorted(data.settings.admin_ids):
        try:
            await bot.set_my_commands(ADMIN_MENU, scope=BotCommandScopeChat(admin_id))
        except TelegramError as exc:  # usually: this moderator has not started the bot yet
            log.warning("could not publish a moderator's command menu: %s", type(exc).__name__)


async def on_error(update: object, context: Ctx) -> None:
    """Log first (type and traceback, never the update's content), then answer briefly."""
    error = context.error
    context.bot_data.stats.errors += 1
    log.error("handling an update failed: %s", type(error).__name__, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(error, Forbidden | TimedOut | RetryAfter):
        return  # blocked, maybe delivered, or flooding: a further message would not help
    message = update.effective_message
    chat = update.effective_chat
    asked = message is not None and (message.text or "").startswith("/ask")
    if chat.type != ChatType.PRIVATE and not asked:
        return
    try:
        await deliver(
            context.bot,
            chat.id,
            escape(texts.ERROR),
            reply_to=message.message_id if message is not None and asked else None,
        )
    except TelegramError as exc:
        log.warning("could not send the error notice: %s", type(exc).__name__)


def configure_logging(level: str, secrets: Sequence[str] = ()) -> None:
    """Our level for kbot; never below INFO for libraries that log request contents; `secrets`
    (the bot token) redacted from every record, whatever logs it (bot/telegram/redaction.py)."""
    redact_logs(secrets)
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=level)
    # HTTP clients may log request URLs, and the URL contains the bot token.
    for name in ("aiohttp", "httpx", "httpcore", "watchfiles"):
        logging.getLogger(name).setLevel(logging.WARNING)
    # python-telegram-bot logs request parameters (message text, chat ids) at DEBUG.
    logging.getLogger("telegram").setLevel(max(logging.INFO, logging.getLevelName(level)))


def _use_uvloop() -> None:
    """Run on uvloop where it is installed (Linux, macOS): the bot is CPU-bound in the event
    loop and HTTP under a burst, and uvloop's loop is faster; otherwise asyncio's own loop."""
    try:
        import uvloop
    except ImportError:
        return
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())


def run_bot(settings: Settings, *, webhook: bool = False) -> None:
    """`kbot run`: poll (or serve a webhook) until SIGINT/SIGTERM, then shut down cleanly."""
    if webhook and not (settings.webhook_url and settings.webhook_secret):
        raise ConfigError("kbot run --webhook needs KBOT_WEBHOOK_URL and KBOT_WEBHOOK_SECRET")
    engine = Engine(load_dir(settings.knowledge_dir))
    configure_logging(settings.log_level, [settings.token] if settings.token else [])
    _use_uvloop()
    application = build_application(settings, engine)
    try:
        if webhook:
            assert settings.webhook_url is not None
            application.run_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=urlsplit(settings.webhook_url).path.lstrip("/"),
                webhook_url=settings.webhook_url,
                secret_token=settings.webhook_secret,
                allowed_updates=ALLOWED_UPDATES,
            )
        else:
            application.run_polling(allowed_updates=ALLOWED_UPDATES)
    except InvalidToken:
        raise ConfigError(
            "Telegram did not accept TELEGRAM_BOT_TOKEN; check it with @BotFather"
        ) from None
    except (BadRequest, NetworkError) as exc:
        raise BotError(
            f"could not start the Telegram bot: {type(exc).__name__}: {exc.message}"
        ) from None
