"""Turn a plain-text or Markdown article into draft passages for a person to review.

The draft is a YAML file written outside the knowledge folder: passages split at paragraph and
sentence boundaries (at most 4 sentences and 600 characters each), ids made from their first words,
`reviewed` left empty so the validator refuses the file until someone has checked it, and every
dose amount flagged in a comment. Nothing here touches the live knowledge.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from bot.dose import find_dose_amount
from bot.error import BotError
from bot.knowledge import MAX_SENTENCES, MAX_TEXT, split_sentences, validate_dir

ID_WORDS = 6
ID_CHARS = 48
MIN_CHARS = 40  # shorter paragraphs (captions, bylines) are usually not passages

_FENCE = re.compile(r"^(```|~~~)")
_HEADING = re.compile(r"^#{1,6}\s+")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_QUOTE_MARK = re.compile(r"^\s*>\s?")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_SPACE = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Draft:
    """One draft passage; `dose` is the dose amount found in it, if any (must go before review)."""

    id: str
    text: str
    dose: str | None = None
    too_long: bool = False


def paragraphs(article: str) -> list[str]:
    """The article's prose paragraphs with Markdown markup removed (code blocks dropped)."""
    out: list[str] = []
    current: list[str] = []
    in_code = False
    for raw in article.splitlines():
        if _FENCE.match(raw.strip()):
            in_code = not in_code
            continue
        if in_code:
            continue
        line = raw.strip()
        if not line or _HEADING.match(line) or re.fullmatch(r"[-*_=\s]{3,}", line):
            out.append(" ".join(current))
            current = []
            continue
        if _BULLET.match(line):  # each list item is its own paragraph
            out.append(" ".join(current))
            current = []
        current.append(_plain(line))
    out.append(" ".join(current))
    return [p for p in (_SPACE.sub(" ", p).strip() for p in out) if len(p) >= MIN_CHARS]


def _plain(line: str) -> str:
    line = _BULLET.sub("", _QUOTE_MARK.sub("", line))
    line = _LINK.sub(r"\1", _IMAGE.sub("", line))
    line = _TAG.sub("", line)
    return _EMPHASIS.sub(r"\2", line)


def chunk(paragraph: str) -> list[tuple[str, bool]]:
    """Split one paragraph into passages of whole sentences within the limits.

    Returns (text, too_long) pairs; a single sentence over the limit is kept whole and flagged.
    """
    chunks: list[tuple[str, bool]] = []
    current: list[str] = []
    for sentence in split_sentences(paragraph):
        candidate = " ".join([*current, sentence])
        if current and (len(candidate) > MAX_TEXT or len(current) == MAX_SENTENCES):
            chunks.append((" ".join(current), False))
            current = []
        current.append(sentence)
    if current:
        text = " ".join(current)
        chunks.append((text, len(text) > MAX_TEXT))
    return chunks


def slug(text: str, limit: int = ID_CHARS) -> str:
    words = _NOT_SLUG.sub(" ", text.casefold()).split()[:ID_WORDS]
    value = "-".join(words)[:limit].strip("-")
    return value or "passage"


def drafts(article: str, taken: frozenset[str] = frozenset()) -> list[Draft]:
    """Draft passages from an article; ids are unique and avoid `taken`."""
    seen = set(taken)
    out: list[Draft] = []
    for paragraph in paragraphs(article):
        for text, too_long in chunk(paragraph):
            base = slug(text)
            passage_id, n = base, 2
            while passage_id in seen:
                passage_id, n = f"{base}-{n}", n + 1
            seen.add(passage_id)
            out.append(Draft(passage_id, text, find_dose_amount(text), too_long))
    return out


def to_yaml(items: list[Draft], source_id: str, topic: str, origin: str) -> str:
    """The review file: a header saying what to do, then one passage per draft."""
    lines = [
        f"# Draft passages imported from {origin} by `kbot kb import`. NOT live knowledge.",
        "# Before moving any into knowledge/: rewrite each in our own words, check it against the",
        "# source, set `topic` and `reviewed`, delete every passage flagged DOSE AMOUNT, and run",
        "# `kbot kb validate`.",
        "passages:",
    ]
    for item in items:
        if item.dose:
            lines.append(f"  # DOSE AMOUNT {item.dose!r}: remove this passage or the amount")
        if item.too_long:
            lines.append(f"  # TOO LONG: over {MAX_TEXT} characters; shorten it")
        lines.append(f"  - id: {item.id}")
        lines.append(f"    topic: {topic}")
        lines.append("    text: >-")
        lines.extend(f"      {line}" for line in textwrap.wrap(item.text, 90))
        lines.append(f"    source: {source_id}")
        lines.append("    reviewed:  # YYYY-MM-DD once a person has checked it")
    return "\n".join(lines) + "\n"


def import_article(
    path: Path, source_id: str, topic: str = "todo", taken: frozenset[str] = frozenset()
) -> tuple[str, list[Draft]]:
    """Read an article file and return the draft YAML text and the drafts in it."""
    article = path.read_text(encoding="utf-8")
    items = drafts(article, taken)
    return to_yaml(items, source_id, topic, path.name), items


class DraftError(BotError):
    """The article cannot be turned into a draft file (the message says why)."""


@dataclass(frozen=True)
class DraftFile:
    path: Path
    drafts: tuple[Draft, ...]
    unknown_source: bool


def write_draft(
    article: Path,
    source_id: str,
    *,
    knowledge_dir: Path,
    output: Path | None = None,
    topic: str = "todo",
    force: bool = False,
) -> DraftFile:
    """Write the draft file for `article`; never inside `knowledge_dir`, never over a file unasked."""
    if not _SLUG.match(source_id):
        raise DraftError(f"--source {source_id!r} is not an id (lowercase words joined by -)")
    target = output or Path.cwd() / f"{article.stem}.draft.yaml"
    if target.resolve().is_relative_to(knowledge_dir.resolve()):
        raise DraftError(
            f"{target} is inside the knowledge folder, where it would go live: write it elsewhere"
        )
    if target.exists() and not force:
        raise DraftError(f"{target} exists; use --force to overwrite it")
    knowledge, _ = validate_dir(knowledge_dir)
    taken = frozenset(p.id for p in knowledge.passages) if knowledge else frozenset[str]()
    try:
        text, items = import_article(article, source_id, topic, taken)
    except (OSError, UnicodeDecodeError) as exc:
        raise DraftError(f"cannot read {article}: {exc}") from exc
    if not items:
        raise DraftError(f"{article} has no paragraphs of prose to import")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    unknown = knowledge is not None and source_id not in knowledge.sources
    return DraftFile(target, tuple(items), unknown)
