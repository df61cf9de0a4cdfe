"""Retrieval: positive idf on tiny corpora, synonyms, typos, stable ranking."""

from __future__ import annotations

import math

import pytest
from rank_bm25 import BM25Okapi

from bot.models import Passage, SynonymGroup
from bot.retrieval import Index, LuceneBM25
from bot.text import Analyzer, Synonyms, normalize, words

# The corpora of rank_bm25 issues #29, #39 and #43, where BM25Okapi scores a matching document 0.
ISSUE_CORPORA = [
    (
        [
            "Hello there good man!",
            "It is quite windy in London",
            "It's windy in Athens",
            "How is the weather today?",
        ],
        ["windy"],
        {1, 2},
    ),
    (
        [
            "This text contains keyword1 and Keyword2",
            "That is a text that contains keyword1 and term1",
            "Page contains no keywords but contains term1 and term2",
            "This text contains no keywords",
        ],
        "This is a question about keyword1 & term1".split(),
        {0, 1, 2, 3},
    ),
    (["Hello there good man!", "It is quite windy in London"], ["windy", "London"], {1}),
]


@pytest.mark.parametrize(("corpus", "query", "matching"), ISSUE_CORPORA, ids=["#29", "#39", "#43"])
def test_every_matching_document_scores_above_zero(corpus, query, matching) -> None:
    tokenized = [doc.split() for doc in corpus]
    scores = LuceneBM25(tokenized).get_scores(query)
    assert {i for i, s in enumerate(scores) if s > 0} == matching
    assert all(s >= 0 for s in scores)


def test_issue_39_document_with_both_words_ranks_first() -> None:
    corpus, query, _ = ISSUE_CORPORA[1]
    scores = list(LuceneBM25([d.split() for d in corpus]).get_scores(query))
    assert scores.index(max(scores)) == 1


def test_plain_bm25okapi_has_the_bug_we_avoid() -> None:
    corpus, query, _ = ISSUE_CORPORA[0]
    assert list(BM25Okapi([d.split() for d in corpus]).get_scores(query)) == [0, 0, 0, 0]


def test_idf_is_lucenes_and_positive_even_for_a_word_in_every_document() -> None:
    bm25 = LuceneBM25([["ketamine", "a"], ["ketamine", "b"], ["ketamine", "c"]])
    assert bm25.idf["ketamine"] == pytest.approx(math.log(1 + 0.5 / 3.5))
    assert bm25.idf["a"] > bm25.idf["ketamine"] > 0


def _passage(pid: str, text: str, keywords: tuple[str, ...] = ()) -> Passage:
    import datetime as dt

    return Passage(pid, "t", text, "s", dt.date(2026, 1, 1), keywords=keywords)


@pytest.fixture
def index() -> Index:
    passages = [
        _passage("bladder", "Ketamine can damage the bladder and urinary tract."),
        _passage("legal", "Ketamine is a Class B drug in the UK.", ("legal",)),
        _passage("spravato", "Esketamine is a nasal spray for depression."),
        _passage("khole", "A k-hole is a state of strong dissociation."),
    ]
    groups = [
        SynonymGroup("urinary", ("pee", "wee")),
        SynonymGroup("esketamine", ("spravato",)),
        SynonymGroup("ketamine", ("special k", "ket")),
    ]
    return Index(passages, groups)


def _top(index: Index, question: str) -> str:
    hits = index.search(index.query(question))
    return hits[0].passage.id if hits else "-"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("does it make you pee blood", "bladder"),
        ("what is spravato", "spravato"),
        ("is special k legal", "legal"),
        ("whats a k hole", "khole"),
        ("K-HOLE???", "khole"),
    ],
    ids=["lay word", "brand name", "slang phrase", "spaced compound", "shouting"],
)
def test_synonyms_and_lay_words(index: Index, question: str, expected: str) -> None:
    assert _top(index, question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("ketamine bladdder", "bladder"),
        ("esketamin nasal sprey", "spravato"),
        ("urinery", "bladder"),
    ],
    ids=["doubled letter", "two typos", "vowel swap"],
)
def test_typos_are_corrected_against_the_vocabulary(
    index: Index, question: str, expected: str
) -> None:
    assert _top(index, question) == expected


def test_short_unknown_words_are_not_fuzzed_into_known_ones(index: Index) -> None:
    assert index.analyzer.correct("whole") == "whole"  # never "hole"
    assert index.search(index.query("weather")) == []


def test_coverage_is_the_matched_share_of_idf(index: Index) -> None:
    hit = index.search(index.query("bladder weather"))[0]
    assert hit.passage.id == "bladder"
    assert 0.3 < hit.coverage < 0.7
    assert index.search(index.query("bladder"))[0].coverage == pytest.approx(1.0)


def test_normalisation_removes_invisible_characters_and_folds_width() -> None:
    assert normalize("Ke\u200btam\u00adine\u2060 ＫＥＴＡＭＩＮＥ") == "ketamine ketamine"
    assert words("Musk's k-hole, special-K!") == ["musk", "k", "hole", "special", "k"]


def test_one_letter_words_survive_analysis() -> None:
    analyzer = Analyzer(Synonyms([]))
    assert "k" in analyzer.terms("is k legal")


def test_empty_index_answers_nothing() -> None:
    empty = Index([], [])
    assert empty.search(empty.query("ketamine")) == []
