"""Time per question and memory: the index beside plain rank-bm25, from the shipped knowledge to 100k.

    .venv/bin/python -m benchmarks.retrieval                 # shipped, 1k, 10k, 100k + loading
    .venv/bin/python -m benchmarks.retrieval --sizes 1000    # a quick look

Each corpus runs in a fresh process, so its memory figures are its own: RSS grows by "index MB"
when the Engine builds its index, then by "bm25 MB" when rank-bm25 (LuceneBM25, the variant the
index reproduces) is built on the same terms. For every question of the run it times
`get_scores` (rank-bm25), `Index.search` (scores, top 8, coverage) and the whole answer
(safety, query analysis, search, quotes, plain text and HTML), and checks that both give the
same top 8. Synthetic corpora come from benchmarks/corpus.py with a fixed seed; questions from
evals/qa.yaml, the topics' examples and words of random passages (a quarter with a typo).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.corpus import Generator, shipped, write_dir
from bot.core import Engine
from bot.evaluation import load_qa
from bot.knowledge import Knowledge, load_dir
from bot.render import to_html, to_text
from bot.retrieval import Index, LuceneBM25, Query

QA_FILE = Path(__file__).resolve().parent.parent / "evals" / "qa.yaml"
SIZES = (0, 1_000, 10_000, 100_000)  # 0: the shipped knowledge
ROUNDS = 3  # the index and the whole answer are timed this many times per question


def rss_mb() -> float:
    """Resident memory of this process now, in MiB."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _percentiles(samples: list[float]) -> tuple[float, float]:
    values = np.array(samples) * 1000  # ms
    return float(np.median(values)), float(np.percentile(values, 99))


