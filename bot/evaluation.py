"""Labelled question sets: run them through the Engine and measure pass rate, recall@3 and MRR."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.core import Engine
from bot.error import BotError
from bot.models import Context
from bot.yamlfile import read_list


@dataclass(frozen=True)
class QACase:
    question: str
    expect: tuple[str, ...]  # empty: the honest no-answer is right
    topic: str
    style: str
    follow_up: bool


@dataclass(frozen=True)
class QAResult:
    case: QACase
    kind: str
    quoted: tuple[str, ...]
    ranked: tuple[str, ...]

    @property
    def passed(self) -> bool:
        if not self.case.expect:
            return self.kind == "no_answer"
        return self.kind == "answer" and bool(self.quoted) and self.quoted[0] in self.case.expect

    @property
    def reciprocal_rank(self) -> float:
        for rank, passage_id in enumerate(self.ranked, start=1):
            if passage_id in self.case.expect:
                return 1.0 / rank
        return 0.0

    @property
    def recalled_at_3(self) -> bool:
        return any(p in self.case.expect for p in self.ranked[:3])


def load_qa(path: Path) -> list[QACase]:
    """Read a question set (see evals/qa.yaml); raise BotError with the line of a bad entry."""
    items = read_list(path, "questions")
    cases = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("q"), str):
            raise BotError(f"{path}: question {n} needs a `q:` string")
        expect = item.get("expect") or []
        if not isinstance(expect, list):
            raise BotError(f"{path}: question {n}: `expect` must be a list of passage ids")
        cases.append(
            QACase(
                question=item["q"],
                expect=tuple(str(e) for e in expect),
                topic=str(item.get("topic", "?")),
                style=str(item.get("style", "?")),
                follow_up=bool(item.get("follow_up", False)),
            )
        )
    return cases


def run_qa(engine: Engine, cases: Sequence[QACase]) -> list[QAResult]:
    results: list[QAResult] = []
    context: Context | None = None
    for case in cases:
        trace = engine.trace(case.question, context=context if case.follow_up else None)
        reply = trace.reply
        results.append(
            QAResult(
                case=case,
                kind=reply.kind,
                quoted=tuple(q.passage_id for q in reply.quotes),
                ranked=tuple(h.passage.id for h in trace.hits),
            )
        )
        context = reply.context
    return results


def summarize(results: Sequence[QAResult]) -> dict[str, Any]:
    """Pass rate overall, by topic and by style; recall@3 and MRR over answerable questions."""
    answerable = [r for r in results if r.case.expect]

    def rate(group: Sequence[QAResult]) -> float:
        return sum(r.passed for r in group) / len(group) if group else 0.0

    by_topic: dict[str, list[QAResult]] = defaultdict(list)
    by_style: dict[str, list[QAResult]] = defaultdict(list)
    for r in results:
        by_topic[r.case.topic].append(r)
        by_style[r.case.style].append(r)
    return {
        "questions": len(results),
        "pass_rate": rate(results),
        "recall_at_3": (
            sum(r.recalled_at_3 for r in answerable) / len(answerable) if answerable else 0.0
        ),
        "mrr": sum(r.reciprocal_rank for r in answerable) / len(answerable) if answerable else 0.0,
        "by_topic": {k: (rate(v), len(v)) for k, v in sorted(by_topic.items())},
        "by_style": {k: (rate(v), len(v)) for k, v in sorted(by_style.items())},
        "failures": [r for r in results if not r.passed],
    }
