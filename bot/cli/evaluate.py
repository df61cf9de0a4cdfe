"""`kbot eval`: the bot measured on labelled sets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from bot.cli.option import engine_or_exit, knowledge_option, region_option
from bot.error import BotError
from bot.models import CONTINUED

T = TypeVar("T")


@click.group(name="eval")
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

    engine, _ = engine_or_exit(knowledge_dir)
    cases = _read(load_qa, file)
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

    engine, _ = engine_or_exit(knowledge_dir)
    cases = _read(load_cases, file)
    click.echo(format_report(run_safety(cases, engine.rules), failures=failures))


@evaluate.command(name="conversations")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@knowledge_option
@region_option
@click.option("--failures/--no-failures", default=True, help="List the messages left without help.")
def eval_conversations(
    file: Path, knowledge_dir: Path | None, region: str | None, failures: bool
) -> None:
    """Run a labelled conversation set as private chats; print how many later messages that still
    need help after a crisis or emergency reply got it, and what else was said.

    Example:

        kbot eval conversations evals/conversations.yaml
    """
    from bot.conversation_eval import evaluate as run_conversations
    from bot.conversation_eval import load_conversations

    engine, _ = engine_or_exit(knowledge_dir)
    conversations = _read(load_conversations, file)
    report = run_conversations(engine, conversations, region)
    needing, missed = report.needing, report.missed
    answered, asked = report.facts(after_urgent=True)
    calm_answered, calm_asked = report.facts(after_urgent=False)
    calm = [r for r in report.later if not r.turn.needs_help]
    withheld = ", ".join(sorted(report.withheld)) or "none"
    lines = [
        f"{len(conversations)} conversations, {len(report.later)} later messages",
        "",
        "After a crisis or emergency reply, messages that still need help:",
        f"  {len(needing) - len(missed)} of {len(needing)} got it "
        f"({_share(len(needing) - len(missed), len(needing))}); "
        f"{len(report.topic_lists)} got a list of topics",
        f"  factual questions answered: {answered} of {asked}",
        f"After a crisis reply, replies quoting a withheld topic or passage ({withheld}): "
        f"{len(report.withheld_quoted)}",
        f"Elsewhere, factual questions answered: {calm_answered} of {calm_asked}",
        f"Messages that did not need help but got it: {len(report.unasked_help)} of {len(calm)}",
    ]
    carried = report.after_redirect
    if carried:
        again = sum(r.reply.kind == "redirect" and r.reply.category in CONTINUED for r in carried)
        lists = sum(r.reply.kind == "no_answer" for r in carried)
        said = sum(r.reply.kind == "answer" for r in carried)
        chat = sum(r.reply.kind == "chat" for r in carried)
        lines.append(
            f"Right after a dosing, buying or mixing redirect, {len(carried)} messages: {again} "
            f"got the same no again, {said} an answer, {chat} a reply to thanks or an ok, "
            f"{lists} a list of topics"
        )
    if failures and missed:
        lines += ["", "Left without help:"]
        lines += [
            f"  {r.conversation} #{r.index}: {r.turn.text!r} ({r.reply.kind})" for r in missed
        ]
    click.echo("\n".join(lines))


def _read(load: Callable[[Path], T], file: Path) -> T:
    """A labelled set read by `load`, or a clear error naming the entry that is wrong."""
    try:
        return load(file)
    except BotError as exc:
        raise click.ClickException(str(exc)) from exc


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"
