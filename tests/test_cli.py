"""The command line: help on every command, the JSON contract, chat over a pipe, kb tools."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from bot.cli import cli

CONTRACT = {
    "chat_id",
    "question",
    "kind",
    "category",
    "support",
    "text",
    "html",
    "quotes",
    "resources",
    "ms",
}


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found.extend(_commands(command, (*prefix, name)))
    return found


@pytest.mark.parametrize("path", _commands(cli), ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_ask_prints_the_plain_text_reply(tiny_kb_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["ask", "--knowledge", str(tiny_kb_dir), "what is spravato"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("“Esketamine (Spravato) is a nasal spray")
    assert result.output.rstrip().endswith("General information, not medical advice.")


def test_ask_json_follows_the_contract(tiny_kb_dir: Path) -> None:
    result = CliRunner().invoke(
        cli, ["ask", "--json", "--knowledge", str(tiny_kb_dir), "does ketamine hurt the bladder"]
    )
    data = json.loads(result.output)
    assert set(data) == CONTRACT
    assert data["kind"] == "answer"
    assert data["category"] is None
    assert data["support"] is None
    assert data["resources"] == []
    quote = data["quotes"][0]
    assert quote["passage_id"] == "bladder-damage"
    assert set(quote) == {"passage_id", "text", "score", "source"}
    assert quote["source"] == {
        "id": "bladder-review",
        "title": "What urologists need to know about ketamine-induced uropathy",
        "publisher": "Neurourology and Urodynamics",
        "date": "2020-04",
        "url": "https://www.pubmed.gov/32212278/",
    }
    assert data["html"].startswith("<blockquote>")
    assert data["ms"] >= 0


def test_jsonl_round_trip_keeps_conversations_apart(tiny_kb_dir: Path) -> None:
    lines: list[object] = [
        {"chat_id": "a", "text": "is ketamine legal in the uk"},
        {"chat_id": "b", "text": "what is spravato"},
        {"chat_id": "a", "text": "and in australia?"},
        "what's the weather",
        "{not json",
        {"chat_id": 7, "text": "ketamine bladder"},
    ]
    stdin = "\n".join(json.dumps(x) if isinstance(x, dict) else str(x) for x in lines) + "\n\n"
    result = CliRunner().invoke(
        cli, ["ask", "--jsonl", "--knowledge", str(tiny_kb_dir)], input=stdin
    )
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["chat_id"] for o in out] == ["a", "b", "a", None, None, "7"]
    assert all(set(o) == CONTRACT for o in out)
    assert out[2]["question"] == "and in australia?"
    assert out[2]["quotes"][0]["passage_id"] == "au-schedule-8"
    assert out[3]["kind"] == "no_answer"
    assert out[4]["question"] == "{not json"


def test_jsonl_conversations_keep_a_crisis_reply_in_view() -> None:
    """With the shipped knowledge: in chat a, "yeah" after a crisis reply gets the help again; in
    chat b, the same word gets the honest no-answer."""
    lines = [
        {"chat_id": "a", "text": "i want to die"},
        {"chat_id": "b", "text": "yeah"},
        {"chat_id": "a", "text": "yeah"},
        {"chat_id": "a", "text": "what is spravato"},
    ]
    stdin = "\n".join(json.dumps(x) for x in lines) + "\n"
    result = CliRunner().invoke(cli, ["ask", "--jsonl", "--region", "uk"], input=stdin)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [(o["kind"], o["category"], o["support"]) for o in out] == [
        ("redirect", "crisis", None),
        ("no_answer", None, None),
        ("redirect", "crisis", None),
        ("answer", None, "crisis"),
    ]
    assert out[2]["text"].startswith("I'm still here")
    assert "Samaritans" in [r["name"] for r in out[2]["resources"]]


def test_thanks_in_json_is_a_chat_reply(tiny_kb_dir: Path) -> None:
    result = CliRunner().invoke(
        cli, ["ask", "--json", "--knowledge", str(tiny_kb_dir), "thanks, really helpful 🙏"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert set(out) == CONTRACT
    assert (out["kind"], out["category"], out["quotes"]) == ("chat", None, [])
    assert out["text"].startswith("You're welcome.")


def test_a_death_told_in_json_is_a_chat_reply_with_the_crisis_lines() -> None:
    """With the shipped knowledge: the support text alone, its resources, no quotes."""
    result = CliRunner().invoke(cli, ["ask", "--json", "--region", "uk", "my dad died"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert set(out) == CONTRACT
    assert (out["kind"], out["category"], out["support"], out["quotes"]) == (
        "chat",
        None,
        "crisis",
        [],
    )
    assert out["text"].startswith("I'm so sorry.")
    assert "Samaritans" in [r["name"] for r in out["resources"]]


def test_ask_needs_a_question_or_jsonl(tiny_kb_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["ask", "--knowledge", str(tiny_kb_dir)])
    assert result.exit_code == 2
    assert "give a QUESTION, or --jsonl" in result.output


def test_chat_over_a_pipe_answers_each_line_and_ends_at_eof(tiny_kb_dir: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["chat", "--knowledge", str(tiny_kb_dir)],
        input="is ketamine legal in the uk\nand in australia?\n\n/region au\n",
    )
    assert result.exit_code == 0, result.output
    assert "Class B" in result.output
    assert "Schedule 8" in result.output
    assert "Support resources will be for: au" in result.output


def test_chat_commands_from_telegram_are_understood(tiny_kb_dir: Path) -> None:
    """From a third blind review: "/start" (what Telegram sends first) had the honest no; it is
    the greeting. An unknown command says so and lists the commands, not searched."""
    result = CliRunner().invoke(
        cli, ["chat", "--knowledge", str(tiny_kb_dir)], input="/start\n/dose 50mg\n"
    )
    assert result.exit_code == 0, result.output
    assert "I don't have a sourced answer" not in result.output
    assert result.output.startswith("Hi! I answer questions about ketamine")
    assert "I don't know the command /dose." in result.output
    assert "/sources    the sources the answers quote" in result.output


def test_start_without_a_token_is_the_chat(
    tiny_kb_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KBOT_KNOWLEDGE_DIR", str(tiny_kb_dir))
    result = CliRunner().invoke(cli, ["start"], input="what is spravato\n")
    assert result.exit_code == 0, result.output
    assert "Esketamine (Spravato)" in result.output


def test_knowledge_dir_comes_from_the_environment(
    tiny_kb_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KBOT_KNOWLEDGE_DIR", str(tiny_kb_dir))
    result = CliRunner().invoke(cli, ["kb", "validate"])
    assert result.exit_code == 0
    assert result.output.startswith("ok: 5 passages, 5 sources, 4 topics")


def test_validate_reports_errors_and_exits_1(tiny_kb_dir: Path) -> None:
    (tiny_kb_dir / "broken.yaml").write_text(
        "passages:\n  - id: Bad Id\n    topic: law\n    text: t\n    source: x\n    reviewed: 2026-01-01\n"
    )
    result = CliRunner().invoke(cli, ["kb", "validate", "--knowledge", str(tiny_kb_dir)])
    assert result.exit_code == 1
    assert "broken.yaml:2: Bad Id: `id` 'Bad Id' must be a slug" in result.output
    assert "broken.yaml:2: Bad Id: unknown source 'x'" in result.output


def test_a_broken_knowledge_folder_is_a_clear_error_not_a_traceback(tiny_kb_dir: Path) -> None:
    (tiny_kb_dir / "law.yaml").write_text("passages: [\n")
    result = CliRunner().invoke(cli, ["ask", "--knowledge", str(tiny_kb_dir), "hi"])
    assert result.exit_code == 1
    assert "Error: the knowledge folder has errors:" in result.output
    assert "law.yaml:" in result.output
    assert "Traceback" not in result.output


def test_stats_counts_by_topic_source_and_age(tiny_kb_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["kb", "stats", "--knowledge", str(tiny_kb_dir)])
    assert result.exit_code == 0
    assert "5 passages, 5 sources" in result.output
    assert "     2  law" in result.output
    assert "     1  bladder-review" in result.output
    assert "By age of review:" in result.output


def test_eval_qa_prints_pass_rate_recall_and_mrr(tiny_kb_dir: Path, tmp_path: Path) -> None:
    qa = tmp_path / "qa.yaml"
    qa.write_text(
        "questions:\n"
        "  - {q: is ketamine legal in the uk, expect: [uk-class-b], topic: law, style: full}\n"
        "  - {q: and in australia, follow_up: true, expect: [au-schedule-8], topic: law, style: follow-up}\n"
        "  - {q: what's the weather, expect: [], topic: off-topic, style: unanswerable}\n"
        "  - {q: ketamine bladder, expect: [spravato-approval], topic: harms, style: terse}\n"
    )
    result = CliRunner().invoke(cli, ["eval", "qa", str(qa), "--knowledge", str(tiny_kb_dir)])
    assert result.exit_code == 0, result.output
    assert "4 questions: pass rate 75.0%, recall@3 66.7%, MRR 0.667" in result.output
    assert "want spravato-approval; got bladder-damage" in result.output


def test_bad_settings_stop_with_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KBOT_DEFAULT_REGION", "mars")
    result = CliRunner().invoke(cli, ["ask", "hi"])
    assert result.exit_code == 1
    assert (
        result.output
        == "Error: KBOT_DEFAULT_REGION must be one of: us, uk, au, ca, nz, ie, eu, intl\n"
    )
