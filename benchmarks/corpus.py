"""Synthetic knowledge for the benchmarks: many passages, a fixed seed, a realistic vocabulary.

Words follow a Zipf-Mandelbrot law over the shipped passages' words (most frequent first) and
then made-up words built from syllables, so the vocabulary keeps growing with the corpus as real
text does (Heaps' law) and typo correction faces a large vocabulary. Passage lengths are drawn
from the shipped passages. Every passage passes the validator (length, sentences, no dose amount).
The shipped passages are included, so questions about the shipped knowledge still find answers.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import yaml

from bot.config import SHIPPED_KNOWLEDGE
from bot.dose import find_dose_amount
from bot.knowledge import MAX_TEXT, Knowledge, load_dir
from bot.models import Passage
from bot.text import words

SEED = 20260101
ZIPF_S = 1.2
ZIPF_Q = 2.7
VOCABULARY = 150_000  # ~9k distinct words in 1k passages, ~42k in 10k, ~120k in 100k
SENTENCE_WORDS = 16
_ONSETS = (
    *("", "b", "br", "c", "ch", "d", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pr"),
    *("r", "s", "sh", "st", "t", "tr", "v", "w", "z"),
)
_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "i", "o", "ea", "io", "ou")
_CODAS = ("", "", "", "", "n", "r", "s", "l", "m", "nd", "st", "x")


def shipped() -> Knowledge:
    return load_dir(SHIPPED_KNOWLEDGE)


def _made_up_words(known: set[str], count: int, rng: np.random.Generator) -> list[str]:
    syllables = [o + v + c for o, v, c in itertools.product(_ONSETS, _VOWELS, _CODAS)]
    result: list[str] = []
    seen = set(known)
    while len(result) < count:
        size = int(rng.integers(2, 4))
        word = "".join(syllables[i] for i in rng.integers(0, len(syllables), size))
        if word not in seen:
            seen.add(word)
            result.append(word)
    return result


class Generator:
    """Synthetic passages and questions over the shipped knowledge's words."""

    def __init__(self, base: Knowledge, seed: int = SEED) -> None:
        self.base = base
        self.rng = np.random.default_rng(seed)
        counts = Counter(w for p in base.passages for w in words(p.text) if w.isalpha())
        ranked = [w for w, _ in counts.most_common()]
        extra = max(0, VOCABULARY - len(ranked))
        self.vocabulary = ranked + _made_up_words(set(ranked), extra, self.rng)
        ranks = np.arange(1, len(self.vocabulary) + 1, dtype=np.float64)
        weights = 1.0 / (ranks + ZIPF_Q) ** ZIPF_S
        self._cdf = np.cumsum(weights) / weights.sum()
        self._lengths = np.array([len(words(p.text)) for p in base.passages])
        self._topics = [t.id for t in base.topics] or ["basics"]
        self._sources = sorted(base.sources) or ["source"]

    def _words(self, count: int) -> list[str]:
        ranks = np.searchsorted(self._cdf, self.rng.random(count), side="right")
        return [self.vocabulary[min(int(r), len(self.vocabulary) - 1)] for r in ranks]

    def text(self) -> str:
        """One passage text: 1-4 sentences, at most MAX_TEXT characters, no dose amount."""
        while True:
            chosen = self._words(int(self.rng.choice(self._lengths)))
            sentences: list[str] = []
            used = 0
            for start in range(0, len(chosen), SENTENCE_WORDS):
                part = chosen[start : start + SENTENCE_WORDS]
                sentence = " ".join(part).capitalize() + "."
                if len(sentences) == 4 or used + len(sentence) + 1 > MAX_TEXT:
                    break
                sentences.append(sentence)
                used += len(sentence) + 1
            text = " ".join(sentences)
            if text and find_dose_amount(text) is None:
                return text

    def passages(self, count: int) -> list[Passage]:
        """`count` passages: the shipped ones, then synthetic ones up to `count`."""
        reviewed = dt.date.today() - dt.timedelta(days=30)
        result = list(self.base.passages[:count])
        for i in range(count - len(result)):
            result.append(
                Passage(
                    id=f"synthetic-{i:06d}",
                    topic=self._topics[i % len(self._topics)],
                    text=self.text(),
                    source=self._sources[i % len(self._sources)],
                    reviewed=reviewed,
                )
            )
        return result

    def knowledge(self, count: int) -> Knowledge:
        b = self.base
        return Knowledge(
            sources=b.sources,
            topics=b.topics,
            passages=tuple(sorted(self.passages(count), key=lambda p: p.id)),
            synonyms=b.synonyms,
            safety=b.safety,
            resources=b.resources,
        )

    def questions_from(self, passages: list[Passage], count: int) -> list[str]:
        """Questions made of 2-6 words of random passages, one in four with a typo."""
        result = []
        for _ in range(count):
            passage = passages[int(self.rng.integers(0, len(passages)))]
            ws = [w for w in words(passage.text) if w.isalpha()] or ["ketamine"]
            size = min(len(ws), int(self.rng.integers(2, 7)))
            picked = [ws[int(i)] for i in self.rng.choice(len(ws), size, replace=False)]
            if self.rng.random() < 0.25:
                picked = [_typo(w, self.rng) for w in picked]
            result.append("what about " + " ".join(picked) + "?")
        return result


def _typo(word: str, rng: np.random.Generator) -> str:
    """`word` with one letter doubled or two neighbours swapped (5+ letters only)."""
    if len(word) < 5:
        return word
    i = int(rng.integers(1, len(word) - 1))
    if rng.random() < 0.5:
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def write_dir(knowledge: Knowledge, folder: Path, per_file: int = 5000) -> None:
    """Write `knowledge` as a knowledge folder: the shipped special files, passages in chunks."""
    for name in ("sources.yaml", "topics.yaml", "synonyms.yaml", "safety.yaml", "resources.yaml"):
        shipped_file = SHIPPED_KNOWLEDGE / name
        if shipped_file.exists():
            (folder / name).write_text(shipped_file.read_text(encoding="utf-8"), encoding="utf-8")
    for n, chunk in enumerate(_chunks(list(knowledge.passages), per_file)):
        entries = [
            {
                "id": p.id,
                "topic": p.topic,
                "text": p.text,
                "source": p.source,
                "reviewed": p.reviewed,
                **({"region": p.region} if p.region else {}),
                **({"keywords": list(p.keywords)} if p.keywords else {}),
            }
            for p in chunk
        ]
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        text = yaml.dump({"passages": entries}, Dumper=dumper, sort_keys=False, width=100)
        (folder / f"imported-{n:03d}.yaml").write_text(text, encoding="utf-8")


def _chunks(items: list[Passage], size: int) -> Iterator[list[Passage]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
