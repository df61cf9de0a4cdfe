"""Typo correction against a large vocabulary, without comparing a word with every known word.

The rule (unchanged from the first version, which scanned the whole vocabulary): a word is
replaced by the known word at the smallest optimal-string-alignment distance (a transposition of
two neighbours counts as one edit), at most one edit for words up to 7 letters and two beyond,
with the same first letter; on a tie the first in sorted order wins. tests/test_text.py compares
`Speller` with that scan on many words.

What makes it fast, without changing a single answer:

* Known words are sorted by first letter, then length, then alphabetically, so the candidates
  (same first letter, length within the allowed edits) are one contiguous slice.
* Letter counts filter that slice before any edit distance is computed. One edit changes the
  multiset of a word's letters by at most one letter each way and a transposition not at all, so
  two words within `e` edits share at least max(len(a), len(b)) - e letters (counted with
  multiplicity; letters other than a-z share one bin, which only makes the test more lenient).
  That test is a few numpy operations over the slice; typically a handful of candidates pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from operator import itemgetter

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA

_BINS = 27  # a-z, then everything else
_MAX_COUNT = 255  # letter counts are stored in uint8


def _bins(text: str) -> npt.NDArray[np.int64]:
    """The letter bin of each character of `text`."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(
        np.int64
    ) - ord("a")
    return np.where((codes >= 0) & (codes < 26), codes, 26)


class Speller:
    """The closest word of a vocabulary (see the module docstring for the rule)."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        words: list[str] = []  # by first letter, then length, then alphabetically
        self._spans: dict[tuple[str, int], tuple[int, int]] = {}  # (first letter, length) -> rows
        for first, group in groupby(sorted(vocabulary), key=itemgetter(slice(0, 1))):
            start = len(words)
            words.extend(sorted(group, key=len))  # a stable sort: alphabetical within a length
            for length, same in groupby(map(len, words[start:])):
                end = start + sum(1 for _ in same)
                self._spans[(first, length)] = (start, end)
                start = end
        self._words = words
        self._lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        rows = np.repeat(np.arange(len(words), dtype=np.int64), self._lengths)
        counts = np.bincount(
            _bins("".join(words)) * len(words) + rows, minlength=_BINS * len(words)
        )
        # letters[b, i]: how many characters of bin b word i has (saturated; see `closest`)
        self._letters = np.minimum(counts, _MAX_COUNT).astype(np.uint8).reshape(_BINS, len(words))

    def closest(self, word: str) -> str:
        """The closest known word within the allowed edits, else `word` itself."""
        edits = 1 if len(word) <= 7 else 2
        n = len(word)
        spans = [self._spans.get((word[:1], length)) for length in range(n - edits, n + edits + 1)]
        found = [s for s in spans if s is not None]
        if not found:
            return word
        lo, hi = found[0][0], found[-1][1]
        if n <= _MAX_COUNT:  # then no count of `word` is saturated, so min() is exact
            bins, counts = np.unique(_bins(word), return_counts=True)
            shared = np.minimum(self._letters[bins, lo:hi], counts[:, None]).sum(axis=0)
            needed = np.maximum(self._lengths[lo:hi], n) - edits
            candidates = (np.flatnonzero(shared >= needed) + lo).tolist()
        else:
            candidates = list(range(lo, hi))
        best: tuple[float, str] | None = None
        for i in candidates:
            known = self._words[i]
            distance = OSA.distance(word, known, score_cutoff=edits)
            if distance <= edits and (best is None or (distance, known) < best):
                best = (distance, known)
        return best[1] if best is not None else word
