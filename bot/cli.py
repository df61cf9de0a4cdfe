"""The `kbot` command line: a thin layer over bot.core. Domain errors become ClickException here."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import click

from bot import __version__
from bot.config import REGION_NAMES, Settings
from bot.core import Engine
from bot.error import BotError, ConfigError, KnowledgeError
from bot.knowledge import Knowledge, load_dir, validate_dir
from bot.models import Context, Reply
from bot.render import to_html, to_text
from bot.yamlfile import display_path

KNOWLEDGE_HELP = "Knowledge folder (default: $KBOT_KNOWLEDGE_DIR, else the shipped knowledge/)."
region_option = click.option(
    "--region",
    type=click.Choice(REGION_NAMES, case_sensitive=False),
    default=None,
    help="Country for support resources (default: $KBOT_DEFAULT_REGION, else international).",
)
knowledge_option = click.option(
    "--knowledge",
    "knowledge_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=KNOWLEDGE_HELP,
)


def _settings() -> Settings:
    try:
        return Settings.load()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc


def _engine(knowledge_dir: Path | None) -> tuple[Engine, Settings]:
    settings = _settings()
    try:
        return Engine(load_dir(knowledge_dir or settings.knowledge_dir)), settings
    except KnowledgeError as exc:
        details = "\n".join(str(p) for p in exc.problems if p.severity == "error")
        raise click.ClickException(f"the knowledge folder has errors:\n{details}") from exc


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
    context.invoke(run if _settings().token else chat)


@cli.command()
@click.option("--webhook", is_flag=True, help="Serve a webhook instead of polling.")
def run(webhook: bool) -> None:
    """Run the Telegram bot (needs TELEGRAM_BOT_TOKEN); polls unless --webhook is given.

    Example:

        TELEGRAM_BOT_TOKEN=123456:ABC... kbot run
    """
    settings = _settings()
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
    engine, settings = _engine(knowledge_dir)
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
    engine, settings = _engine(knowledge_dir)
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


@cli.group()
def kb() -> None:
    """Moderators' tools for the knowledge folder.

    Example:

        kbot kb validate
    """


@kb.command()
@knowledge_option
def validate(knowledge_dir: Path | None) -> None:
    """Check every knowledge file; print problems as file:line: entry-id: message.

    Exits 0 when valid (warnings allowed), 1 when there is any error.

    Example:

        kbot kb validate --knowledge knowledge/
    """
    folder = knowledge_dir or _settings().knowledge_dir
    knowledge, problems = validate_dir(folder)
    for problem in problems:
        click.echo(str(problem), err=problem.severity == "error")
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if knowledge is None:
        click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
        sys.exit(1)
    click.echo(
        f"ok: {len(knowledge.passages)} passages, {len(knowledge.sources)} sources, "
        f"{len(knowledge.topics)} topics, {warnings} warning(s)"
    )


@kb.command()
@knowledge_option
def stats(knowledge_dir: Path | None) -> None:
    """Count passages by topic, by source and by age of review.

    Example:

        kbot kb stats
    """
    engine, _ = _engine(knowledge_dir)
    knowledge = engine.knowledge
    today = dt.date.today()
    click.echo(f"{len(knowledge.passages)} passages, {len(knowledge.sources)} sources\n")
    click.echo("By topic:")
    by_topic = Counter(p.topic for p in knowledge.passages)
    for topic in knowledge.topics:
        click.echo(f"  {by_topic.get(topic.id, 0):4d}  {topic.id}")
    click.echo("\nBy source:")
    for source_id, count in Counter(p.source for p in knowledge.passages).most_common():
        click.echo(f"  {count:4d}  {source_id}")
    unused = sorted(set(knowledge.sources) - {p.source for p in knowledge.passages})
    if unused:
        click.echo(f"  unused sources: {', '.join(unused)}")
    click.echo("\nBy age of review:")
    ages = Counter(_age_bucket((today - p.reviewed).days) for p in knowledge.passages)
    for bucket in ("under 3 months", "3-12 months", "over 12 months"):
        click.echo(f"  {ages.get(bucket, 0):4d}  {bucket}")


@kb.command(name="train-backstop")
@knowledge_option
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
def train_backstop(knowledge_dir: Path | None, files: tuple[Path, ...]) -> None:
    """Retrain the safety backstop (safety-backstop.json in the knowledge folder).

    FILES are labelled sets: safety sets (`messages:` with `cat:`) and QA sets (`questions:`,
    all benign). Keep at least one blind set out of training to measure on. Needs scikit-learn
    (installed by `make test`). `make backstop` runs this with the project's training sets.

    Example:

        kbot kb train-backstop evals/safety.yaml evals/qa.yaml
    """
    from bot import backstop, safety_eval

    folder = knowledge_dir or _settings().knowledge_dir
    try:
        examples = safety_eval.training_examples(files)
        model = backstop.train(examples, trained_on=[f.name for f in files])
    except ImportError as exc:
        hint = "pip install -e '.[dev]'"
        raise click.ClickException(f"training needs scikit-learn ({exc}): {hint}") from exc
    except BotError as exc:
        raise click.ClickException(str(exc)) from exc
    out = folder / backstop.BACKSTOP_FILE
    out.write_text(backstop.dump_backstop(model), encoding="utf-8")
    counts = Counter(label for _, label in examples)
    summary = ", ".join(f"{label} {n}" for label, n in sorted(counts.items()))
    shown = display_path(out)
    click.echo(f"wrote {shown}: {len(model.vocabulary)} features from {len(examples)} messages")
    click.echo(f"  ({summary})")


def _age_bucket(days: int) -> str:
    if days < 91:
        return "under 3 months"
    return "3-12 months" if days <= 365 else "over 12 months"


@kb.command()
@click.option("--limit", default=50, show_default=True, help="How many questions to show.")
def gaps(limit: int) -> None:
    """Print the gap queue: questions with no sourced answer, anonymised, most frequent first.

    Columns: count, first seen, last seen, question. Entries unseen for 90 days are deleted.

    Example:

        kbot kb gaps --limit 20
    """
    from bot.gap import GapQueue
    from bot.store import DB_FILE, Database

    settings = _settings()
    if not (settings.data_dir / DB_FILE).is_file():
        click.echo(f"no unanswered questions yet (nothing in {settings.data_dir})")
        return
    try:
        queue = GapQueue(Database.open(settings.data_dir))
        queue.prune()
        rows = queue.top(limit)
    except BotError as exc:
        raise click.ClickException(str(exc)) from exc
    if not rows:
        click.echo("no unanswered questions in the last 90 days")
    for gap in rows:
        click.echo(f"{gap.count:5d}  {gap.first_seen}  {gap.last_seen}  {gap.text}")


@kb.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--source", "source_id", required=True, help="The article's id in sources.yaml.")
@click.option("--topic", default="todo", show_default=True, help="Topic id for every draft.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Draft file to write (default: FILE's name + .draft.yaml, here). Never in knowledge/.",
)
@click.option("--force", is_flag=True, help="Overwrite the draft file if it exists.")
@knowledge_option
def import_article(
    file: Path,
    source_id: str,
    topic: str,
    output: Path | None,
    force: bool,
    knowledge_dir: Path | None,
) -> None:
    """Turn a plain-text or Markdown article into draft passages (YAML) for a person to review.

    Splits at paragraph and sentence boundaries, makes ids, flags dose amounts. The live
    knowledge is not touched: review the draft, then move passages into knowledge/ by hand.

    Example:

        kbot kb import article.md --source fda-spravato-2019 -o drafts/spravato.yaml
    """
    from bot.importer import write_draft

    folder = knowledge_dir or _settings().knowledge_dir
    try:
        draft = write_draft(
            file, source_id, knowledge_dir=folder, output=output, topic=topic, force=force
        )
    except BotError as exc:
        raise click.ClickException(str(exc)) from exc
    doses = sum(d.dose is not None for d in draft.drafts)
    long = sum(d.too_long for d in draft.drafts)
    click.echo(
        f"wrote {len(draft.drafts)} draft passage(s) to {draft.path}: "
        f"{doses} with a dose amount, {long} too long (flagged in the file)"
    )
    if draft.unknown_source:
        click.echo(f"note: {source_id} is not in sources.yaml yet; add it before publishing")


@cli.group(name="eval")
def evaluate() -> None:
    """Measure the bot on labelled sets.

    Example:

        kbot eval qa evals/qa.yaml
    """


@evaluate.command(name="qa")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@knowledge_option
@click.option("--failures/--no-failures", default=True, help="List the questions that failed.")
def eval_qa(file: Path, knowledge_dir: Path | None, failures: bool) -> None:
    """Run a labelled question set; print pass rate, recall@3 and MRR, by topic and style.

    Example:

        kbot eval qa evals/qa.yaml
    """
    from bot.evaluation import load_qa, run_qa, summarize

    engine, _ = _engine(knowledge_dir)
    try:
        cases = load_qa(file)
    except BotError as exc:
        raise click.ClickException(str(exc)) from exc
    summary = summarize(run_qa(engine, cases))
    click.echo(
        f"{summary['questions']} questions: pass rate {summary['pass_rate']:.1%}, "
        f"recall@3 {summary['recall_at_3']:.1%}, MRR {summary['mrr']:.3f}"
    )
    for title, key in (("By topic", "by_topic"), ("By style", "by_style")):
        click.echo(f"\n{title}:")
        for name, (rate, count) in summary[key].items():
            click.echo(f"  {rate:6.1%}  {count:3d}  {name}")
    if failures and summary["failures"]:
        click.echo("\nFailures:")
        for r in summary["failures"]:
            expected = ", ".join(r.case.expect) or "no answer"
            got = r.quoted[0] if r.quoted else r.kind
            click.echo(
                f"  [{r.case.topic}/{r.case.style}] {r.case.question!r}: want {expected}; got {got}"
            )


@evaluate.command(name="safety")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@knowledge_option
@click.option("--failures/--no-failures", default=True, help="List the messages that failed.")
def eval_safety(file: Path, knowledge_dir: Path | None, failures: bool) -> None:
    """Run a labelled safety set; print precision and recall by category, the benign
    false-redirect rate and a confusion matrix.

    Example:

        kbot eval safety evals/safety.yaml
    """
    from bot.safety_eval import evaluate as run_safety
    from bot.safety_eval import format_report, load_cases

    engine, _ = _engine(knowledge_dir)
    try:
        cases = load_cases(file)
    except BotError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(format_report(run_safety(cases, engine.rules), failures=failures))


def main() -> None:
    cli()
