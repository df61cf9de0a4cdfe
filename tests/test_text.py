"""The fast paths of text analysis give the same results as the plain code they replaced.

Each oracle below is the earlier, simpler implementation, kept here to compare against.
"""

from __future__ import annotations

import random
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import process
from rapidfuzz.distance import OSA
from snowballstemmer.english_stemmer import EnglishStemmer

from bot.config import SHIPPED_KNOWLEDGE
from bot.knowledge import load_dir
from bot.models import SynonymGroup
from bot.speller import Speller
from bot.text import (
    _POSSESSIVE,
    _WORD,
    STOPWORDS,
    Analyzer,
    Synonyms,
    is_english,
    message_sentences,
    normalize,
    stem,
    without_markup,
    words,
)


def closest_by_scan(word: str, vocabulary: tuple[str, ...]) -> str:
    """Typo correction as it was: scan the whole vocabulary for every word."""
    edits = 1 if len(word) <= 7 else 2
    candidates = [v for v in vocabulary if abs(len(v) - len(word)) <= edits and v[:1] == word[:1]]
    match = process.extractOne(word, candidates, scorer=OSA.distance, score_cutoff=edits)
    return match[0] if match else word


def expand_by_scan(synonyms: Synonyms, tokens: list[str]) -> list[str]:
    """Synonym expansion as it was: try every phrase length at every position."""
    table = synonyms._table
    longest = max((len(k) for k in table), default=0)
    extra: list[str] = []
    for i in range(len(tokens)):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            canonical = table.get(tuple(tokens[i : i + size]))
            if canonical:
                extra.extend(canonical)
                break
    return [*tokens, *extra]


def words_by_regex(text: str) -> list[str]:
    return _WORD.findall(_POSSESSIVE.sub("", normalize(text)))


def _typos(word: str, rng: random.Random) -> list[str]:
    letters = string.ascii_lowercase
    i = rng.randrange(len(word))
    j = rng.randrange(len(word))
    result = [
        word[:i] + word[i + 1 :],  # a letter missing
        word[:i] + rng.choice(letters) + word[i:],  # one more
        word[:i] + rng.choice(letters) + word[i + 1 :],  # one wrong
        word[:i] + word[i + 1 : i + 2] + word[i : i + 1] + word[i + 2 :],  # two swapped
        word[:i] + rng.choice(letters) + word[i + 1 : j] + rng.choice(letters) + word[j + 1 :],
    ]
    return [w for w in result if w]


@pytest.fixture(scope="module")
def shipped_vocabulary() -> list[str]:
    knowledge = load_dir(SHIPPED_KNOWLEDGE)
    found = {w for p in knowledge.passages for w in words(" ".join((p.text, *p.keywords)))}
    return [w for w in found if w.isalpha()]


def _made_up_vocabulary(rng: random.Random, size: int) -> list[str]:
    """Many similar words (few letters), so there are many candidates and many ties."""
    return sorted({"".join(rng.choices("abcdeklmst", k=rng.randint(3, 11))) for _ in range(size)})


def test_speller_agrees_with_the_scan_on_the_shipped_vocabulary(shipped_vocabulary) -> None:
    rng = random.Random(7)
    analyzer = Analyzer(Synonyms([]), shipped_vocabulary)
    vocabulary = tuple(analyzer._vocabulary)
    speller = Speller(vocabulary)
    tried = 0
    for word in rng.sample(vocabulary, min(800, len(vocabulary))):
        for typo in _typos(word, rng):
            assert speller.closest(typo) == closest_by_scan(typo, vocabulary), typo
            tried += 1
    assert tried > 3000


