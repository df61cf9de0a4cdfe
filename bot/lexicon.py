"""Word lists compiled once and found in folded text: phrases, word prefixes and patterns.

A term is one of:

- a phrase of one or more words, compared after `bot.fold.fold` ("special k", "won't wake up");
  a multi-word phrase also matches written as one word ("k hole" finds "khole");
- a phrase whose last word ends in `*`, which matches any word starting so ("suicid*");
- `re:` and a regular expression, searched in the folded text (words in lower case, single
  spaces, no accents; see bot/fold.py) for shapes a word list cannot give ("re:\\bk\\b(?! hole)").

Misspelt words are corrected towards the words of lexicons marked `fuzzy` (one edit up to nine
letters, two beyond; same first letter; never the words in `exempt`), so "ketamne" is "ketamine"
but "whole" never becomes "k-hole".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.fold import Folded, fold, fold_russian_letters, squeeze

MIN_FUZZY = 6  # words shorter than this (after squeezing) are never corrected
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[a-zA-Z]")
Span = tuple[int, int]  # token positions [start, end)


@dataclass(frozen=True)
class Term:
    """One compiled term: `words` (squeezed), `prefix` (last word is a prefix) or `pattern`."""

    words: tuple[str, ...] = ()
    prefix: bool = False
    pattern: re.Pattern[str] | None = None


def compile_term(raw: str) -> Term:
    """Compile one term; raises ValueError with a readable reason when it is unusable."""
    text = raw.strip()
    if text.startswith("re:"):
        source = fold_russian_letters(text[3:].strip())  # the text it sees is folded
        if not source:
            raise ValueError("empty regular expression")
        try:
            pattern = re.compile(source)
        except re.error as exc:
            raise ValueError(f"invalid regular expression: {exc}") from exc
        if pattern.search(""):
            raise ValueError("regular expression matches empty text")
        return Term(pattern=pattern)
    prefix = text.endswith("*")
    words = _term_words(text.rstrip("*"))
    if not words:
        raise ValueError("no letters or digits")
    if prefix and len(words[-1]) < 3:
        raise ValueError("a prefix needs at least three letters before *")
    return Term(words=words, prefix=prefix)


def _term_words(text: str) -> tuple[str, ...]:
    """A term's folded words. A term written in Cyrillic alone is Russian and is folded as in a
    Russian sentence: on its own, a word whose every letter has a Latin look-alike ("окно",
    "мост", "вместе с") would fold to Latin ("okho") and never match a Russian message."""
    if _CYRILLIC.search(text) and not _LATIN.search(text):
        return fold(f"я {text}").tokens[1:]  # "я" has no Latin look-alike: the words stay Russian
    return fold(text).tokens


class _Node:
    """A trie node: phrases that end here, prefixes that end on the next word, next words."""

    __slots__ = ("ends", "next", "prefixes")

    def __init__(self) -> None:
        self.ends: list[str] = []
        self.prefixes: list[tuple[str, str]] = []
        self.next: dict[str, _Node] = {}


class Lexicons:
    """Named lexicons compiled into a word trie and one pattern per lexicon; `find` returns where
    each lexicon matches."""

    def __init__(
        self,
        lexicons: Mapping[str, Sequence[Term]],
        fuzzy: Iterable[str] = (),
        exempt: Iterable[str] = (),
    ) -> None:
        self.names = tuple(lexicons)
        self._root = _Node()
        self._starts: dict[str, list[tuple[str, str]]] = {}  # one-word prefixes by first 3 letters
        patterns: dict[str, list[str]] = {}
        vocabulary: set[str] = set()
        targets: set[str] = set()
        fuzzy_names = frozenset(fuzzy)
        for name, terms in lexicons.items():
            for term in terms:
                if term.pattern is not None:
                    patterns.setdefault(name, []).append(term.pattern.pattern)
                    continue
                vocabulary.update(term.words)
                self._add(term.words, term.prefix, name)
                if 1 < len(term.words) <= 3 and not term.prefix:
                    joined = squeeze("".join(term.words))
                    vocabulary.add(joined)
                    self._add((joined,), False, name)
                if name in fuzzy_names and len(term.words) == 1 and not term.prefix:
                    if len(term.words[0]) >= MIN_FUZZY and term.words[0].isalpha():
                        targets.add(term.words[0])
        # Each pattern with the literal words one of which any match must contain: a pattern
        # whose words are not in the message is not run at all. Patterns are also indexed by a
        # three-letter piece of each of those words, so that one look-up per piece of the
        # message's words finds the few patterns worth testing (hundreds of patterns, one pass).
        self._patterns = [
            (re.compile(p), _prefilter(anchors(p)), name)
            for name, sources in patterns.items()
            for p in sources
        ]
        by_piece: dict[str, list[int]] = {}
        always: list[int] = []
        for i, (pattern, _, _) in enumerate(self._patterns):
            pieces = _pieces(anchors(pattern.pattern))
            if pieces is None:
                always.append(i)
            for piece in pieces or ():
                by_piece.setdefault(piece, []).append(i)
        self._by_piece = {k: tuple(v) for k, v in by_piece.items()}
        self._always = tuple(always)
        self._known = frozenset(vocabulary) | frozenset(squeeze(w) for w in exempt)
        by_letter: dict[str, list[str]] = {}
        for target in sorted(targets):
            by_letter.setdefault(target[0], []).append(target)
        self._targets = {k: tuple(v) for k, v in by_letter.items()}
        self.correct = lru_cache(maxsize=8192)(self._correct)

    def _add(self, words: tuple[str, ...], prefix: bool, name: str) -> None:
        if prefix and len(words) == 1:
            self._starts.setdefault(words[0][:3], []).append((words[0], name))
            return
        node = self._root
        last = words[-1] if prefix else None
        for word in words[:-1] if prefix else words:
            node = node.next.setdefault(word, _Node())
        if last is None:
            node.ends.append(name)
        else:
            node.prefixes.append((last, name))

    def _correct(self, word: str) -> str:
        """The fuzzy target `word` is a misspelling of, else `word`."""
        if len(word) < MIN_FUZZY or word in self._known or not word.isalpha():
            return word
        if any(word.startswith(p) for p, _ in self._starts.get(word[:3], ())):
            return word
        candidates = self._targets.get(word[0], ())
        edits = 1 if len(word) <= 9 else 2
        nearby = [c for c in candidates if abs(len(c) - len(word)) <= edits]
        if not nearby:
            return word
        match = process.extractOne(word, nearby, scorer=OSA.distance, score_cutoff=edits)
        return str(match[0]) if match else word

    def find(self, folded: Folded) -> dict[str, list[Span]]:
        """Every lexicon that matches, with the token spans where it does."""
        tokens = [self.correct(t) for t in folded.tokens]
        found: dict[str, list[Span]] = {}
        n = len(tokens)
        root = self._root
        for i in range(n):
            for stem, name in self._starts.get(tokens[i][:3], ()):
                if tokens[i].startswith(stem):
                    found.setdefault(name, []).append((i, i + 1))
            node = root
            j = i
            while j < n:
                for stem, name in node.prefixes:
                    if tokens[j].startswith(stem):
                        found.setdefault(name, []).append((i, j + 1))
                child = node.next.get(tokens[j])
                if child is None:
                    break
                node = child
                j += 1
                for name in node.ends:
                    found.setdefault(name, []).append((i, j))
        if not self._patterns:
            return found
        text, starts = folded.text, folded.starts
        if tokens != list(folded.tokens):  # patterns see corrected spellings too
            words = [
                w if c == t else c
                for w, t, c in zip(folded.text.split(" "), folded.tokens, tokens, strict=True)
            ]
            text, starts = " ".join(words), _starts(words)
        pieces = {w[i : i + 3] for w in text.split(" ") for i in range(len(w) - 2)}
        chosen = set(self._always)
        for piece in pieces & self._by_piece.keys():
            chosen.update(self._by_piece[piece])
        for index in sorted(chosen):
            pattern, needs, name = self._patterns[index]
            if needs is not None and not (
                needs in text if isinstance(needs, str) else needs.search(text)
            ):
                continue
            for match in pattern.finditer(text):
                first = max(bisect_right(starts, match.start()) - 1, 0)
                last = max(bisect_right(starts, max(match.end() - 1, match.start())) - 1, 0)
                found.setdefault(name, []).append((first, last + 1))
        return found


# The commonest three-letter pieces of words in people's messages (from the labelled sets): a
# pattern is indexed by a rarer piece where it can be, so that fewer patterns are tested.
_COMMON = {
    piece: rank
    for rank, piece in enumerate(
        reversed(
            "ket min ami eta ine tam ing the how hat and can for wha her ter ake thi ant ver oes doe "
            "res ion end hin you hol fte one ere wit ith uch ive muc get out aft rea all oul uld est "
            "tak hou ght lin use rie any ill igh sio ess pra ien are eve wan eat ome hes kin spr ole "
            "tha pre dos fri oin rav whe ava vat ato ink not ent ont ose ats ove tin why ear sed com "
            "his ike lon ple sho lik ate fee sel usi een eel dep art ain ssi ath ery die fro rom hel "
            "eal man ong now ons our wou elp lly ide epr las she hav rin sto ave nig hea era eep ast "
            "som con bee ina don wak red abo bou peo eop opl too did goi ger ous ust nce eed mat ore "
            "nfu ook che top nic elf cid wor ted tio mak was nge bre erd sin who oun inf der mor fus "
            "leg add rdo ist ell ici ect sta par vin nor pen ood saf afe alc rap lco dri dea ini oho "
            "han sti".split()
        ),
        start=1,
    )
}


def _pieces(found: tuple[str, ...] | None) -> frozenset[str] | None:
    """For each literal a pattern needs, one three-letter piece of one of its words (the rarest
    looking): every match contains one of these pieces inside a word. None when some literal has
    no word of three letters (the pattern is then always tested)."""
    if not found:
        return None
    pieces: set[str] = set()
    for literal in found:
        options = [
            word[i : i + 3]
            for word in literal.split(" ")
            if len(word) >= 3 and word.isalnum()
            for i in range(len(word) - 2)
        ]
        if not options:
            return None
        pieces.add(min(options, key=lambda piece: _COMMON.get(piece, 0)))
    return frozenset(pieces)


def _prefilter(found: tuple[str, ...] | None) -> str | re.Pattern[str] | None:
    """A cheap test that the text can match: one substring, or one search for any of several."""
    if found is None:
        return None
    if len(found) == 1:
        return found[0]
    return re.compile("|".join(re.escape(a) for a in sorted(set(found), key=len, reverse=True)))


_QUANTIFIER = "?*{"  # after an item: it may be absent ("+" keeps it required)


def anchors(source: str) -> tuple[str, ...] | None:
    """Literal text one of which every match of the regular expression `source` contains, or
    None when that cannot be told simply (then the pattern always runs). Conservative: only plain
    letters, digits and spaces outside optional parts count."""
    branches = _split(source, "|")
    if len(branches) > 1:
        found = [anchors(b) for b in branches]
        if any(f is None for f in found):
            return None
        return tuple(a for f in found if f is not None for a in f)
    runs: list[str] = []
    groups: list[tuple[str, ...]] = []
    run, i = "", 0
    while i < len(source):
        c = source[i]
        if c == "\\":
            runs.append(run)
            run, i = "", i + 2
            continue
        if c in "([":
            end = _closing(source, i)
            if end < 0:
                return None
            optional = end + 1 < len(source) and source[end + 1] in _QUANTIFIER
            inner = source[i + 1 : end]
            if c == "(" and not optional and not inner.startswith(("?=", "?!", "?<=", "?<!")):
                body = inner[2:] if inner.startswith("?:") else inner
                inner_anchors = anchors(body) if not body.startswith("?") else None
                if inner_anchors:
                    groups.append(inner_anchors)
            runs.append(run)
            run, i = "", end + 1
            continue
        if c.isalnum() or c == " ":
            if i + 1 < len(source) and source[i + 1] in _QUANTIFIER:
                runs.append(run)
                run = ""
            else:
                run += c
            i += 1
            continue
        runs.append(run)  # . ^ $ + and anything else end a literal run
        run, i = "", i + 1
    runs.append(run)
    best = max((r.strip() for r in runs), key=len, default="")
    if len(best) >= 3:
        return (best,)
    usable = [g for g in groups if all(len(a) >= 2 for a in g)]
    if usable:
        return max(usable, key=lambda g: min(len(a) for a in g))
    return None


def _split(source: str, sep: str) -> list[str]:
    """`source` split on `sep` outside groups and classes."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            end = _closing(source, i)
            i = end + 1 if end >= 0 else len(source)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    return parts


def _closing(source: str, i: int) -> int:
    """Where the group or class opening at `i` closes, or -1."""
    if source[i] == "[":
        j = i + 1
        if j < len(source) and source[j] == "^":
            j += 1
        if j < len(source) and source[j] == "]":
            j += 1
        while j < len(source):
            if source[j] == "\\":
                j += 2
                continue
            if source[j] == "]":
                return j
            j += 1
        return -1
    depth, j = 0, i
    while j < len(source):
        c = source[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            end = _closing(source, j)
            if end < 0:
                return -1
            j = end + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return -1


def _starts(words: Sequence[str]) -> tuple[int, ...]:
    starts, position = [], 0
    for word in words:
        starts.append(position)
        position += len(word) + 1
    return tuple(starts)
