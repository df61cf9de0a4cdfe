"""YAML reading that remembers the line of every mapping, for `file:line` messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.error import BotError
from bot.models import Problem

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # C parser when built


class LineDict(dict[str, Any]):
    """A YAML mapping that knows the 1-based line it starts on."""

    line: int = 0


class _Loader(_Base):  # type: ignore[valid-type, misc]
    pass


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    result = LineDict((str(k), v) for k, v in loader.construct_mapping(node, deep=True).items())
    result.line = node.start_mark.line + 1
    return result


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A date, or the text itself when it looks like a date but is impossible (2026-13-45)."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def display_path(path: Path) -> str:
    """`path` relative to the working directory when it is below it, else as given."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read(path: Path) -> tuple[Any, list[Problem]]:
    """Parse one YAML file; a syntax error becomes a Problem with its line instead of raising."""
    name = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(name, 1, "-", f"cannot read file: {exc}")]
    try:
        return yaml.load(text, Loader=_Loader), []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        detail = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        return None, [Problem(name, line, "-", f"YAML syntax error: {detail}")]
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        return None, [Problem(name, 1, "-", f"YAML error: {exc}")]


def read_list(path: Path, key: str) -> list[Any]:
    """The top-level `key:` list of a labelled set (evals/*.yaml); BotError if it is not there."""
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BotError(f"{path}: cannot read it: {exc}") from exc
    items = doc.get(key) if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise BotError(f"{path}: expected a top-level `{key}:` list")
    return items
