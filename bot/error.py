"""One exception hierarchy for everything kbot raises on purpose."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.models import Problem


class BotError(Exception):
    """Base class of every error kbot raises on purpose."""


class ConfigError(BotError):
    """A setting is missing or malformed; the message is one line a person can act on."""


class KnowledgeError(BotError):
    """The knowledge folder has errors; `problems` lists each as file:line: entry: message."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        first = str(errors[0]) if errors else "no details"
        super().__init__(f"{len(errors)} knowledge error(s); first: {first}")
