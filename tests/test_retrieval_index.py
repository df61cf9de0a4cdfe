"""The inverted index scores exactly as rank-bm25 does: rank-bm25 (LuceneBM25) is the oracle.

Same scores (to float tolerance; in practice the same floats), same top-k with ties broken by
passage id, same coverage, on the shipped knowledge, on random corpora and on rank_bm25's
tiny-corpus issues. No timing here: benchmarks/ measures speed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import retrieval
from bot.config import SHIPPED_KNOWLEDGE
from bot.evaluation import load_qa
from bot.knowledge import Knowledge, load_dir, split_sentences
from bot.models import Passage, SynonymGroup
from bot.retrieval import UNKNOWN_WEIGHT, Index, LuceneBM25, Postings, Query, lucene_idf
from bot.text import Analyzer, Synonyms, stem
from tests.test_retrieval import ISSUE_CORPORA

QA_FILE = Path(__file__).resolve().parent.parent / "evals" / "qa.yaml"


class Oracle:
    """What `Index.search` returned when it was built on rank-bm25 (the code before the index)."""

    def __init__(self, passages: tuple[Passage, ...], synonyms: tuple[SynonymGroup, ...]) -> None:
        analyzer = Analyzer(Synonyms(synonyms))
        docs = [analyzer.terms(" ".join((p.text, *p.keywords))) for p in passages]
        self.passages = passages
        self.doc_terms = [frozenset(d) for d in docs]
        self.bm25 = LuceneBM25(docs)
        self.explained = frozenset(stem(w) for w in analyzer.synonyms.words)

    def idf(self, term: str) -> float:
        value: float | None = self.bm25.idf.get(term)
        return value if value is not None else UNKNOWN_WEIGHT * lucene_idf(len(self.passages), 0)

    def scores(self, query: Query) -> list[float]:
        if not query.terms:
            return [0.0] * len(self.passages)
        return [float(s) for s in self.bm25.get_scores(list(query.terms))]

    def search(self, query: Query, k: int) -> list[tuple[str, float, float, float]]:
        scores = self.scores(query)
        ranked = sorted(
            (i for i, s in enumerate(scores) if s > 0),
            key=lambda i: (-scores[i], self.passages[i].id),
        )[:k]
        # A synonym variant no passage has is not counted as unknown (its canonical words are).
        counted = [t for t in query.unique if t not in self.explained or t in self.bm25.idf]
        total = sum(self.idf(t) for t in counted) or 1.0
        result = []
        for i in ranked:
            matched = sum(self.idf(t) for t in query.unique if t in self.doc_terms[i])
            result.append((self.passages[i].id, scores[i], matched / total, matched))
        return result


def _same_search(index: Index, oracle: Oracle, query: Query, k: int = 8) -> None:
    expected = oracle.search(query, k)
    got = index.search(query, k)
    assert [h.passage.id for h in got] == [e[0] for e in expected], query
    for hit, (_, score, coverage, matched) in zip(got, expected, strict=True):
        assert hit.score == pytest.approx(score, rel=1e-12, abs=1e-12)
        assert hit.coverage == pytest.approx(coverage, rel=1e-12, abs=1e-12)
        assert hit.matched_idf == pytest.approx(matched, rel=1e-12, abs=1e-12)


def _same_scores(index: Index, oracle: Oracle, query: Query) -> None:
    np.testing.assert_allclose(index.scores(query), oracle.scores(query), rtol=1e-12, atol=1e-12)


@pytest.fixture(scope="module")
def shipped() -> tuple[Knowledge, Index, Oracle]:
    knowledge = load_dir(SHIPPED_KNOWLEDGE)
    index = Index(knowledge.passages, knowledge.synonyms)
    return knowledge, index, Oracle(knowledge.passages, knowledge.synonyms)


def _shipped_questions(knowledge: Knowledge) -> list[str]:
    questions = [t.example for t in knowledge.topics]
    if QA_FILE.exists():
        questions += [case.question for case in load_qa(QA_FILE)]
    for passage in knowledge.passages:
        questions.append(passage.text)
        questions += split_sentences(passage.text)[:1]
        questions += list(passage.keywords)
    return questions


def test_shipped_knowledge_same_scores_and_top_k(shipped) -> None:
    knowledge, index, oracle = shipped
    questions = _shipped_questions(knowledge)
    assert len(questions) > 2 * len(knowledge.passages)
    for question in questions:
        query = index.query(question)
        _same_scores(index, oracle, query)
        _same_search(index, oracle, query)


def test_shipped_knowledge_follow_up_queries_repeat_terms(shipped) -> None:
    """Engine searches a follow-up as (terms, terms, previous terms): repeats count each time."""
    knowledge, index, oracle = shipped
    previous = index.query("is ketamine legal in the uk")
    for topic in knowledge.topics:
        terms = index.query(topic.example).terms
        query = Query((*terms, *terms, *previous.terms))
        _same_scores(index, oracle, query)
        _same_search(index, oracle, query)


def test_the_same_floats_as_rank_bm25(shipped) -> None:
    """Not only close: the index adds rank-bm25's own float64 terms in rank-bm25's order."""
    _, index, oracle = shipped
    for question in ("is ketamine legal in the uk", "spravato nasal spray", "bladder bladder pee"):
        query = index.query(question)
        assert index.scores(query) == oracle.scores(query)


@pytest.mark.parametrize(("corpus", "query", "matching"), ISSUE_CORPORA, ids=["#29", "#39", "#43"])
def test_rank_bm25_issue_corpora(corpus, query, matching) -> None:
    docs = [doc.split() for doc in corpus]
    scores = Postings.from_docs(docs).scores(query)
    np.testing.assert_allclose(scores, LuceneBM25(docs).get_scores(query), rtol=1e-12)
    assert {i for i, s in enumerate(scores) if s > 0} == matching


def _random_corpus(rng: np.random.Generator) -> tuple[list[list[str]], list[str]]:
    vocabulary = [f"w{i}" for i in range(int(rng.integers(1, 60)))]
    size = int(rng.integers(1, 400))
    # Zipf-like word choice: a few words in most documents (high df), many rare ones.
    weights = 1.0 / np.arange(1, len(vocabulary) + 1)
    weights /= weights.sum()
    docs = []
    for _ in range(size):
        length = int(rng.integers(0, 30))  # empty documents too
        docs.append([vocabulary[int(i)] for i in rng.choice(len(vocabulary), length, p=weights)])
    if not any(docs):
        docs[0] = [vocabulary[0]]  # rank-bm25 divides by avgdl
    query = [vocabulary[int(i)] for i in rng.integers(0, len(vocabulary), int(rng.integers(0, 8)))]
    query += ["absent"] * int(rng.integers(0, 2))  # a term no document has
    if query and rng.random() < 0.5:
        query.append(query[0])  # a repeated term counts twice
    return docs, query


@pytest.mark.parametrize("seed", range(40))
def test_random_corpora_same_scores(seed: int) -> None:
    docs, query = _random_corpus(np.random.default_rng(seed))
    expected = LuceneBM25(docs).get_scores(query) if query else np.zeros(len(docs))
    np.testing.assert_allclose(Postings.from_docs(docs).scores(query), expected, rtol=1e-12)


@pytest.mark.parametrize("k1b", [(1.2, 0.75), (1.5, 0.75), (0.9, 0.4), (2.0, 0.9), (1.2, 0.0)])
def test_other_k1_and_b(k1b: tuple[float, float]) -> None:
    k1, b = k1b
    docs, query = _random_corpus(np.random.default_rng(99))
    query = query or ["w0"]
    expected = LuceneBM25(docs, k1=k1, b=b).get_scores(query)
    np.testing.assert_allclose(
        Postings.from_docs(docs, k1=k1, b=b).scores(query), expected, rtol=1e-12
    )


WORDS = ["ketamine", "bladder", "spray", "law", "uk", "k", "pain", "depress", "nasal", "class"]


def _passages(texts: list[str], ids: list[str]) -> tuple[Passage, ...]:
    return tuple(
        Passage(pid, "t", text, "s", dt.date(2026, 1, 1))
        for pid, text in zip(ids, texts, strict=True)
    )


@settings(max_examples=150, deadline=None)
@given(
    texts=st.lists(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join),
        min_size=1,
        max_size=30,
    ),
    query=st.lists(st.sampled_from([*WORDS, "weather", "the"]), max_size=6),
    ids=st.randoms(use_true_random=False),
    k=st.integers(1, 10),
)
def test_random_passages_same_hits_ties_by_id(texts, query, ids, k) -> None:
    """Few words, many ties: the index breaks them by passage id exactly as the sort did."""
    names = [f"p{i:03d}" for i in range(len(texts))]
    ids.shuffle(names)
    passages = _passages(texts, names)
    groups = (SynonymGroup("ketamine", ("special k",)),)
    index, oracle = Index(passages, groups), Oracle(passages, groups)
    q = index.query(" ".join(query))
    _same_scores(index, oracle, q)
    _same_search(index, oracle, q, k)


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 1024])
@pytest.mark.parametrize("seed", range(8))
def test_top_k_by_chunks_is_the_sort(monkeypatch, chunk: int, seed: int) -> None:
    monkeypatch.setattr(retrieval, "CHUNK", chunk)
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 300))
    scores = rng.choice([0.0, 0.0, 1.0, 2.0, 2.5, *rng.random(5)], n)  # zeros and many ties
    id_rank = rng.permutation(n)
    for k in (1, 3, 8, 50, n + 5):
        expected = sorted(
            (i for i in range(n) if scores[i] > 0), key=lambda i: (-scores[i], id_rank[i])
        )[:k]
        assert retrieval._top(scores, id_rank, k).tolist() == expected


@pytest.mark.parametrize("seed", range(6))
def test_random_passages_with_small_chunks(monkeypatch, seed: int) -> None:
    monkeypatch.setattr(retrieval, "CHUNK", 4)
    rng = np.random.default_rng(seed)
    texts = [" ".join(rng.choice(WORDS, int(rng.integers(1, 10)))) for _ in range(120)]
    names = [f"p{i:03d}" for i in rng.permutation(len(texts))]
    passages = _passages(texts, names)
    index, oracle = Index(passages, ()), Oracle(passages, ())
    for _ in range(20):
        q = index.query(" ".join(rng.choice([*WORDS, "weather"], int(rng.integers(1, 6)))))
        _same_scores(index, oracle, q)
        _same_search(index, oracle, q, int(rng.integers(1, 12)))


def test_duplicate_passage_ids_keep_their_order() -> None:
    passages = _passages(["ketamine bladder", "ketamine bladder", "ketamine"], ["a", "a", "b"])
    index, oracle = Index(passages, ()), Oracle(passages, ())
    _same_search(index, oracle, index.query("bladder ketamine"))
    assert [h.passage.text for h in index.search(index.query("bladder"))] == [
        "ketamine bladder",
        "ketamine bladder",
    ]


def test_passages_of_only_stop_words_and_an_empty_index() -> None:
    passages = _passages(["the and of", "is it"], ["a", "b"])
    index = Index(passages, ())
    assert index.search(index.query("the ketamine")) == []
    assert index.scores(index.query("ketamine")) == [0.0, 0.0]
    empty = Index([], [])
    assert empty.search(Query(("ketamin",))) == []
    assert empty.idf("ketamin") == 0.0


def test_idf_of_known_and_unknown_terms(shipped) -> None:
    _, index, oracle = shipped
    for term in ("ketamin", "bladder", "spravato", "nothingsuch"):
        assert index.idf(term) == oracle.idf(term)


def test_search_within_a_topic_is_the_filtered_search(shipped) -> None:
    knowledge, index, _ = shipped
    for topic in knowledge.topics:
        query = index.query(f"{topic.example} ketamine")
        everything = index.search(query, k=index.size)
        within = [h for h in everything if h.passage.topic == topic.id]
        assert index.search(query, k=index.size, topic=topic.id) == within
        assert index.search(query, k=3, topic=topic.id) == within[:3]
        assert index.search(query, k=8) == everything[:8]
    assert index.search(index.query("ketamine"), topic="no-such-topic") == []