@pytest.mark.parametrize("seed", range(3))
def test_speller_agrees_with_the_scan_on_a_crowded_vocabulary(seed: int) -> None:
    rng = random.Random(seed)
    vocabulary = tuple(_made_up_vocabulary(rng, 3000))
    speller = Speller(vocabulary)
    probes = [t for w in rng.sample(vocabulary, 300) for t in _typos(w, rng)]
    probes += ["".join(rng.choices("abcdeklmst", k=rng.randint(1, 13))) for _ in range(500)]
    probes += [*rng.sample(vocabulary, 100), "", "a", "é" * 6, "\ud800abcde", "a" * 300]
    for word in probes:
        assert speller.closest(word) == closest_by_scan(word, vocabulary), word


def test_analyzer_correct_uses_the_same_rules(shipped_vocabulary) -> None:
    rng = random.Random(3)
    analyzer = Analyzer(Synonyms([]), shipped_vocabulary)
    vocabulary = tuple(analyzer._vocabulary)
    for word in rng.sample(shipped_vocabulary, 300):
        for typo in _typos(word, rng):
            if typo in analyzer._known or typo in STOPWORDS or len(typo) < 5:
                continue
            if is_english(typo):  # a real word is never "corrected"
                assert analyzer.correct(typo) == typo
            elif typo.isalpha():
                assert analyzer.correct(typo) == closest_by_scan(typo, vocabulary)


@pytest.fixture(scope="module")
def shipped_synonyms() -> Synonyms:
    groups = list(load_dir(SHIPPED_KNOWLEDGE).synonyms)
    # Phrases sharing first words, a phrase inside a longer one, and one whose canonical word is
    # in the phrase itself (nothing to add, so a shorter phrase there still counts).
    groups += [
        SynonymGroup("alpha", ("a b", "a b c d", "b c")),
        SynonymGroup("beta", ("a b c", "c")),
        SynonymGroup("gamma", ("gamma ray", "x y")),
        SynonymGroup("delta", ("x",)),
    ]
    return Synonyms(groups)


def test_expand_agrees_with_the_scan(shipped_synonyms: Synonyms) -> None:
    rng = random.Random(11)
    pool = sorted(shipped_synonyms.words | {"a", "b", "c", "d", "gamma", "ray", "x", "y", "zzz"})
    for _ in range(5000):
        tokens = rng.choices(pool, k=rng.randint(0, 14))
        assert shipped_synonyms.expand(tokens) == expand_by_scan(shipped_synonyms, tokens), tokens


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            [*"abcXYZ019 _-'`’s\t\n.,!", "\u00e9", "\u0301", "\u200b", "\uff2b", "ß", "İ"]
        ),
        max_size=40,
    )
)
def test_words_agree_with_the_regex(text: str) -> None:
    assert words(text) == words_by_regex(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="ascii"), max_size=60))
def test_words_of_ascii_text_agree_with_the_regex(text: str) -> None:
    assert words(text) == words_by_regex(text)


def test_the_stemmer_is_snowball_english(shipped_vocabulary) -> None:
    """PyStemmer, when installed, is the same Snowball algorithm as the pure-Python one."""
    reference = EnglishStemmer()
    rng = random.Random(5)
    made_up = _made_up_vocabulary(rng, 2000)
    for word in [*shipped_vocabulary, *made_up, "ketamine's", "généralement", "running"]:
        assert stem(word) == reference.stemWord(word), word


def test_number_terms_are_the_terms(shipped_synonyms: Synonyms) -> None:
    analyzer = Analyzer(shipped_synonyms)
    texts = ["Is special K legal?", "", "the and of", "Pee pee PEE, bladder's pain", "a b c d x y"]
    found = analyzer.number_terms(texts)
    start = 0
    for text, count in zip(texts, found.counts, strict=True):
        numbers = found.numbers[start : start + count]
        start += count
        assert [found.terms[n] for n in numbers if n >= 0] == analyzer.terms(text)
    # every word of the texts, and the canonical words their synonyms add ("special k" -> ketamine)
    assert found.words == {w for t in texts for w in shipped_synonyms.expand(words(t))}
    assert {"special", "ketamine"} <= found.words


