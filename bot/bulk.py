"""Building big immutable structures (100k passages) without stalling the rest of the process.

Loading a large knowledge folder or building its index makes millions of small objects and no
reference cycles. Python's cyclic garbage collector, triggered by all those allocations, would
repeatedly walk every object alive (the running index included): measured at 100k passages, a
quarter of the load time, and pauses of 60-100 ms for whatever else the process is doing, such
as answering while a reload builds the new index in a thread. `paused_gc` turns the collector
off for the build (reference counting still frees everything as usual); `yielding` lets other
threads in regularly.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # builds under way
_was_enabled = True  # the collector's state before the first of them


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside; nested and concurrent uses are counted."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


def yielding(items: Iterable[str], every: int = 1000) -> Iterator[str]:
    """`items`, letting other threads run (sleep(0) drops the GIL) after every `every` items."""
    for n, item in enumerate(items, start=1):
        if n % every == 0:
            time.sleep(0)
        yield item
