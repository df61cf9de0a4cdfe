"""Counters since start for moderators' /stats: numbers only, never a message or a person."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from bot.models import Reply


@dataclass(frozen=True)
class ReloadResult:
    """One knowledge reload: when, whether it worked, and the counts or the errors."""

    at: dt.datetime
    ok: bool
    passages: int = 0
    sources: int = 0
    topics: int = 0
    warnings: int = 0
    errors: tuple[str, ...] = ()
    trigger: str = "command"  # "command" (/reload) or "watch" (a file changed)

    def summary(self) -> str:
        if self.ok:
            return (
                f"{self.passages} passages, {self.sources} sources, {self.topics} topics, "
                f"{self.warnings} warning(s)"
            )
        return f"{len(self.errors)} error(s); the previous knowledge is still answering"


@dataclass
class Stats:
    """What happened since start. Redirects are counted by safety category, and answers given
    with the support line by concern."""

    started: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    questions: int = 0
    answers: int = 0
    no_answers: int = 0
    chats: int = 0  # thanks, greetings, goodbyes, "ok", questions to the bot (bot.courtesy)
    redirects: Counter[str] = field(default_factory=Counter)
    supported: Counter[str] = field(default_factory=Counter)
    inline_queries: int = 0
    group_cooldowns: int = 0
    errors: int = 0
    last_reload: ReloadResult | None = None

    def record(self, reply: Reply) -> None:
        self.questions += 1
        if reply.kind == "answer":
            self.answers += 1
        elif reply.kind == "no_answer":
            self.no_answers += 1
        elif reply.kind == "chat":
            self.chats += 1
        else:
            self.redirects[reply.category or "unknown"] += 1
        if reply.support is not None:
            self.supported[reply.support] += 1

    def lines(self) -> list[str]:
        """Plain-text lines for /stats (the adapter escapes them)."""
        out = [
            f"Since {self.started:%Y-%m-%d %H:%M} UTC:",
            f"questions: {self.questions}",
            f"answers: {self.answers}",
            f"no answer: {self.no_answers}",
            f"thanks, greetings and the like: {self.chats}",
            f"redirects: {sum(self.redirects.values())}",
        ]
        out.extend(f"  {name}: {count}" for name, count in sorted(self.redirects.items()))
        out.append(f"answered with a helpline added: {sum(self.supported.values())}")
        out.extend(f"  {name}: {count}" for name, count in sorted(self.supported.items()))
        out.append(f"inline queries: {self.inline_queries}")
        out.append(f"group cooldowns: {self.group_cooldowns}")
        out.append(f"errors: {self.errors}")
        return out
