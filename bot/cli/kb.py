"""`kbot kb`: the moderators' tools for the knowledge folder."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path

import click

from bot.cli.option import engine_or_exit, knowledge_option, settings_or_exit
from bot.error import BotError
from bot.knowledge import validate_dir
from bot.yamlfile import display_path


@click.group()
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
    folder = knowledge_dir or settings_or_exit().knowledge_dir
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
    engine, _ = engine_or_exit(knowledge_dir)
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
    """Retrain the learned safety backstop (safety-backstop.json in the knowledge folder).

    FILES are labelled sets: safety sets (`messages:` with `cat:`) and QA sets (`questions:`,
    all benign). Keep at least one blind set out of training to measure on. Needs scikit-learn
    (installed by `make test`). `make backstop` runs this with the project's training sets.

    Example:

        kbot kb train-backstop evals/safety.yaml evals/qa.yaml
    """
    from bot import backstop, safety_eval

    folder = knowledge_dir or settings_or_exit().knowledge_dir
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

    settings = settings_or_exit()
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

    folder = knowledge_dir or settings_or_exit().knowledge_dir
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
