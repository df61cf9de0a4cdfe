"""Text normalisation and tokenisation, shared by the index, the question and the safety layer.

The same `Analyzer` turns passages and questions into search terms, so both sides always agree:
NFKC, case folding, invisible characters removed, words split, synonyms expanded, stop words
dropped, Snowball (Porter2) stems. One-letter words are kept: "k" is ketamine on the street.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import snowballstemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.models import SynonymGroup

# Zero-width and formatting characters people (or spam) put inside words, bidi controls, soft hyphen.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_POSSESSIVE = re.compile(r"(?<=\w)'s\b")
_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")

STOPWORDS = frozenset(
    """
    a about above after again against all am an and any are aren as at be because been before
    being below between both but by can could couldn d did didn do does doesn doing don down
    during each few for from further had hadn has hasn have haven having he her here hers herself
    him himself his how i if in into is isn it its itself just ll m me might more most must
    mustn my myself need needn no nor not now o of off on once only or other our ours ourselves
    out over own re s same shan she should shouldn so some such t than that the their theirs
    them themselves then there these they this those through to too under until up ve very was
    wasn we were weren what when where which while who whom why will with won would wouldn y you
    your yours yourself yourselves tell know please thanks thank hi hello hey ok okay anyone
    someone something get got really also actually like lot lots much many thing things say
    says said mean means way ever
    """.split()
)

_stemmer = snowballstemmer.stemmer("english")


def normalize(text: str) -> str:
    """NFKC, invisible characters removed, case folded, apostrophes unified, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text).translate(_APOSTROPHES).casefold()
    return _SPACE.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """The words of `text` after `normalize`, possessive 's removed; punctuation splits words."""
    return _WORD.findall(_POSSESSIVE.sub("", normalize(text)))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball English stem of one normalised word."""
    result: str = _stemmer.stemWord(word)
    return result


class Synonyms:
    """Phrase → canonical words, matched on whole words (longest phrase first)."""

    def __init__(self, groups: Iterable[SynonymGroup]) -> None:
        table: dict[tuple[str, ...], list[str]] = {}
        for group in groups:
            canonical = words(group.canonical)
            for variant in group.variants:
                key = tuple(words(variant))
                if key and canonical and key != tuple(canonical):
                    table.setdefault(key, []).extend(w for w in canonical if w not in key)
        self._table = table
        self._longest = max((len(k) for k in table), default=0)
        self.words = frozenset(w for key in table for w in key)

    def expand(self, tokens: Sequence[str]) -> list[str]:
        """`tokens` plus the canonical words of every variant phrase found in them."""
        if not self._table:
            return list(tokens)
        extra: list[str] = []
        n = len(tokens)
        for i in range(n):
            for size in range(min(self._longest, n - i), 0, -1):
                canonical = self._table.get(tuple(tokens[i : i + size]))
                if canonical:
                    extra.extend(canonical)
                    break
        return [*tokens, *extra]


class Analyzer:
    """Turns text into search terms; questions also get typo correction against a vocabulary."""

    def __init__(self, synonyms: Synonyms, vocabulary: Iterable[str] = ()) -> None:
        self.synonyms = synonyms
        self._vocabulary = sorted(set(vocabulary) | synonyms.words)
        self._known = frozenset(self._vocabulary)

    def with_vocabulary(self, vocabulary: Iterable[str]) -> Analyzer:
        return Analyzer(self.synonyms, vocabulary)

    def terms(self, text: str) -> list[str]:
        """Search terms of a passage: synonyms expanded, stop words dropped, stemmed."""
        return self._finish(words(text))

    def query_terms(self, text: str) -> list[str]:
        """Search terms of a question: like `terms`, after correcting words not in the vocabulary."""
        return self._finish([self.correct(w) for w in words(text)])

    def correct(self, word: str) -> str:
        """The closest known word for a misspelt one (≥ 5 letters, 1–2 edits), else the word."""
        if word in self._known or word in STOPWORDS or len(word) < 5 or not word.isalpha():
            return word
        return _closest(word, self._known, tuple(self._vocabulary))

    def _finish(self, tokens: list[str]) -> list[str]:
        return [stem(w) for w in self.synonyms.expand(tokens) if w not in STOPWORDS]


def _closest(word: str, known: frozenset[str], vocabulary: tuple[str, ...]) -> str:
    """One edit (a transposition counts as one) up to 7 letters, two beyond; same first letter."""
    edits = 1 if len(word) <= 7 else 2
    candidates = [v for v in vocabulary if abs(len(v) - len(word)) <= edits and v[:1] == word[:1]]
    match = process.extractOne(word, candidates, scorer=OSA.distance, score_cutoff=edits)
    return match[0] if match else word
