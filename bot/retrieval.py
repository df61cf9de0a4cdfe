"""BM25 retrieval over passages: an inverted index that scores exactly as rank-bm25 would.

rank-bm25's BM25Okapi gives a word found in more than half of the passages a negative idf, which
it then replaces with a small epsilon (rank_bm25 issues #29, #39, #43). In this knowledge base
"ketamine" is in almost every passage, so those scores would be meaningless. `LuceneBM25` keeps
BM25Okapi's term-frequency part and uses the idf of Lucene's BM25Similarity:

    idf(t) = ln(1 + (N - df(t) + 0.5) / (df(t) + 0.5))

which is positive for every df (Robertson & Zaragoza 2009; Lucene since 6.0).

`Index` does not loop over every passage for every question word as rank-bm25 does. At build it
stores, for each term, the passages that have it and the term's BM25 weight in each of them,
computed with rank-bm25's own expression and operation order in float64:

    idf(t) * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)))

where dl counts every term of the passage, repeats included. A question adds up the weights of
its terms in the order rank-bm25 does, a repeated term once per occurrence; a passage without
the term would have added exactly 0.0. So the scores are the same floats as
`LuceneBM25(docs).get_scores(terms)` (tests/test_retrieval_index.py keeps rank-bm25 as the
oracle), and a question only touches the passages that share a term with it.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from rank_bm25 import BM25Okapi

from bot.bulk import paused_gc, yielding
from bot.models import Hit, Passage, SynonymGroup
from bot.text import Analyzer, Synonyms, is_everyday, stem

K1 = 1.2
B = 0.75
# A question word no passage has (after typo correction) counts this share of the largest idf
# when measuring coverage: enough that "is ketamine good for acne" is not an answer, not so much
# that one lay word ("does ketamine hurt the bladder") sinks a good match.
UNKNOWN_WEIGHT = 0.75
DENSE_SHARE = 8
CHUNK = 1024  # passages per chunk when looking for the best scores

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


class LuceneBM25(BM25Okapi):  # type: ignore[misc]
    """BM25Okapi with Lucene's always-positive idf (the tests' oracle for `Index`)."""

    def __init__(self, corpus: Sequence[Sequence[str]], k1: float = K1, b: float = B) -> None:
        super().__init__(corpus, k1=k1, b=b)

    def _calc_idf(self, nd: dict[str, int]) -> None:
        n = self.corpus_size
        self.idf = {word: lucene_idf(n, df) for word, df in nd.items()}


def lucene_idf(n: int, df: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


@dataclass(frozen=True)
class Query:
    """A question turned into search terms; a repeated term counts once more each time."""

    terms: tuple[str, ...]

    @property
    def unique(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.terms))


class Postings:
    """Term → (passages, BM25 weights), in compressed sparse rows: term t's passages are
    `docs[start[t]:start[t + 1]]` (ascending), its weights the same slice of `weights`.

    Built from term numbers: `numbers[j]` is the term (a position in `terms`) of the j-th term
    occurrence, and `doc_of[j]` the passage it occurs in; `size` passages in all.
    """

    def __init__(
        self,
        terms: Sequence[str],
        numbers: npt.NDArray[np.integer[Any]],
        doc_of: npt.NDArray[np.integer[Any]],
        size: int,
        k1: float = K1,
        b: float = B,
    ) -> None:
        self.size = n = size
        self.term_ids = {term: t for t, term in enumerate(terms)}
        lengths = np.bincount(doc_of, minlength=n)  # every occurrence counts, as in rank-bm25
        # One key per occurrence; sorting the keys groups terms, then passages. (In place, and
        # below too: at 100k passages each temporary array is tens of megabytes.)
        keys = numbers.astype(np.int64)
        keys *= max(n, 1)
        keys += doc_of
        keys.sort()
        first = np.ones(len(keys), dtype=np.bool_)
        np.not_equal(keys[1:], keys[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        del first
        tf = np.diff(starts, append=len(keys))
        term_of, doc = np.divmod(keys[starts], max(n, 1))
        del keys, starts
        df = np.bincount(term_of, minlength=len(terms))
        self.start: Ints = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(df, out=self.start[1:])
        self.docs: Ints = doc  # int64 (numpy's index type): int32 indices would be converted
        # rank-bm25 computes idf with math.log on Python ints; so do we, once per distinct df.
        by_df = {d: lucene_idf(n, d) for d in np.unique(df).tolist()}
        self.idf: Floats = np.array([by_df[d] for d in df.tolist()], dtype=np.float64)
        # The expression and operation order of BM25Okapi.get_scores, elementwise, in float64.
        # In place, each step is the same float64 operation (+ and * commute exactly):
        #   idf * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)))
        avgdl = int(lengths.sum()) / n if n else 0.0
        norm = lengths[doc].astype(np.float64)
        norm *= b
        norm /= avgdl
        norm += 1 - b
        norm *= k1
        norm += tf
        weights = tf * (k1 + 1)
        weights /= norm
        del norm
        weights *= self.idf[term_of]
        self.weights: Floats = weights
        # A term in at least 1/DENSE_SHARE of the passages is also kept as a full row: adding it
        # to the scores is one contiguous pass, far quicker than scattering that many weights.
        self.dense: dict[int, Floats] = {}
        for t in np.flatnonzero(df * DENSE_SHARE >= max(n, 1)).tolist():
            row = np.zeros(n, dtype=np.float64)
            row[self.docs[self.start[t] : self.start[t + 1]]] = self.weights[
                self.start[t] : self.start[t + 1]
            ]
            self.dense[t] = row

    @classmethod
    def from_docs(cls, docs: Sequence[Sequence[str]], k1: float = K1, b: float = B) -> Postings:
        """Postings of token lists, as `BM25Okapi(docs)` sees them."""
        numbering: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        numbers = np.array([numbering[t] for doc in docs for t in doc], dtype=np.int64)
        lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
        doc_of = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
        return cls(list(numbering), numbers, doc_of, len(docs), k1, b)

    def row(self, term: str) -> tuple[Ints, Floats] | None:
        t = self.term_ids.get(term)
        if t is None:
            return None
        lo, hi = self.start[t], self.start[t + 1]
        return self.docs[lo:hi], self.weights[lo:hi]

    def scores(self, terms: Sequence[str]) -> Floats:
        """BM25 scores of every passage for `terms` (repeats count), as rank-bm25 adds them."""
        scores = np.zeros(self.size, dtype=np.float64)
        for term in terms:
            t = self.term_ids.get(term)
            if t is None:
                continue  # rank-bm25 adds 0.0 for a term no passage has
            dense = self.dense.get(t)
            if dense is not None:
                np.add(scores, dense, out=scores)  # + 0.0 where the term is absent
            else:
                lo, hi = self.start[t], self.start[t + 1]
                scores[self.docs[lo:hi]] += self.weights[lo:hi]
        return scores

    def has(self, term: str, docs: Ints) -> npt.NDArray[np.bool_]:
        """For each passage of `docs`: does it have `term`?"""
        row = self.row(term)
        if row is None or not len(row[0]):
            return np.zeros(len(docs), dtype=np.bool_)
        found = row[0]
        at = np.minimum(np.searchsorted(found, docs), len(found) - 1)
        return np.asarray(found[at] == docs)

    @property
    def nbytes(self) -> int:
        arrays = [self.start, self.docs, self.weights, self.idf, *self.dense.values()]
        return sum(a.nbytes for a in arrays)


class Index:
    """An immutable BM25 index over passages. Build a new one to change it; never mutate."""

    def __init__(self, passages: Sequence[Passage], synonyms: Sequence[SynonymGroup]) -> None:
        base = Analyzer(Synonyms(synonyms))
        self.passages = tuple(passages)
        self.size = n = len(self.passages)
        texts = yielding(" ".join((p.text, *p.keywords)) for p in self.passages)
        with paused_gc():
            found = base.number_terms(texts)
        self.analyzer = base.with_vocabulary(w for w in found.words if w.isalpha())
        # Terms some passage word of which is an everyday English word ("fine", "side", "call").
        self._everyday = frozenset(stem(w) for w in found.words if is_everyday(w))
        numbers = np.frombuffer(found.numbers, dtype=np.intc)
        doc_of = np.repeat(np.arange(n, dtype=np.int32), found.counts)
        terms = found.terms
        del found
        kept = numbers >= 0  # stop words are not terms
        self.postings = Postings(terms, numbers[kept], doc_of[kept], n)
        # Ties are broken by passage id (then by position, as a stable sort would).
        by_id = sorted(range(n), key=lambda i: self.passages[i].id)
        self._id_rank: Ints = np.empty(n, dtype=np.int64)
        self._id_rank[by_id] = np.arange(n, dtype=np.int64)
        self._unknown_idf = UNKNOWN_WEIGHT * lucene_idf(n, 0)
        # Words the synonyms file explains ("wreck" → damage) are searched as their canonical
        # words; when no passage has the word itself, it does not count as unknown either.
        self._explained = frozenset(stem(w) for w in base.synonyms.words)
        self._position = {p.id: i for i, p in enumerate(self.passages)}
        # Terms that are by themselves a keyword of some passage ("safe": the question "is it
        # safe?" is about safety, whatever came before).
        self._sole_keywords = frozenset(
            terms[0]
            for p in self.passages
            for k in p.keywords
            if len(terms := self.analyzer.terms(k)) == 1
        )
        self._topic_codes: dict[str, int] = {}
        self._topic_of: Ints = np.array(
            [self._topic_codes.setdefault(p.topic, len(self._topic_codes)) for p in self.passages],
            dtype=np.int64,
        )

    def query(self, question: str) -> Query:
        return Query(tuple(self.analyzer.query_terms(question)))

    def everyday(self, term: str) -> bool:
        """Whether `term` stands for an everyday English word in some passage ("fine", "call"):
        a question that matches a passage by such a word alone is not about that passage."""
        return term in self._everyday

    def keyword_alone(self, passage_id: str, term: str) -> bool:
        """Whether `term` is by itself one of the passage's keywords ("drive"), not only a word
        of a longer one ("what happens at a session" is not about any "what happened")."""
        passage = self.passages[self._position[passage_id]]
        return any(self.analyzer.terms(k) == [term] for k in passage.keywords)

    def has_keyword(
        self, passage_id: str, terms: Sequence[str], *, ignore: frozenset[str] = frozenset()
    ) -> bool:
        """Whether all the terms of one of the passage's keywords are among `terms`; a keyword
        of `ignore` terms only ("ketamine") does not count."""
        passage = self.passages[self._position[passage_id]]
        have = set(terms)
        for keyword in passage.keywords:
            needed = set(self.analyzer.terms(keyword))
            if needed and not needed <= ignore and needed <= have:
                return True
        return False

    def sole_keyword(self, term: str) -> bool:
        """Whether `term` is by itself a keyword of some passage ("safe")."""
        return term in self._sole_keywords

    def knows(self, term: str) -> bool:
        """Whether some passage has `term`."""
        return term in self.postings.term_ids

    def contains(self, passage_id: str, terms: Sequence[str]) -> bool:
        """Whether the passage `passage_id` has any of `terms`."""
        at = np.array([self._position[passage_id]], dtype=np.int64)
        return any(bool(self.postings.has(t, at)[0]) for t in terms)

    def idf(self, term: str) -> float:
        """The idf of `term`; a term no passage has gets UNKNOWN_WEIGHT of the largest idf."""
        if not self.size:
            return 0.0
        t = self.postings.term_ids.get(term)
        return float(self.postings.idf[t]) if t is not None else self._unknown_idf

    def scores(self, query: Query) -> list[float]:
        return self.postings.scores(query.terms).tolist()  # type: ignore[no-any-return]

    def search(self, query: Query, k: int = 5, *, topic: str | None = None) -> list[Hit]:
        """The `k` best passages with a positive score, best first (ties by passage id);
        only passages of `topic` when it is given."""
        if not self.size or not query.terms or k <= 0:
            return []
        scores = self.postings.scores(query.terms)
        if topic is not None:
            scores[self._topic_of != self._topic_codes.get(topic, -1)] = 0.0
        ranked = _top(scores, self._id_rank, k)
        unique = query.unique
        weights = [
            0.0 if t in self._explained and not self.knows(t) else self.idf(t) for t in unique
        ]
        total = sum(weights) or 1.0
        # The idf of the query terms each passage has, added in query order (adding 0.0 for a
        # term it lacks changes nothing), as sum() over those terms would.
        matched = np.zeros(len(ranked), dtype=np.float64)
        for term, weight in zip(unique, weights, strict=True):
            matched += np.where(self.postings.has(term, ranked), weight, 0.0)
        return [
            Hit(self.passages[i], score, m / total, m)
            for i, score, m in zip(
                ranked.tolist(), scores[ranked].tolist(), matched.tolist(), strict=True
            )
        ]


def _top(scores: Floats, id_rank: Ints, k: int) -> Ints:
    """Positions of the `k` best positive scores, best first, ties by `id_rank`."""
    # The k-th largest of the chunks' maxima is at most the k-th largest score: every passage at
    # or above it is a candidate, which is the k best, all tied with them, and usually few more.
    chunk_max = np.maximum.reduceat(scores, np.arange(0, len(scores), CHUNK))
    if len(chunk_max) > k:
        floor = np.partition(chunk_max, len(chunk_max) - k)[len(chunk_max) - k]
        candidates = np.flatnonzero(scores >= floor)
        candidates = candidates[scores[candidates] > 0]
    else:
        candidates = np.flatnonzero(scores > 0)
    order = np.lexsort((id_rank[candidates], -scores[candidates]))
    return candidates[order[:k]]
