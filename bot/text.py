"""Text normalisation and tokenisation, shared by the index, the question and the safety layer.

The same `Analyzer` turns passages and questions into search terms, so both sides always agree:
NFKC, case folding, invisible characters removed, words split, synonyms expanded, stop words
dropped, Snowball (Porter2) stems. One-letter words are kept: "k" is ketamine on the street.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, pairwise

import snowballstemmer

from bot.models import SynonymGroup
from bot.speller import Speller

# Zero-width, bidi and formatting characters people (or spam) put inside words: soft hyphen,
# fillers, variation selectors, tag characters. The one table: search, safety, the gap queue and
# the Telegram adapter all use it, so an invisible character means the same thing everywhere.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_POSSESSIVE = re.compile(r"(?<=\w)'s\b")
_WORD = re.compile(r"[^\W_]+")
# Every ASCII byte that is not a lowercase letter or a digit becomes a space.
_ASCII_WORD_BYTES = bytes(
    c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789" else 32 for c in range(256)
)
_SPACE = re.compile(r"\s+")
# Where a message's sentences end ("...years ago and it helped. does it hurt the bladder?"): after
# . ! or ? and a space (not "0.5g", "k.e.t"), or at a new line; not at an ellipsis that the same
# sentence carries on after in lower case, a pause before the punchline ("gonna take the whole
# bottle... of kombucha").
_MESSAGE_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\.\.)\s+|(?<=\.\.)\s+(?![a-zß-ÿа-яё])|(?<=…)\s+(?![a-zß-ÿа-яё])|\n+"
)

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
    someone something get gets getting got really also actually actual like lot lots much many
    thing things say says said mean means way ever dont doesnt didnt cant couldnt wont wouldnt
    shouldnt isnt arent wasnt werent hasnt havent hadnt im ive id youre youve whats thats theres
    u ur r pls plz
    even least still yet already usually normally typically generally mostly roughly exactly
    maybe probably honestly basically literally seriously kind sort kinda sorta quite pretty
    anyway anyways though tho tbh ngl btw idk wondering wonder wondered curious asking wanna
    gonna guess quick question questions idea random fr lowkey srsly lately recently deal craic
    """.split()
)
# The last four lines are words that pad a question: "ok is it at least addictive", "is it even
# legal in the uk tho", "quick question, ...", "what's the deal with ketamine and depression",
# "whats the craic with ket", "what are the actual risks"
# (not dealing, which stems to "deal" after this list is read). Such a word is in no passage, or
# in one by chance ("still", "usually"), and counted against the question's coverage it lost the
# answer to a fifth of the questions in evals/qa.yaml (README: How answering works). Words that make a
# message chat ("cheers", "lol", "yeah", "cool") are left out: "ok cheers, i'll call my doctor"
# asks nothing.

_stemmer = snowballstemmer.stemmer("english")


# A word used at least this often (a share of all words counted) is an everyday word: about 700
# of pyspellchecker's list, "fine", "call", "side", "name", "help" (Zipf frequency 5 and up).
EVERYDAY_SHARE = 1e-4


@lru_cache(maxsize=1)
def _english() -> tuple[frozenset[str], frozenset[str]]:
    # pyspellchecker's English frequency list (about 160,000 words, counted in film and TV
    # subtitles), loaded on first use: every word, and the everyday ones.
    from spellchecker import SpellChecker

    frequency = SpellChecker(language="en").word_frequency
    least = EVERYDAY_SHARE * frequency.total_words
    counts = frequency.dictionary
    return frozenset(counts), frozenset(w for w, n in counts.items() if n >= least)


def is_english(word: str) -> bool:
    """Whether `word` (normalised) is a common English word."""
    return word in _english()[0]


def is_everyday(word: str) -> bool:
    """Whether `word` (normalised) is one of the about 700 most used English words ("fine",
    "call", "name"): alone, it says too little to pick a passage."""
    return word in _english()[1]


# An HTML or XML tag someone typed or pasted ("<b>what is ketamine</b>"): no words of the message.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,20}(?:\s[^<>]{0,200})?/?>")


def without_markup(text: str) -> str:
    """`text` without HTML or XML tags ("<b>what is ketamine</b>" is "what is ketamine"), or
    `text` itself when nothing else is left."""
    if "<" not in text:
        return text
    stripped = _TAG.sub(" ", text)
    return stripped if stripped.strip() else text


def normalize(text: str) -> str:
    """NFKC, invisible characters removed, case folded, apostrophes unified, spaces collapsed."""
    return _SPACE.sub(" ", _fold(text)).strip()


def _fold(text: str) -> str:
    if text.isascii():  # NFKC keeps ASCII, no invisible character is ASCII, casefold is lower
        return text.replace("`", "'").lower()
    text = unicodedata.normalize("NFKC", text)
    return INVISIBLE.sub("", text).translate(_APOSTROPHES).casefold()


def message_sentences(text: str) -> list[str]:
    """The sentences of a message as people type it, in order, punctuation kept."""
    return [s for s in _MESSAGE_SENTENCE_END.split(text.strip()) if s.strip()]


