"""Safety layer (placeholder until the safety issue lands): check(text) -> Verdict | None."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.models import Problem


@dataclass(frozen=True)
class Verdict:
    category: str
    rule: str


@dataclass(frozen=True)
class Rules:
    """Compiled safety rules."""


def parse_rules(doc: Any, file: str) -> tuple[Rules, list[Problem]]:
    return Rules(), []


def check(text: str, rules: Rules) -> Verdict | None:
    return None
