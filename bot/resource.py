"""Support resources by region (placeholder until the safety issue lands)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.models import Problem


@dataclass(frozen=True)
class Directory:
    """Support resources by region."""


def parse_resources(
    doc: Any, file: str, source_ids: frozenset[str]
) -> tuple[Directory, list[Problem]]:
    return Directory(), []