def words(text: str) -> list[str]:
    """The words of `text` after `normalize`, possessive 's removed; punctuation splits words."""
    # Collapsing spaces changes neither the words nor where a possessive 's is, so skip it.
    text = _fold(text)
    if "'" in text:
        text = _POSSESSIVE.sub("", text)
    if text.isascii():  # the same words as _WORD finds, about twice as fast
        return text.encode("ascii").translate(_ASCII_WORD_BYTES).decode("ascii").split()
    return _WORD.findall(text)


def _stem(word: str) -> str:
    result: str = _stemmer.stemWord(word)
    return result


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball English stem of one normalised word."""
    return _stem(word)


class _Node:
    __slots__ = ("canonical", "next")

    def __init__(self) -> None:
        self.canonical: list[str] = []
        self.next: dict[str, _Node] = {}


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
        # A trie of the phrases: word -> (canonical words if a phrase ends here, next words).
        self._trie: dict[str, _Node] = {}
        for key, canonical in table.items():
            level, node = self._trie, None
            for word in key:
                node = level.setdefault(word, _Node())
                level = node.next
            if node is not None:
                node.canonical = canonical
        self._single = frozenset(k[0] for k in table if len(k) == 1)
        self._pairs = frozenset(k[:2] for k in table if len(k) > 1)
        self.words = frozenset(w for key in table for w in key)

    def expand(self, tokens: Sequence[str]) -> list[str]:
        """`tokens` plus the canonical words of every variant phrase found in them (`tokens`
        itself when it is a list and nothing is added: do not change the result in place)."""
        if not self._table:
            return list(tokens)
        extra: list[str] = []
        n, trie = len(tokens), self._trie
        # Only where a phrase of one word, or the first two words of a longer one, are found (most
        # words start none); the longest phrase wins.
        starts = list(compress(range(n), map(self._single.__contains__, tokens)))
        pairs = list(compress(range(n), map(self._pairs.__contains__, pairwise(tokens))))
        for i in sorted({*starts, *pairs}) if pairs else starts:
            level, found, j = trie, None, i
            while j < n and (node := level.get(tokens[j])) is not None:
                found = node.canonical or found
                level, j = node.next, j + 1
            if found:
                extra.extend(found)
        if not extra:  # most texts: no copy
            return tokens if isinstance(tokens, list) else list(tokens)
        return [*tokens, *extra]


class Analyzer:
    """Turns text into search terms; questions also get typo correction against a vocabulary."""

    def __init__(self, synonyms: Synonyms, vocabulary: Iterable[str] = ()) -> None:
        self.synonyms = synonyms
        self._vocabulary = sorted(set(vocabulary) | synonyms.words)
        self._known = frozenset(self._vocabulary)
        self._speller = Speller(self._vocabulary)

    def with_vocabulary(self, vocabulary: Iterable[str]) -> Analyzer:
        """An analyzer that corrects questions against `vocabulary` (built with the index, off the
        event loop: the English word list loads here, not on the first misspelt question)."""
        _english()
        return Analyzer(self.synonyms, vocabulary)

    def terms(self, text: str) -> list[str]:
        """Search terms of a passage: synonyms expanded, stop words dropped, stemmed."""
        return self._finish(words(text))

    def number_terms(self, texts: Iterable[str]) -> NumberedTerms:
        """The `terms` of many texts as numbers, each distinct word analysed once (for an index)."""
        memo = _TermNumbers()
        result = NumberedTerms([], array("i"), [], set())
        pending: list[int] = []  # moved into the compact array now and then
        for text in texts:
            expanded = self.synonyms.expand(words(text))
            pending.extend(map(memo.__getitem__, expanded))
            result.counts.append(len(expanded))
            if len(pending) >= 65536:
                result.numbers.extend(pending)
                pending.clear()
        result.numbers.extend(pending)
        result.terms.extend(memo.terms)
        result.words.update(memo)  # each distinct word once, not every token of every text
        return result

    def query_terms(self, text: str) -> list[str]:
        """Search terms of a question: like `terms`, after correcting words not in the vocabulary."""
        return self._finish([self.correct(w) for w in words(text)])

    def correct(self, word: str) -> str:
        """The closest known word for a misspelt one (≥ 5 letters, 1–2 edits), else the word.

        A real English word is never "corrected": "starting" is not a typo of "scar", nor
        "write" of "white", even when the knowledge base lacks them.
        """
        if word in self._known or word in STOPWORDS or len(word) < 5 or not word.isalpha():
            return word
        if is_english(word):
            return word
        return self._speller.closest(word)

    def _finish(self, tokens: list[str]) -> list[str]:
        return [stem(w) for w in self.synonyms.expand(tokens) if w not in STOPWORDS]


@dataclass(frozen=True)
class NumberedTerms:
    """The search terms of many texts, numbered (`Analyzer.number_terms`).

    `numbers` has, text after text, one number per word after synonym expansion: the position of
    its term in `terms`, or -1 for a stop word; `counts[i]` is how many numbers text i has.
    `words` is every word of the texts, with the canonical words their synonyms added.
    """

    terms: list[str]
    numbers: array[int]  # C ints
    counts: list[int]
    words: set[str]


class _TermNumbers(dict[str, int]):
    """word -> the number of its stem, in order of first appearance; -1 for a stop word."""

    def __init__(self) -> None:
        super().__init__()
        self.terms: dict[str, int] = {}

    def __missing__(self, word: str) -> int:
        number = -1 if word in STOPWORDS else self.terms.setdefault(_stem(word), len(self.terms))
        self[word] = number
        return number
