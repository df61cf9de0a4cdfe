"""Time the safety check per message over the labelled safety set.

    .venv/bin/python -m benchmarks.safety            # evals/safety.yaml, shipped rules
    .venv/bin/python -m benchmarks.safety FILE

Rules are compiled once (as the Engine does). Each message is checked ROUNDS times; the first
round is reported separately because it fills the typo-correction cache ("cold"), the others are
what a running bot sees for words it has met before ("warm"). Times the rules alone and the
rules with the learned backstop (knowledge/safety-backstop.json), as the bot runs them. Also
times compiling the rules and loading the backstop.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace
from pathlib import Path

from bot import safety
from bot.backstop import BACKSTOP_FILE, read_backstop
from bot.config import SHIPPED_KNOWLEDGE
from bot.safety_eval import load_cases
from bot.yamlfile import read

EVAL_FILE = Path(__file__).resolve().parent.parent / "evals" / "safety.yaml"
ROUNDS = 5


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=EVAL_FILE)
    args = parser.parse_args()

    doc, problems = read(SHIPPED_KNOWLEDGE / "safety.yaml")
    started = time.perf_counter()
    rules, problems = safety.parse_rules(doc, "safety.yaml")
    compile_ms = (time.perf_counter() - started) * 1000
    if problems:
        raise SystemExit("\n".join(str(p) for p in problems))
    started = time.perf_counter()
    model, problems = read_backstop(SHIPPED_KNOWLEDGE / BACKSTOP_FILE, BACKSTOP_FILE)
    backstop_ms = (time.perf_counter() - started) * 1000
    if model is None:
        raise SystemExit("\n".join(str(p) for p in problems))
    texts = [case.text for case in load_cases(args.file)]

    print(f"{len(texts)} messages from {args.file.name}, {len(rules.rules)} rules")
    print(f"compile rules: {compile_ms:.1f} ms; load backstop: {backstop_ms:.1f} ms (once)")
    for label, checked in (("rules", rules), ("rules + backstop", replace(rules, backstop=model))):
        cold: list[float] = []
        warm: list[float] = []
        for round_ in range(ROUNDS):
            for text in texts:
                started = time.perf_counter()
                safety.check(text, checked)
                elapsed = (time.perf_counter() - started) * 1e6
                (cold if round_ == 0 else warm).append(elapsed)
        for name, values in (("cold", cold), ("warm", warm)):
            print(
                f"{label}, {name}: median {statistics.median(values):.1f} µs, "
                f"p99 {_percentile(values, 0.99):.1f} µs, max {max(values):.1f} µs per message"
            )


if __name__ == "__main__":
    main()