def _questions(knowledge: Knowledge, generator: Generator, count: int) -> list[str]:
    pool = [t.example for t in knowledge.topics]
    if QA_FILE.exists():
        pool += [case.question for case in load_qa(QA_FILE)]
    pool = pool[: count // 2] if count < 2 * len(pool) else pool
    return pool + generator.questions_from(list(knowledge.passages), count - len(pool))


def _time(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(size: int, questions: int) -> dict[str, Any]:
    """Build, time and compare on one corpus (`size` 0: the shipped knowledge)."""
    base = shipped()
    generator = Generator(base)
    knowledge = generator.knowledge(size) if size else base
    asked = _questions(knowledge, generator, questions)
    gc.collect()
    rss0 = rss_mb()
    start = time.perf_counter()
    engine = Engine(knowledge)
    build = time.perf_counter() - start
    gc.collect()
    rss1 = rss_mb()
    index = engine.index

    search_t, answer_t = [], []
    for question in asked:  # warm-up, then timed rounds
        to_html(engine.answer(question))
    for _ in range(ROUNDS):
        for question in asked:
            query = index.query(question)

            def search(q: Query = query) -> None:
                index.search(q, k=8)

            search_t.append(_time(search))

            def whole(q: str = question) -> None:
                reply = engine.answer(q)
                to_text(reply), to_html(reply)

            answer_t.append(_time(whole))

    during, pause, reload_s = _answering_during_reload(engine, knowledge, asked)
    index_kept = _retained(lambda: Index(knowledge.passages, knowledge.synonyms))
    docs = [index.analyzer.terms(" ".join((p.text, *p.keywords))) for p in knowledge.passages]
    bm25_kept = _retained(lambda: LuceneBM25(docs))
    gc.collect()
    rss2 = rss_mb()
    start = time.perf_counter()
    bm25 = LuceneBM25(docs)
    bm25_build = time.perf_counter() - start
    gc.collect()
    rss3 = rss_mb()
    bm25_t, differ = [], 0
    ids = [p.id for p in knowledge.passages]
    for question in asked:
        terms = list(index.query(question).terms)
        if not terms:
            continue
        start = time.perf_counter()
        scores = bm25.get_scores(terms)
        bm25_t.append(time.perf_counter() - start)
        top = sorted((i for i, s in enumerate(scores) if s > 0), key=lambda i: (-scores[i], ids[i]))
        expected = [ids[i] for i in top[:8]]
        differ += expected != [h.passage.id for h in index.search(index.query(question), k=8)]
    return {
        "corpus": "shipped" if not size else f"{size:,}",
        "passages": index.size,
        "terms": len(index.postings.term_ids),
        "questions": len(asked),
        "bm25": _percentiles(bm25_t),
        "index": _percentiles(search_t),
        "answer": _percentiles(answer_t),
        "build": build,
        "bm25_build": bm25_build,
        "index_mb": rss1 - rss0,
        "postings_mb": index.postings.nbytes / 2**20,
        "bm25_mb": rss3 - rss2,
        "rss_mb": rss_mb(),
        "differ": differ,
        "index_kept_mb": index_kept,
        "bm25_kept_mb": bm25_kept,
        "during_reload": _percentiles(during),
        "longest_pause_ms": pause * 1000,
        "reload_s": reload_s,
    }


def _retained(build: Callable[[], object]) -> float:
    """MiB still allocated once `build()`'s result is built (tracemalloc; temporaries freed)."""
    gc.collect()
    tracemalloc.start()
    try:
        kept = build()
        gc.collect()
        size = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    del kept
    return size / 2**20


def _answering_during_reload(
    engine: Engine, knowledge: Knowledge, asked: list[str]
) -> tuple[list[float], float, float]:
    """Answer in a loop while another thread builds a new Engine, as /reload does.

    Returns the answer times, the longest stretch in which a watcher thread that wakes every
    millisecond could not run (the GIL held by the build), and the build's own time.
    """
    done = threading.Event()
    build_time: list[float] = []
    longest = [0.0]

    def rebuild() -> None:
        start = time.perf_counter()
        Engine(knowledge)
        build_time.append(time.perf_counter() - start)
        done.set()

    def watch() -> None:
        last = time.perf_counter()
        while not done.is_set():
            time.sleep(0.001)
            now = time.perf_counter()
            longest[0] = max(longest[0], now - last - 0.001)
            last = now

    threads = [threading.Thread(target=rebuild), threading.Thread(target=watch)]
    for thread in threads:
        thread.start()
    times: list[float] = []
    n = 0
    while not done.is_set() or n < len(asked):
        question = asked[n % len(asked)]
        start = time.perf_counter()
        to_html(engine.answer(question))
        times.append(time.perf_counter() - start)
        n += 1
    for thread in threads:
        thread.join()
    return times, longest[0], build_time[0]


def measure_loading(size: int) -> dict[str, Any]:
    """Write a knowledge folder of `size` passages, then time load_dir and the Engine on it."""
    import yaml

    knowledge = Generator(shipped()).knowledge(size)
    with tempfile.TemporaryDirectory() as folder:
        write_dir(knowledge, Path(folder))
        del knowledge
        gc.collect()
        rss0 = rss_mb()
        start = time.perf_counter()
        loaded = load_dir(folder)
        load = time.perf_counter() - start
        rss1 = rss_mb()
        start = time.perf_counter()
        Engine(loaded)
        build = time.perf_counter() - start
    return {
        "passages": len(loaded.passages),
        "load": load,
        "build": build,
        "load_mb": rss1 - rss0,
        "rss_mb": rss_mb(),
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
    }


def _child(args: list[str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.retrieval", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| corpus | passages | terms | rank-bm25 get_scores median / p99 ms | index search"
        " median / p99 ms | speed-up (median) | whole answer median / p99 ms | build index /"
        " rank-bm25 s | RSS growth index / rank-bm25 MiB | kept index / rank-bm25 MiB"
        " | answer during reload median / p99 ms (longest pause) | top-8 differ |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['corpus']} | {r['passages']:,} | {r['terms']:,} "
            f"| {r['bm25'][0]:.3f} / {r['bm25'][1]:.3f} "
            f"| {r['index'][0]:.3f} / {r['index'][1]:.3f} "
            f"| {r['bm25'][0] / r['index'][0]:.0f}× "
            f"| {r['answer'][0]:.3f} / {r['answer'][1]:.3f} "
            f"| {r['build']:.2f} / {r['bm25_build']:.2f} "
            f"| {r['index_mb']:.0f} / {r['bm25_mb']:.0f} "
            f"| {r['index_kept_mb']:.0f} / {r['bm25_kept_mb']:.0f} "
            f"| {r['during_reload'][0]:.2f} / {r['during_reload'][1]:.2f}"
            f" ({r['longest_pause_ms']:.0f}) "
            f"| {r['differ']} of {r['questions']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="0 = shipped")
    parser.add_argument("--questions", type=int, default=200, help="questions per corpus")
    parser.add_argument(
        "--load", type=int, default=100_000, help="passages for the loading run (0: skip)"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one corpus
    parser.add_argument("--load-one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(measure(args.one, args.questions)))
        return
    if args.load_one is not None:
        print(json.dumps(measure_loading(args.load_one)))
        return

    print(
        f"python {sys.version.split()[0]}, numpy {np.__version__}, {os.cpu_count()} CPUs",
        flush=True,
    )
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        row = _child(["--one", str(size), "--questions", str(args.questions)])
        rows.append(row)
        print(
            f"{row['corpus']}: index {row['index'][0]:.3f} ms, rank-bm25 {row['bm25'][0]:.3f} ms,"
            f" answer p99 {row['answer'][1]:.3f} ms, RSS {row['rss_mb']:.0f} MiB",
            flush=True,
        )
    print()
    print(_table(rows))
    print()
    print(
        "Postings (CSR arrays) MiB:",
        ", ".join(f"{r['corpus']} {r['postings_mb']:.1f}" for r in rows),
    )
    if args.load:
        load = _child(["--load-one", str(args.load)])
        print(
            f"\nLoading a {load['passages']:,}-passage knowledge folder: load_dir {load['load']:.2f} s"
            f" (libyaml {'yes' if load['libyaml'] else 'no'}, +{load['load_mb']:.0f} MiB),"
            f" then the Engine's index {load['build']:.2f} s; RSS {load['rss_mb']:.0f} MiB"
        )
    mismatches = sum(r["differ"] for r in rows)
    print(f"\nTop-8 mismatches between the index and rank-bm25: {mismatches}")
    if mismatches:
        sys.exit(1)


if __name__ == "__main__":
    main()
