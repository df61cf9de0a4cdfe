"""The `kbot` command line: a thin layer over bot.core. Domain errors become ClickException here.

This module has the top-level commands (start, run, chat, ask); `kbot kb` is in bot/cli/kb.py,
`kbot eval` in bot/cli/evaluate.py, shared options in bot/cli/option.py. Only this package
imports click.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import click

from bot import __version__
from bot.cli.evaluate import evaluate
from bot.cli.kb import kb
from bot.cli.option import engine_or_exit, knowledge_option, region_option, settings_or_exit
from bot.config import REGION_NAMES
from bot.core import Engine
from bot.error import BotError
from bot.knowledge import Knowledge
from bot.models import Context, Reply
from bot.render import to_html, to_text


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kbot")
def cli() -> None:
    """kbot answers questions about ketamine with quoted, sourced passages.

    It gives general information, not medical advice, and never advice on doses or buying.

    Example:

        kbot ask "is ketamine legal in the UK?"
    """


@cli.command()
def start() -> None:
    """Start the bot: Telegram if TELEGRAM_BOT_TOKEN is set (environment or .env), else the chat.

    Example:

        kbot start
    """
    context = click.get_current_context()
    context.invoke(run if settings_or_exit().token else chat)


@cli.command()
@click.option("--webhook", is_flag=True, help="Serve a webhook instead of polling.")
def run(webhook: bool) -> None:
    """Run the Telegram bot (needs TELEGRAM_BOT_TOKEN); polls unless --webhook is given.

    Example:

        TELEGRAM_BOT_TOKEN=123456:ABC... kbot run
    """
    settings = settings_or_exit()
    if not settings.token:
        raise click.ClickException("TELEGRAM_BOT_TOKEN is not set (environment or .env)")
    from bot.telegram_app import run_bot  # only here: `kbot chat` never loads telegram

    try:
        run_bot(settings, webhook=webhook)
    except BotError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command()
@knowledge_option
@region_option
def chat(knowledge_dir: Path | None, region: str | None) -> None:
    """Chat in the terminal. Reads questions from standard input when it is piped.

    Type /help for commands, /quit (or Ctrl-D) to leave.

    Example:

        echo "what is esketamine" | kbot chat
    """
    engine, settings = engine_or_exit(knowledge_dir)
    region = region or settings.default_region
    interactive = sys.stdin.isatty()
    if interactive:
        click.echo(
            "kbot: ask about ketamine; answers are quoted from sources. "
            "General information, not medical advice.\n"
            "Type /help for commands, /quit to leave.\n"
        )
    context: Context | None = None
    for line in _lines(interactive):
        text = line.strip()
        if not text:
            continue
        if text in {"/quit", "/exit", "/q"}:
            break
        if text == "/help":
            click.echo(_CHAT_HELP)
            continue
        if text == "/start":
            text = "hi"  # (Telegram's first message): the greeting, with what can be asked
        elif text.startswith("/") and not text.startswith("/region") and text != "/sources":
            click.echo(f"I don't know the command {text.split()[0]}.\n{_CHAT_HELP}")
            continue
        if text.startswith("/region"):
            choice = text.removeprefix("/region").strip().lower()
            if choice in REGION_NAMES:
                region = choice
                click.echo(f"Support resources will be for: {region}\n")
            else:
                click.echo(f"Choose one of: {', '.join(REGION_NAMES)}\n")
            continue
        if text == "/sources":
            click.echo(_sources_text(engine.knowledge) + "\n")
            continue
        reply = engine.answer(text, context=context, region=region)
        context = reply.context
        click.echo(to_text(reply) + "\n")


_CHAT_HELP = """Commands:
  /region XX  support resources for a country (us, uk, au, ca, nz, ie, eu, intl)
  /sources    the sources the answers quote
  /quit       leave (Ctrl-D works too)
Anything else is a question.
"""


def _lines(interactive: bool) -> Iterator[str]:
    if not interactive:
        yield from sys.stdin
        return
    while True:
        try:
            yield input("you> ")
        except (EOFError, KeyboardInterrupt):
            click.echo()
            return


def _sources_text(knowledge: Knowledge) -> str:
    return "\n".join(
        f"• {s.title}. {s.publisher}, {s.date}." + (f" {s.url}" if s.url else "")
        for s in sorted(knowledge.sources.values(), key=lambda s: s.title.casefold())
    )


def reply_json(reply: Reply, question: str, chat_id: str | None, ms: float) -> dict[str, Any]:
    """The stable JSON contract of `kbot ask --json/--jsonl`."""
    return {
        "chat_id": chat_id,
        "question": question,
        "kind": reply.kind,
        "category": reply.category,
        "support": reply.support,
        "text": to_text(reply),
        "html": to_html(reply),
        "quotes": [
            {
                "passage_id": q.passage_id,
                "text": q.text,
                "score": q.score,
                "source": {
                    "id": q.source.id,
                    "title": q.source.title,
                    "publisher": q.source.publisher,
                    "date": q.source.date,
                    "url": q.source.url,
                },
            }
            for q in reply.quotes
        ],
        "resources": [
            {"name": r.name, "contact": r.contact, "url": r.url} for r in reply.resources
        ],
        "ms": round(ms, 3),
    }


@cli.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option(
    "--jsonl",
    is_flag=True,
    help='Read standard input, one message per line (text or {"chat_id": ..., "text": ...}); '
    "write one JSON object per line. Lines with the same chat_id are one conversation.",
)
@knowledge_option
@region_option
def ask(
    question: str | None,
    as_json: bool,
    jsonl: bool,
    knowledge_dir: Path | None,
    region: str | None,
) -> None:
    """Answer one question and print the reply.

    Example:

        kbot ask "does ketamine damage the bladder?"
        kbot ask --json "what is esketamine"
        printf '%s\\n' "is ketamine legal in the uk" "and in australia?" | kbot ask --jsonl
    """
    if jsonl == (question is not None):
        raise click.UsageError("give a QUESTION, or --jsonl with messages on standard input")
    engine, settings = engine_or_exit(knowledge_dir)
    region = region or settings.default_region
    if jsonl:
        _ask_jsonl(engine, region, sys.stdin, sys.stdout)
        return
    assert question is not None
    started = time.perf_counter()
    reply = engine.answer(question, region=region)
    ms = (time.perf_counter() - started) * 1000
    if as_json:
        click.echo(json.dumps(reply_json(reply, question, None, ms), ensure_ascii=False))
    else:
        click.echo(to_text(reply))


def _ask_jsonl(engine: Engine, region: str | None, lines: TextIO, out: TextIO) -> None:
    contexts: dict[str | None, Context | None] = {}
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        chat_id, text = None, line
        if line.startswith("{"):
            try:
                message = json.loads(line)
            except json.JSONDecodeError:
                message = None
            if isinstance(message, dict) and isinstance(message.get("text"), str):
                text = message["text"]
                chat_id = None if message.get("chat_id") is None else str(message["chat_id"])
            elif message is not None:
                click.echo(f'line {number}: expected an object with a "text" string', err=True)
                continue
        started = time.perf_counter()
        reply = engine.answer(text, context=contexts.get(chat_id), region=region)
        ms = (time.perf_counter() - started) * 1000
        contexts[chat_id] = reply.context
        out.write(json.dumps(reply_json(reply, text, chat_id, ms), ensure_ascii=False) + "\n")
        out.flush()


cli.add_command(kb)
cli.add_command(evaluate)


def main() -> None:
    cli()
