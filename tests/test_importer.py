"""`kbot kb import`: articles become reviewable draft passages, never live knowledge."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bot.cli import cli
from bot.importer import chunk, drafts, paragraphs, slug
from bot.knowledge import MAX_SENTENCES, MAX_TEXT, load_dir

ARTICLE = """# Ketamine and the bladder

Heavy, long-term ketamine use can damage the bladder. This is called
[ketamine cystitis](https://example.org). It causes *pain* and **frequent** urination.

Some users take 2 grams a day: this is dangerous and a reason to seek help early.

```
code blocks are dropped
```

- A list item that is long enough to be kept as a passage on its own here.
- short
"""


def test_markdown_becomes_plain_paragraphs() -> None:
    assert paragraphs(ARTICLE) == [
        "Heavy, long-term ketamine use can damage the bladder. This is called ketamine "
        "cystitis. It causes pain and frequent urination.",
        "Some users take 2 grams a day: this is dangerous and a reason to seek help early.",
        "A list item that is long enough to be kept as a passage on its own here.",
    ]


def test_long_paragraphs_split_at_sentences_within_the_limits() -> None:
    paragraph = " ".join(f"Sentence number {n} says something about ketamine." for n in range(30))
    pieces = chunk(paragraph)
    assert len(pieces) > 1
    for text, too_long in pieces:
        assert len(text) <= MAX_TEXT
        assert text.count(".") <= MAX_SENTENCES
        assert not too_long
    assert " ".join(t for t, _ in pieces) == paragraph


def test_ids_are_unique_slugs_and_doses_are_flagged() -> None:
    items = drafts(
        ARTICLE + "\n\n" + ARTICLE, taken=frozenset({"heavy-long-term-ketamine-use-can"})
    )
    ids = [d.id for d in items]
    assert len(set(ids)) == len(ids)
    assert ids[0] == "heavy-long-term-ketamine-use-can-2"
    assert [d.dose for d in items[:3]] == [None, "2 grams", None]
    assert slug("¿Qué? 100% — Ketamine!") == "qu-100-ketamine"


def test_cli_writes_a_draft_that_the_validator_refuses_until_reviewed(
    tmp_path: Path, tiny_kb_dir: Path
) -> None:
    article = tmp_path / "article.md"
    article.write_text(ARTICLE)
    out = tmp_path / "drafts" / "bladder.yaml"
    args = ["kb", "import", str(article), "--source", "bladder-review", "-o", str(out)]
    result = CliRunner().invoke(cli, [*args, "--knowledge", str(tiny_kb_dir)])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"wrote 3 draft passage(s) to {out}: 1 with a dose amount, 0 too long (flagged in the file)\n"
    )
    text = out.read_text()
    assert "# DOSE AMOUNT '2 grams'" in text
    doc = yaml.safe_load(text)
    assert [p["source"] for p in doc["passages"]] == ["bladder-review"] * 3
    assert all(p["reviewed"] is None and p["topic"] == "todo" for p in doc["passages"])
    load_dir(tiny_kb_dir)  # the live knowledge is untouched and still valid
    again = CliRunner().invoke(cli, [*args, "--knowledge", str(tiny_kb_dir)])
    assert again.exit_code == 1
    assert "exists; use --force" in again.output


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--source", "Not An Id"], "is not an id"),
        (["--source", "new-source", "-o", "KB/drafts.yaml"], "inside the knowledge folder"),
    ],
)
def test_cli_refuses_bad_sources_and_live_folders(
    tmp_path: Path, tiny_kb_dir: Path, extra: list[str], message: str
) -> None:
    article = tmp_path / "article.md"
    article.write_text(ARTICLE)
    args = [a.replace("KB", str(tiny_kb_dir)) for a in extra]
    result = CliRunner().invoke(
        cli, ["kb", "import", str(article), *args, "--knowledge", str(tiny_kb_dir)]
    )
    assert result.exit_code == 1
    assert message in result.output
    assert not (tiny_kb_dir / "drafts.yaml").exists()


def test_cli_notes_an_unknown_source(tmp_path: Path, tiny_kb_dir: Path) -> None:
    article = tmp_path / "article.md"
    article.write_text(ARTICLE)
    result = CliRunner().invoke(
        cli,
        ["kb", "import", str(article), "--source", "new-source", "--knowledge", str(tiny_kb_dir)],
    )
    assert result.exit_code == 0, result.output
    assert "note: new-source is not in sources.yaml yet" in result.output
    assert (tmp_path / "article.draft.yaml").is_file()  # the working directory is tmp_path


def test_cli_prints_the_gap_queue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.gap import GapQueue
    from bot.store import Database

    monkeypatch.setenv("KBOT_DATA_DIR", str(tmp_path / "data"))
    empty = CliRunner().invoke(cli, ["kb", "gaps"])
    assert empty.output.startswith("no unanswered questions yet")
    queue = GapQueue(Database.open(tmp_path / "data"))
    for text in ["weather on mars", "Weather on Mars?", "who won the match"]:
        queue.add(text)
    result = CliRunner().invoke(cli, ["kb", "gaps", "--limit", "1"])
    assert result.exit_code == 0
    [line] = result.output.splitlines()
    assert line.split()[0] == "2"
    assert line.endswith("weather on mars")