def test_speller_with_very_long_words() -> None:
    """Letter counts above 255 are saturated; the answers stay those of the scan."""
    vocabulary = tuple(sorted({"a" * n for n in range(250, 262)} | {"a" * 255 + "b", "ab" * 130}))
    speller = Speller(vocabulary)
    for n in range(248, 264):
        for word in ("a" * n, "a" * n + "b", "b" + "a" * n, "a" * (n - 1) + "c", "ab" * (n // 2)):
            assert speller.closest(word) == closest_by_scan(word, vocabulary), len(word)


@pytest.mark.parametrize("word", ["starting", "write", "interact", "weather", "whole"])
def test_real_english_words_are_never_corrected(word: str) -> None:
    analyzer = Analyzer(Synonyms([]), ["scar", "white", "interest", "water", "hole", "starling"])
    assert analyzer.correct(word) == word


@pytest.mark.parametrize(
    ("typo", "fixed"), [("bladdder", "bladder"), ("alchohol", "alcohol"), ("spravto", "spravato")]
)
def test_misspellings_are_corrected(typo: str, fixed: str) -> None:
    analyzer = Analyzer(Synonyms([]), ["bladder", "alcohol", "spravato"])
    assert analyzer.correct(typo) == fixed


# Tag characters, variation selectors and fillers: once missing from search's table but not
# from safety's, so the two saw different words. Now there is one table.
HIDDEN = ["\U000e0074", "\U000e0100", "\ufe0f", "\u3164", "\uffa0", "\u200b", "\u00ad", "\u2066"]


@pytest.mark.parametrize("mark", HIDDEN, ids=[f"U+{ord(c):04X}" for c in HIDDEN])
def test_search_and_safety_remove_the_same_invisible_characters(mark: str) -> None:
    from bot.fold import fold

    assert normalize(f"ke{mark}tamine") == "ketamine"
    assert words(f"ke{mark}tamine") == ["ketamine"]
    assert "ketamine" in fold(f"ke{mark}tamine").text


def test_the_english_word_list_loads_with_the_index_not_on_the_first_question() -> None:
    from bot.retrieval import Index
    from bot.text import _english

    _english.cache_clear()
    Index([], [])
    assert _english.cache_info().currsize == 1


@pytest.mark.parametrize(
    ("word", "everyday"),
    [
        ("fine", True),
        ("call", True),
        ("side", True),
        ("name", True),
        ("thanks", True),
        ("ketamine", False),
        ("bladder", False),
        ("tolerance", False),
        ("driving", False),
    ],
)
def test_everyday_words_are_the_most_used_english_ones(word: str, everyday: bool) -> None:
    from bot.text import is_english, is_everyday

    assert is_everyday(word) is everyday
    assert is_english(word) or word == "ketamine"


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("gonna eat the whole tub... of ice cream", ["gonna eat the whole tub... of ice cream"]),
        ("wait… what", ["wait… what"]),
        ("esperé... y nada", ["esperé... y nada"]),
        ("подожди… что", ["подожди… что"]),
        ("ok... I'm done. bye", ["ok...", "I'm done.", "bye"]),
        ("suicidal. is it covered", ["suicidal.", "is it covered"]),
        ("first line\nsecond line", ["first line", "second line"]),
    ],
)
def test_an_ellipsis_the_sentence_carries_on_after_ends_no_sentence(
    message: str, expected: list[str]
) -> None:
    """A pause before the punchline ("... of kombucha") is the same sentence; a full stop, an
    ellipsis before a capital letter, or a new line ends one."""
    assert message_sentences(message) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<b>what is ketamine</b>", " what is ketamine "),
        ('is <a href="https://x.example">this</a> true', "is  this  true"),
        ("is 2 < 3 and 5 > 4", "is 2 < 3 and 5 > 4"),  # no tag: left alone
        ("<3", "<3"),
        ("<b></b>", "<b></b>"),  # nothing else left: the message itself
    ],
)
def test_without_markup_drops_tags_only(text: str, expected: str) -> None:
    assert without_markup(text) == expected
