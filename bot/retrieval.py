"""BM25 retrieval over passages with rank-bm25, using an idf that never goes negative.

rank-bm25's BM25Okapi gives a word found in more than half of the passages a negative idf, which
it then replaces with a small epsilon (rank_bm25 issues #29, #39, #43). In this knowledge base
"ketamine" is in almost every passage, so those scores would be meaningless. `LuceneBM25` keeps
BM25Okapi's term-frequency part and uses the idf of Lucene's BM25Similarity:

    idf(t) = ln(1 + (N - df(t) + 0.5) / (df(t) + 0.5))

which is positive for every df (Robertson & Zaragoza 2009; Lucene since 6.0).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rank_bm25 import BM25Okapi

from bot.models import Hit, Passage, SynonymGroup
from bot.text import Analyzer, Synonyms, words

K1 = 1.2
B = 0.75
# A question word no passage has (after typo correction) counts this share of the largest idf
# when measuring coverage: enough that "is ketamine good for acne" is not an answer, not so much
# that one lay word ("does ketamine hurt the bladder") sinks a good match.
UNKNOWN_WEIGHT = 0.5


class LuceneBM25(BM25Okapi):  # type: ignore[misc]
    """BM25Okapi with Lucene's always-positive idf."""

    def __init__(self, corpus: Sequence[Sequence[str]], k1: float = K1, b: float = B) -> None:
        super().__init__(corpus, k1=k1, b=b)

    def _calc_idf(self, nd: dict[str, int]) -> None:
        n = self.corpus_size
        self.idf = {word: math.log(1 + (n - df + 0.5) / (df + 0.5)) for word, df in nd.items()}


def lucene_idf(n: int, df: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


@dataclass(frozen=True)
class Query:
    """A question turned into search terms; a repeated term counts once more each time."""

    terms: tuple[str, ...]

    @property
    def unique(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.terms))


class Index:
    """An immutable BM25 index over passages. Build a new one to change it; never mutate."""

    def __init__(self, passages: Sequence[Passage], synonyms: Sequence[SynonymGroup]) -> None:
        base = Analyzer(Synonyms(synonyms))
        self.passages = tuple(passages)
        vocabulary: set[str] = set()
        docs: list[list[str]] = []
        for passage in self.passages:
            text = " ".join((passage.text, *passage.keywords))
            vocabulary.update(w for w in words(text) if w.isalpha())
            docs.append(base.terms(text))
        self.analyzer = base.with_vocabulary(vocabulary)
        self.doc_terms = tuple(frozenset(d) for d in docs)
        self._bm25 = LuceneBM25(docs) if docs else None
        self.size = len(docs)

    def query(self, question: str) -> Query:
        return Query(tuple(self.analyzer.query_terms(question)))

    def idf(self, term: str) -> float:
        """The idf of `term`; a term no passage has gets UNKNOWN_WEIGHT of the largest idf."""
        if self._bm25 is None:
            return 0.0
        value: float | None = self._bm25.idf.get(term)
        return value if value is not None else UNKNOWN_WEIGHT * lucene_idf(self.size, 0)

    def scores(self, query: Query) -> list[float]:
        if self._bm25 is None or not query.terms:
            return [0.0] * self.size
        return [float(s) for s in self._bm25.get_scores(list(query.terms))]

    def search(self, query: Query, k: int = 5) -> list[Hit]:
        """The `k` best passages with a positive score, best first (ties by passage id)."""
        scores = self.scores(query)
        ranked = sorted(
            (i for i, s in enumerate(scores) if s > 0),
            key=lambda i: (-scores[i], self.passages[i].id),
        )[:k]
        total = sum(self.idf(t) for t in query.unique) or 1.0
        hits = []
        for i in ranked:
            matched = sum(self.idf(t) for t in query.unique if t in self.doc_terms[i])
            hits.append(Hit(self.passages[i], scores[i], matched / total, matched))
        return hits
