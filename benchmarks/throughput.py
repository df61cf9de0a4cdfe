"""A burst of questions through the real Telegram adapter: `kbot run` against the fake Bot API.

    .venv/bin/python -m benchmarks.throughput                       # 2,000 updates, shipped KB
    .venv/bin/python -m benchmarks.throughput --passages 100000     # a 100k-passage folder
    .venv/bin/python -m benchmarks.throughput --profile top.txt     # py-spy on the bot process

Starts tests/fakebotapi.py on 127.0.0.1 (it enforces Telegram's per-chat flood limits and
answers 429 beyond them), starts `kbot run` as a separate process pointed at it
(TELEGRAM_BASE_URL), waits until the bot polls, then queues the whole burst at once: questions
from 200 private chats and @mentions in 20 groups (answers, honest no-answers and safety
redirects, from evals/qa.yaml and evals/safety.yaml). Every question should get exactly one
reply. It reports answered updates per second, time from injection to reply (p50, p99), lost
and duplicated replies, 429s the server had to send, and the bot's memory; then stops the bot
with SIGTERM. Loopback only, a bounded number of updates, and a time limit.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from bot.config import SHIPPED_KNOWLEDGE
from bot.evaluation import load_qa
from bot.telegram.app import CONNECTION_POOL
from tests.fakebotapi import BOT_USERNAME, FakeBotAPI

ROOT = Path(__file__).resolve().parent.parent
QA_FILE = ROOT / "evals" / "qa.yaml"
SAFETY_FILE = ROOT / "evals" / "safety.yaml"
PRIVATE_CHATS = 200
GROUPS = 20
GROUP_SHARE = 0.15  # of the burst: @mentions in groups, each from its own member
SEED = 7
MIX = {"answer": 0.65, "no_answer": 0.15, "redirect": 0.20}
# `--overall-rate` is KBOT_OVERALL_RATE for the bot: all sends together, per second (default 30,
# Telegram's guideline for bulk notifications; 0: no overall cap). Per-group limits stay as they are.
# `--pool`: the bot's HTTP connection pool (bot.telegram.app.CONNECTION_POOL), for measuring; the
# bot is still `kbot run`, started through this wrapper.
_RUN_WITH_POOL = """
import sys
from bot.telegram import app
app.CONNECTION_POOL = {pool!r}
from bot.cli import main
sys.argv = ["kbot", "run"]
main()
"""


@dataclass(frozen=True)
class Asked:
    chat_id: int
    message_id: int | None  # groups: the reply must reply to it
    kind: str  # "answer", "no_answer", "redirect" (what the labels expect)


def _questions(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """`count` (text, expected kind) from the labelled sets, in MIX proportions."""
    pools: dict[str, list[str]] = defaultdict(list)
    if QA_FILE.exists():
        for case in load_qa(QA_FILE):
            if not case.follow_up:
                pools["answer" if case.expect else "no_answer"].append(case.question)
    if SAFETY_FILE.exists():
        doc = yaml.safe_load(SAFETY_FILE.read_text(encoding="utf-8")) or {}
        for item in doc.get("messages", []):
            if item.get("cat") != "benign":
                pools["redirect"].append(str(item["text"]))
    pools["answer"] = pools["answer"] or ["what is ketamine"]
    kinds = [k for k in MIX if pools[k]]
    weights = [MIX[k] for k in kinds]
    return [(rng.choice(pools[k]), k) for k in rng.choices(kinds, weights, k=count)]


def _env(
    server: FakeBotAPI, knowledge: Path, data: Path, overall_rate: float | None
) -> dict[str, str]:
    env = server.bot_env(knowledge, data, KBOT_LOG_LEVEL="WARNING")
    if overall_rate is not None:
        env["KBOT_OVERALL_RATE"] = f"{overall_rate:g}"
    return env


def _memory(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process, in MiB."""
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def _burst(server: FakeBotAPI, questions: list[tuple[str, str]]) -> list[Asked]:
    """Queue one update per question at once; return what each one asked."""
    total = len(questions)
    users = [FakeBotAPI.user(7_000_000_000 + i, f"P{i}") for i in range(PRIVATE_CHATS)]
    groups = [FakeBotAPI.group_chat(-1_000_000_000_000 - g) for g in range(GROUPS)]
    in_groups = int(total * GROUP_SHARE)
    asked: list[Asked] = []
    for n in range(total):
        text, kind = questions[n]
        if n % (total // max(in_groups, 1) or 1) == 0 and in_groups:
            in_groups -= 1
            chat = groups[in_groups % GROUPS]  # spread evenly: at most 20 replies a minute each
            member = FakeBotAPI.user(8_000_000_000 + n, f"G{n}")  # one question each: no cooldown
            mention = f"@{BOT_USERNAME} {text}"
            _, message = server.send(chat, member, mention)
            asked.append(Asked(chat["id"], message["message_id"], kind))
        else:
            user = users[n % PRIVATE_CHATS]
            server.send(FakeBotAPI.private_chat(user), user, text)
            asked.append(Asked(user["id"], None, kind))
    return asked


async def _wait_until_polling(server: FakeBotAPI, process: asyncio.subprocess.Process) -> None:
    def polling() -> bool:  # deleteWebhook is run_polling's last step before the first poll
        return bool(server.calls_of("deleteWebhook")) or process.returncode is not None

    await server.wait_for(polling, seconds=600)
    if process.returncode is not None:
        raise SystemExit(f"kbot run exited with {process.returncode} before polling")


async def run(args: argparse.Namespace) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="kbot-throughput-"))
    knowledge = SHIPPED_KNOWLEDGE
    if args.passages:
        from benchmarks.corpus import Generator, shipped, write_dir

        knowledge = work / "knowledge"
        knowledge.mkdir()
        write_dir(Generator(shipped()).knowledge(args.passages), knowledge)
    try:
        async with FakeBotAPI() as server:
            started = time.perf_counter()
            command = ["-m", "bot", "run"]
            if args.pool is not None:
                command = ["-c", _RUN_WITH_POOL.format(pool=args.pool)]
            process = await asyncio.create_subprocess_exec(
                sys.executable, *command,
                env=_env(server, knowledge, work / "data", args.overall_rate),
                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
            )  # fmt: skip
            try:
                await _wait_until_polling(server, process)
                startup = time.perf_counter() - started
                # One question first: imports and caches warm, as in a bot that has been running.
                warm_user = FakeBotAPI.user(6_999_999_999, "W")
                server.send(FakeBotAPI.private_chat(warm_user), warm_user, "what is ketamine")
                await server.sent_to(warm_user["id"], seconds=60)
                rss_before, _ = _memory(process.pid)
                sent_before = len(server.sent)
                # Read and drawn before the clock starts: parsing the YAML takes longer than
                # queueing the burst, and the bot would wait for it.
                questions = _questions(random.Random(SEED), args.updates)
                profiler = _profile(process.pid, args) if args.profile else None
                t0 = time.perf_counter()
                asked = _burst(server, questions)
                arrival: dict[int, float] = {}  # index in server.sent -> seconds after t0

                def all_replied() -> bool:
                    for i in range(sent_before + len(arrival), len(server.sent)):
                        arrival[i] = time.perf_counter() - t0
                    return len(arrival) >= len(asked)

                try:
                    await server.wait_for(all_replied, seconds=args.timeout)
                except TimeoutError:
                    pass
                await asyncio.sleep(args.settle)  # duplicates would arrive now
                all_replied()
                if profiler is not None:
                    profiler.wait(timeout=120)
                rss, peak = _memory(process.pid)
            finally:
                if process.returncode is None:
                    process.send_signal(signal.SIGTERM)
                _, stderr = await asyncio.wait_for(process.communicate(), 60)
            return _report(server, asked, arrival, sent_before, startup, rss_before, rss, peak) | {
                "exit": process.returncode,
                "stderr": stderr.decode(errors="replace")[-2000:],
            }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _profile(pid: int, args: argparse.Namespace) -> subprocess.Popen[bytes]:
    """py-spy sampling the bot process for the length of the burst."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    fmt = "flamegraph" if args.profile.endswith(".svg") else "raw"
    return subprocess.Popen(
        [spy, "record", "--pid", str(pid), "--duration", str(args.profile_seconds),
         "--rate", "200", "--format", fmt, "--output", args.profile, "--nonblocking"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _report(
    server: FakeBotAPI,
    asked: list[Asked],
    arrival: dict[int, float],
    sent_before: int,
    startup: float,
    rss_before: float,
    rss: float,
    peak: float,
) -> dict[str, Any]:
    expected: Counter[int] = Counter(a.chat_id for a in asked if a.message_id is None)
    expected_group = {(a.chat_id, a.message_id) for a in asked if a.message_id is not None}
    got: Counter[int] = Counter()
    group_replies: Counter[tuple[int, int]] = Counter()
    times: list[float] = []
    per_chat_times: dict[int, list[float]] = defaultdict(list)
    for i, seconds in sorted(arrival.items()):
        message = server.sent[i]
        chat_id = message["chat"]["id"]
        reply = message.get("reply_to_message")
        if chat_id < 0 and reply is not None:
            group_replies[(chat_id, reply["message_id"])] += 1
        elif chat_id > 0:
            got[chat_id] += 1
        per_chat_times[chat_id].append(seconds)
        times.append(seconds)
    lost = sum(max(0, n - got[c]) for c, n in expected.items())
    lost += sum(1 for key in expected_group if group_replies[key] == 0)
    duplicated = sum(max(0, got[c] - n) for c, n in expected.items())
    duplicated += sum(n - 1 for n in group_replies.values() if n > 1)
    duplicated += sum(n for key, n in group_replies.items() if key not in expected_group)
    answered = len(asked) - lost
    last = max(times) if times else float("nan")
    flood = [c for c in server.calls if c.status == 429]
    kinds = Counter(a.kind for a in asked)
    return {
        "updates": len(asked),
        "private": sum(expected.values()),
        "group": len(expected_group),
        "kinds": dict(kinds),
        "answered": answered,
        "seconds": last,
        "per_second": answered / last if times else 0.0,
        "p50_ms": float(np.percentile(times, 50)) * 1000 if times else float("nan"),
        "p99_ms": float(np.percentile(times, 99)) * 1000 if times else float("nan"),
        "lost": lost,
        "duplicated": duplicated,
        "flood_429": len(flood),
        "problems": len(server.problems),
        "startup_s": startup,
        "rss_before_mb": rss_before,
        "rss_mb": rss,
        "peak_rss_mb": peak,
        "sent_total": len(server.sent) - sent_before,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--passages", type=int, default=0, help="synthetic knowledge of this size")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for replies")
    parser.add_argument("--settle", type=float, default=2.0, help="seconds to watch for duplicates")
    parser.add_argument(
        "--overall-rate",
        type=float,
        help="KBOT_OVERALL_RATE for the bot: sends/s to all chats (default 30; 0: no overall cap)",
    )
    parser.add_argument("--pool", type=int, help="the bot's HTTP connection pool size")
    parser.add_argument("--profile", help="py-spy output: .svg flame graph, else raw stacks")
    parser.add_argument("--profile-seconds", type=int, default=10)
    args = parser.parse_args()
    result = asyncio.run(run(args))
    cap = "default (30/s)" if args.overall_rate is None else f"{args.overall_rate:g}/s (0: none)"
    pool = f"default ({CONNECTION_POOL})" if args.pool is None else str(args.pool)
    print(
        f"kbot run, overall send cap {cap}, connection pool {pool};"
        " per-chat limits enforced by the fake server"
    )
    print(
        f"{result['updates']:,} updates ({result['private']:,} private in {PRIVATE_CHATS} chats,"
        f" {result['group']:,} group mentions in {GROUPS} groups; expected kinds {result['kinds']})"
    )
    print(
        f"answered {result['answered']:,} in {result['seconds']:.2f} s:"
        f" {result['per_second']:.0f} updates/s; injection to reply p50 {result['p50_ms']:.0f} ms,"
        f" p99 {result['p99_ms']:.0f} ms"
    )
    print(
        f"lost {result['lost']}, duplicated {result['duplicated']}, 429s sent by the server"
        f" {result['flood_429']}, HTML problems {result['problems']}"
    )
    print(
        f"bot process: start-up {result['startup_s']:.1f} s, RSS {result['rss_before_mb']:.0f} MiB"
        f" before the burst, {result['rss_mb']:.0f} MiB after, peak {result['peak_rss_mb']:.0f} MiB;"
        f" exit {result['exit']}"
    )
    if result["exit"] != 0:
        print(result["stderr"], file=sys.stderr)
    if result["lost"] or result["duplicated"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
