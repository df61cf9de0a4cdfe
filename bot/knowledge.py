"""Load and validate the knowledge folder: sources, topics, synonyms, passages, safety, resources.

`load_dir` returns an immutable `Knowledge` or raises `KnowledgeError` listing every problem as
`file:line: entry-id: message`. Special files have fixed names; every other `*.yaml` holds passages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot import resource, safety
from bot.backstop import BACKSTOP_FILE, read_backstop
from bot.bulk import paused_gc
from bot.dose import find_dose_amount
from bot.error import KnowledgeError
from bot.models import Passage, Problem, Source, SynonymGroup, Topic
from bot.yamlfile import LineDict, display_path, read

SOURCES_FILE = "sources.yaml"
TOPICS_FILE = "topics.yaml"
SYNONYMS_FILE = "synonyms.yaml"
SAFETY_FILE = "safety.yaml"
RESOURCES_FILE = "resources.yaml"
SPECIAL_FILES = frozenset({SOURCES_FILE, TOPICS_FILE, SYNONYMS_FILE, SAFETY_FILE, RESOURCES_FILE})

REGIONS = frozenset({"us", "uk", "au", "ca", "nz", "ie", "eu", "intl"})
MAX_TEXT = 600
MAX_SENTENCES = 4
STALE_AFTER = dt.timedelta(days=365)

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SOURCE_DATE = re.compile(r"^(?:\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d{2})?)?|n\.d\.)$")
_SENTENCE_END = re.compile(r"[.!?](?:[\"'”’)\]]*)(?=\s+[\"'“‘(]?[A-Z0-9])")

_PASSAGE_FIELDS = {"id", "topic", "text", "source", "reviewed", "region", "keywords"}
_PASSAGE_REQUIRED = ("id", "topic", "text", "source", "reviewed")
_SOURCE_FIELDS = {"id", "title", "publisher", "date", "url", "note"}
_TOPIC_FIELDS = {"id", "label", "example", "examples"}
_SYNONYM_FIELDS = {"canonical", "variants"}


@dataclass(frozen=True)
class Knowledge:
    """Everything the core needs, validated. `warnings` are problems that do not stop loading."""

    sources: Mapping[str, Source]
    topics: tuple[Topic, ...]
    passages: tuple[Passage, ...]
    synonyms: tuple[SynonymGroup, ...]
    safety: safety.Rules = field(default_factory=safety.Rules)
    resources: resource.Directory = field(default_factory=resource.Directory)
    warnings: tuple[Problem, ...] = ()
    files: tuple[str, ...] = ()

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)


def count_sentences(text: str) -> int:
    """Sentences in `text`, split after . ! ? followed by a capital or digit."""
    return len(_SENTENCE_END.findall(text.strip())) + (1 if text.strip() else 0)


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, in order, stripped."""
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        parts.append(text[start : match.end()].strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def load_dir(path: Path | str, *, today: dt.date | None = None) -> Knowledge:
    """Load and validate a knowledge folder; raise KnowledgeError if anything is wrong."""
    knowledge, problems = validate_dir(path, today=today)
    if knowledge is None:
        raise KnowledgeError(problems)
    return knowledge


def validate_dir(
    path: Path | str, *, today: dt.date | None = None
) -> tuple[Knowledge | None, list[Problem]]:
    """Every problem in the folder (errors and warnings), and the Knowledge when there is no error."""
    with paused_gc():  # a big folder makes millions of small objects: see bot/bulk.py
        return _validate_dir(path, today=today)


def _validate_dir(
    path: Path | str, *, today: dt.date | None
) -> tuple[Knowledge | None, list[Problem]]:
    folder = Path(path)
    today = today or dt.date.today()
    problems: list[Problem] = []
    if not folder.is_dir():
        return None, [Problem(display_path(folder), 0, "-", "knowledge folder not found")]
    files = sorted(folder.glob("*.yaml"))
    docs: dict[str, tuple[str, Any]] = {}
    unreadable: set[str] = set()
    for file in files:
        doc, found = read(file)
        problems.extend(found)
        docs[file.name] = (display_path(file), doc)
        if found:
            unreadable.add(file.name)

    def section(name: str, key: str) -> tuple[str, list[Any]]:
        shown, doc = docs.get(name, (display_path(folder / name), None))
        required = name == SOURCES_FILE and name not in unreadable
        return shown, _entries(doc, key, shown, problems, required=required)

    sources = _parse_sources(*section(SOURCES_FILE, "sources"), problems)
    topics = _parse_topics(*section(TOPICS_FILE, "topics"), problems)
    synonyms = _parse_synonyms(*section(SYNONYMS_FILE, "synonyms"), problems)
    passages: list[Passage] = []
    seen: dict[str, str] = {}
    topic_ids = frozenset(t.id for t in topics)
    for file in files:
        if file.name in SPECIAL_FILES:
            continue
        shown, doc = docs[file.name]
        required = file.name not in unreadable
        for entry in _entries(doc, "passages", shown, problems, required=required):
            passage = _parse_passage(entry, shown, sources, topic_ids, seen, today, problems)
            if passage is not None:
                passages.append(passage)
    if not passages and not any(p.severity == "error" for p in problems):
        problems.append(Problem(display_path(folder), 0, "-", "no passages found"))

    rules, resources = safety.Rules(), resource.Directory()
    if SAFETY_FILE in docs:
        shown, doc = docs[SAFETY_FILE]
        passage_ids = frozenset(p.id for p in passages)
        rules, found = safety.parse_rules(doc, shown, topic_ids, passage_ids)
        problems.extend(found)
        if (folder / BACKSTOP_FILE).is_file():
            if rules:  # a safety.yaml that failed to parse has said why already
                problems.extend(safety.backstop_problems(rules, shown))
            rules = _with_backstop(rules, folder / BACKSTOP_FILE, problems)
    if RESOURCES_FILE in docs:
        shown, doc = docs[RESOURCES_FILE]
        resources, found = resource.parse_resources(doc, shown, frozenset(sources))
        problems.extend(found)

    if any(p.severity == "error" for p in problems):
        return None, problems
    knowledge = Knowledge(
        sources=sources,
        topics=tuple(topics),
        passages=tuple(sorted(passages, key=lambda p: p.id)),
        synonyms=tuple(synonyms),
        safety=rules,
        resources=resources,
        warnings=tuple(problems),
        files=tuple(docs[f.name][0] for f in files),
    )
    return knowledge, problems


def _with_backstop(rules: safety.Rules, path: Path, problems: list[Problem]) -> safety.Rules:
    """The rules with the learned backstop beside them (bot/backstop.py), when it is sound."""
    shown = display_path(path)
    backstop, found = read_backstop(path, shown)
    problems.extend(found)
    return rules if backstop is None else replace(rules, backstop=backstop)


def _entries(
    doc: Any, key: str, file: str, problems: list[Problem], *, required: bool
) -> list[Any]:
    if doc is None:
        if required:
            problems.append(Problem(file, 1, "-", f"missing or empty: expected a `{key}:` list"))
        return []
    if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
        line = getattr(doc, "line", 1)
        problems.append(Problem(file, line, "-", f"expected a top-level `{key}:` list"))
        return []
    extra = sorted(set(doc) - {key})
    if extra:
        problems.append(
            Problem(
                file, getattr(doc, "line", 1), "-", f"unknown top-level key(s): {', '.join(extra)}"
            )
        )
    return list(doc[key])


class _Entry:
    """Field checks for one YAML entry, reporting to `problems` with file, line and id."""

    def __init__(self, raw: Any, file: str, problems: list[Problem], allowed: set[str]) -> None:
        self.ok = isinstance(raw, LineDict)
        self.raw: LineDict = raw if isinstance(raw, LineDict) else LineDict()
        self.file, self.problems = file, problems
        self.line = self.raw.line
        value = self.raw.get("id", self.raw.get("canonical"))
        self.id = value if isinstance(value, str) and value else "?"
        if not self.ok:
            problems.append(Problem(file, 0, "?", f"expected a mapping, got {type(raw).__name__}"))
            return
        for name in sorted(set(self.raw) - allowed):
            self.error(f"unknown field `{name}` (allowed: {', '.join(sorted(allowed))})")

    def error(self, message: str) -> None:
        self.problems.append(Problem(self.file, self.line, self.id, message))
        self.ok = False

    def warn(self, message: str) -> None:
        self.problems.append(Problem(self.file, self.line, self.id, message, "warning"))

    def text(self, name: str, *, required: bool = True, limit: int = 300) -> str:
        value = self.raw.get(name)
        if value is None:
            if required:
                self.error(f"missing field `{name}`")
            return ""
        if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.error(f"`{name}` must be non-empty text")
            return ""
        value = " ".join(value.split())
        if len(value) > limit:
            self.error(f"`{name}` is {len(value)} characters; the limit is {limit}")
        return value

    def slug(self, name: str = "id") -> str:
        value = self.text(name)
        if value and not _SLUG.match(value):
            self.error(
                f"`{name}` {value!r} must be a slug: lowercase letters, digits, single hyphens"
            )
        return value

    def strings(self, name: str) -> tuple[str, ...]:
        value = self.raw.get(name)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(_word_like(v) for v in value):
            self.error(f"`{name}` must be a list of non-empty strings")
            return ()
        return tuple(" ".join(str(v).split()) for v in value)


def _word_like(value: Any) -> bool:
    """Text, or a number a moderator wrote without quotes (keywords: [2019])."""
    if isinstance(value, bool):
        return False
    return isinstance(value, (int, float)) or (isinstance(value, str) and bool(value.strip()))


def _parse_sources(file: str, entries: list[Any], problems: list[Problem]) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for raw in entries:
        entry = _Entry(raw, file, problems, _SOURCE_FIELDS)
        source_id = entry.slug()
        title, publisher = entry.text("title"), entry.text("publisher")
        date = entry.text("date")
        if date and not _SOURCE_DATE.match(date):
            entry.error(f"`date` {date!r} must be YYYY-MM-DD, YYYY-MM, YYYY or n.d.")
        url = entry.text("url", required=False, limit=500) or None
        if url is not None and not _valid_url(url):
            entry.error(f"`url` {url!r} is not a valid http(s) address")
        entry.text("note", required=False, limit=1000)
        if source_id in sources:
            entry.error("duplicate source id")
        if entry.ok:
            sources[source_id] = Source(source_id, title, publisher, date, url)
    return sources


def _parse_topics(file: str, entries: list[Any], problems: list[Problem]) -> list[Topic]:
    topics: dict[str, Topic] = {}
    for raw in entries:
        entry = _Entry(raw, file, problems, _TOPIC_FIELDS)
        topic_id, label, example = entry.slug(), entry.text("label"), entry.text("example")
        if topic_id in topics:
            entry.error("duplicate topic id")
        examples = raw.get("examples", {}) if isinstance(raw, dict) else {}
        if not isinstance(examples, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in examples.items()
        ):
            entry.error("`examples` maps region ids to an example question for that region")
            examples = {}
        if entry.ok:
            pairs = tuple((k, " ".join(v.split())) for k, v in examples.items())
            topics[topic_id] = Topic(topic_id, label, example, pairs)
    return list(topics.values())


def _parse_synonyms(file: str, entries: list[Any], problems: list[Problem]) -> list[SynonymGroup]:
    groups: list[SynonymGroup] = []
    owner: dict[str, str] = {}
    for raw in entries:
        entry = _Entry(raw, file, problems, _SYNONYM_FIELDS)
        canonical = entry.text("canonical")
        variants = entry.strings("variants")
        if entry.ok and not variants:
            entry.error("`variants` must list at least one phrase")
        for variant in variants:
            key = variant.casefold()
            if key in owner and owner[key] != canonical:
                entry.warn(f"variant {variant!r} is also listed under {owner[key]!r}")
            owner.setdefault(key, canonical)
        if entry.ok:
            groups.append(SynonymGroup(canonical, variants))
    return groups


def _parse_passage(
    raw: Any,
    file: str,
    sources: Mapping[str, Source],
    topic_ids: frozenset[str],
    seen: dict[str, str],
    today: dt.date,
    problems: list[Problem],
) -> Passage | None:
    entry = _Entry(raw, file, problems, _PASSAGE_FIELDS)
    if not entry.ok:
        return None
    for name in _PASSAGE_REQUIRED:
        if name not in entry.raw:
            entry.error(f"missing field `{name}`")
    passage_id = entry.slug() if "id" in entry.raw else ""
    if passage_id in seen:
        entry.error(f"duplicate id (first defined at {seen[passage_id]})")
    elif passage_id:
        seen[passage_id] = f"{file}:{entry.line}"
    topic = entry.text("topic") if "topic" in entry.raw else ""
    if topic and topic_ids and topic not in topic_ids:
        entry.error(f"unknown topic {topic!r} (not in topics.yaml)")
    text = entry.text("text", limit=MAX_TEXT) if "text" in entry.raw else ""
    if text:
        sentences = count_sentences(text)
        if sentences > MAX_SENTENCES:
            entry.error(f"`text` has {sentences} sentences; the limit is {MAX_SENTENCES}")
        _check_dose(entry, "text", text)
    source = entry.text("source") if "source" in entry.raw else ""
    if source and source not in sources:
        entry.error(f"unknown source {source!r} (not in sources.yaml)")
    reviewed = _date(entry, "reviewed") if "reviewed" in entry.raw else None
    if reviewed is not None:
        if reviewed > today:
            entry.error(f"`reviewed` {reviewed} is in the future")
        elif today - reviewed > STALE_AFTER:
            entry.warn(f"not reviewed since {reviewed} (over 12 months)")
    region = entry.text("region", required=False) or None
    if region is not None and region not in REGIONS:
        entry.error(f"unknown region {region!r} (one of: {', '.join(sorted(REGIONS))})")
    keywords = entry.strings("keywords")
    for keyword in keywords:
        _check_dose(entry, "keywords", keyword)
    if not entry.ok or reviewed is None:
        return None
    return Passage(
        id=passage_id,
        topic=topic,
        text=text,
        source=source,
        reviewed=reviewed,
        region=region,
        keywords=keywords,
        file=file,
        line=entry.line,
    )


def _check_dose(entry: _Entry, name: str, text: str) -> None:
    amount = find_dose_amount(text)
    if amount:
        entry.error(
            f"`{name}` states a dose amount ({amount!r}); describe practice without numbers"
        )


def _date(entry: _Entry, name: str) -> dt.date | None:
    value = entry.raw.get(name)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    entry.error(f"`{name}` {value!r} must be a date, YYYY-MM-DD")
    return None


def _valid_url(url: str) -> bool:
    parts = urlsplit(url)
    return (
        parts.scheme in {"http", "https"}
        and "." in parts.netloc
        and not any(c.isspace() for c in url)
    )
