"""Folding for the safety layer: the many ways people (or filters) disguise a word, undone.

`fold(text)` builds on `bot.text.normalize` (NFKC, case folding, invisible characters) and adds:

- homoglyphs: Cyrillic and Greek look-alikes inside Latin words become Latin ("kеtаminе" with
  Cyrillic е and а is "ketamine"); Latin look-alikes inside Russian words become Cyrillic; a word
  made only of look-alikes follows the script most of the message is written in;
- Latin small capitals and dotless i (ᴋᴇᴛ), which NFKC keeps;
- diacritics removed (kétamine, übersdosis, ё → е), zero-width and soft hyphens, tag characters;
- apostrophes of English contractions dropped (won't → wont, i'm → im); others split words
  (j'ai → j ai, od'ing → od ing);
- leetspeak inside words (k3tamine, d0se, $pecial, k!ll) but not in amounts (50mg) or codes (k2);
  a 1 that stands for "one" is read so (every1, some1, any1, no1);
- masked letters (k*tamine → ktamine, then typo correction);
- spaced or dotted letters joined ("k e t", "k.e.t.a.m.i.n.e"); a wider gap between spelled
  words keeps them apart ("k e t  d o s e" is "ket dose");
- laughing emoji as the word people would type ("stop i can't breathe 😂" → "stop i cant breathe
  lol"), so the rules and the backstop read the joke; not the skull or the crying face, which
  also come with real distress ("💀 done with life fr");
- Brazilian laughter, a word of three or more k's ("kkkk"), as "lol": squeezed, it was the
  street name "k", so "quanto custa um ingresso pro show kkkk" was a street price;
- the emoji group chats use for drugs (🐴 🐎 🔑 ❄ 💊) as words of their own ("emojihorse"),
  which safety.yaml reads as the drug only without a sign of a real horse or key;
- repeated letters: runs of three or more become one ("kiiiill" → "kill") in `text`, and every
  run becomes one letter in `tokens` ("kill" → "kil"), so lexicon words are compared squeezed;
- the drug's names as voice-to-text writes them (`DICTATED`): "where can I by cat a mean" is
  "where can i by ketamine", so the rules and the learned backstop both read the name;
- Russian letters that people write interchangeably or leave out: ь and ъ dropped, э as е (with
  й as и and ё as е from the diacritics), so "сколько" and "сколко" are one word;
- Russian typed in Latin letters (`LATIN_RUSSIAN`): a message with no Cyrillic letter and two
  of those everyday words ("skolko ketamina nado chtoby usnut") is written back in Cyrillic
  ("сколко кетамина надо чтобы уснут"), so the Russian rules read it.

Lexicon terms go through the same function, so both sides always agree. Pure; no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.text import INVISIBLE, is_english, normalize

# Reviewed look-alike table (Unicode confusables, restricted to letters that really pass for
# Latin ones in common fonts). Upper case is mapped before case folding, so Greek Η stays H.
_CYRILLIC_TO_LATIN = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "һ": "h",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ү": "y", "ɡ": "g",
    "А": "A", "В": "B", "Е": "E", "Ё": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ї": "I", "Ј": "J", "Һ": "H",
    "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I", "Ү": "Y",
}  # fmt: skip
_GREEK_TO_LATIN = {
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "γ": "y", "ω": "w", "ϲ": "c",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "Ϲ": "C",
}  # fmt: skip
_OTHER_TO_LATIN = {
    "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ꜰ": "f", "ɢ": "g", "ʜ": "h", "ɪ": "i",
    "ᴊ": "j", "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p", "ʀ": "r", "ꜱ": "s",
    "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴢ": "z", "ı": "i", "ȷ": "j",
}  # fmt: skip
_TO_LATIN = str.maketrans({**_CYRILLIC_TO_LATIN, **_GREEK_TO_LATIN, **_OTHER_TO_LATIN})
_LATIN_TO_CYRILLIC = str.maketrans(
    {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "x": "х", "k": "к", "m": "м",
     "h": "н", "t": "т", "A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "Y": "У", "X": "Х",
     "K": "К", "M": "М", "H": "Н", "T": "Т", "B": "В"}
)  # fmt: skip
_CONFUSABLE = frozenset(_CYRILLIC_TO_LATIN) | frozenset(_GREEK_TO_LATIN)
_LATIN_CONFUSABLE = frozenset("aeopcyxkmhtAEOPCYXKMHTB")

_LETTERS = re.compile(r"[^\W\d_]+")
# English contractions lose the apostrophe (won't -> wont, i'm -> im, he's -> hes); any other
# apostrophe splits words, as French and Italian elision does (j'ai -> j ai, l'alcool -> l alcool).
_CONTRACTION = re.compile(r"(?<=\w)'(?=(?:t|s|m|d|re|ve|ll)\b)")
_APOSTROPHE = re.compile(r"'")
_AMPERSAND = re.compile(r"\s*&\s*")
_PLUS = re.compile(r"(?<=\w)\s*\+\s*(?=\w)")
_MASK = re.compile(r"(?<=[a-z0-9])\*+(?=[a-z])")
_SYMBOL_LEET = re.compile(r"(?<![\w@])\$(?=[a-z])|(?<=[a-z])[@$!|](?=[a-z])")
_ALNUM = re.compile(r"[a-z0-9]*\d[a-z0-9]*[a-z][a-z0-9]*|[a-z][a-z0-9]*\d[a-z0-9]*")
_KEEP_ALNUM = re.compile(r"\d+(?:[a-z]{1,4})|[a-z]{1,3}\d+|\d+[a-z]\d+")  # 50mg, 3am, k2, ck1, 2c2
_TOKEN = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")
_TRIPLE = re.compile(r"([^\W\d_])\1{2,}")
_RUN = re.compile(r"([^\W\d_])\1+")
_SYMBOLS = str.maketrans({"@": "a", "$": "s", "!": "i", "|": "l"})
_DIGITS = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"})
_ONE = re.compile(r"(?:every|some|any|no)1")  # "saying bye to every1": everyone, not "everyi"
MIN_SPELLED = 3  # single letters in a row that are joined into one word ("k e t")
_SPELLED = re.compile(r"(?<!\S)[^\W\d_] (?:[^\W\d_] ){2}")  # three one-letter words in a row
_GAP = re.compile(r"\s{2,}")  # ...and a wider gap: the word boundaries of spelled words
_LETTERS_ONLY = re.compile(r"^[^\W\d_](?: [^\W\d_])+\W?$")
# The drug's names as dictation software hears them (reviewed: each seen in messages people
# dictated, none an English phrase in its own right), and what they stand for.
DICTATED = {
    "ketamine": ("cat a mean", "cat amine", "catamine", "kept a mean", "keta mean", "keita mean"),
    "special k": ("special kay",),
}
# Keyed by the letters alone: the pattern below lets any spaces or punctuation (or none) sit
# between the heard words ("cat-a-mean", "cata mean").
_DICTATED = {"".join(spoken.split()): name for name, heard in DICTATED.items() for spoken in heard}
_DICTATED_NAME = re.compile(
    r"\b(?:"
    + "|".join(
        r"[\W_]*".join(map(re.escape, spoken.split()))
        for heard in DICTATED.values()
        for spoken in sorted(heard, key=len, reverse=True)
    )
    + r")\b"
)
# Everyday Russian words as people type them in Latin letters, none a word of English, Spanish,
# German, French or Portuguese (reviewed: "ya", "net", "da", "ty", "drug", "ego" and "ketamina"
# are left out for that reason; "kak", slang in South Africa, is kept: it needs a second word).
# Two of them make a message Russian in Latin letters.
LATIN_RUSSIAN = frozenset(
    """chto chtoby chtob shto skolko nado nuzhno mozhno hochu khochu hochetsya gde kupit kupil
    kupila kto menya mne eto vse vsyo vsio esli segodnya pomogite pomogi uzhe budet ochen
    seichas sejchas seychas teper kogda pochemu zachem nichego nikto nikogda tebya sebya privet
    spasibo pozhaluysta pozhalujsta umeret umru zhit zhizn prosnutsya prosnutsa dyshit skoraya
    skoruyu posle mozhet byt bylo vmeste smeshat alkogolem tabletki tabletok vrach vrachu nyuhat
    dorozhku dorozhka zakladka kladmen kladmena narkotiki mnogo malo sdelat prinyat vzyat
    pokonchit soboi soboy zakonchit ustal ustala bolshe luchshe pomoch drugu podruga podruge
    kak kakoi kakoy kakie nuzhen nuzhna dostat upal upala sudorogi nyuhali nyuhnul nyuhnula
    kogo napishite napishi lichku lichke prosto vypit vypyu prosnus prosnulsya dumayu dumaju
    kazhdyj kazhdyi kazhdiy samoubiistvo samoubiystvo samoubiistve samoubiystve dorog dorozhek
    dorozhki primerno ili stoit mefedron normalno""".split()
)
_LAUGHING = re.compile("[\U0001f602\U0001f923\U0001f606\U0001f639]+")  # 😂 🤣 😆 😹
_LAUGHING_K = re.compile(r"\bk{3,}\b")  # Brazilian laughter: "kkkk"
# The emoji that group chats use for drugs, as words of their own (never the words "horse" or
# "key", which mean a horse or a key far more often): safety.yaml decides when they name the drug
# ("anyone got 🐴 tonight", not "horse riding lessons sunday? 🐴"), and the backstop reads them.
_DRUG_EMOJI = {
    "\U0001f434": " emojihorse ",  # 🐴
    "\U0001f40e": " emojihorse ",  # 🐎
    "\U0001f511": " emojikey ",  # 🔑
    "\u2744": " emojisnow ",  # ❄
    "\U0001f48a": " emojipill ",  # 💊
}
_DRUG_EMOJI_RE = re.compile("|".join(_DRUG_EMOJI))
_RUSSIAN_LETTERS = str.maketrans({"ь": "", "ъ": "", "э": "е", "ё": "е", "й": "и"})
_HAS_RUSSIAN_LETTER = re.compile("[ьъэёй]")
# Latin spellings of Russian sounds, longest first; `_cyrillic` picks the letter for each.
_LATIN_SOUND = re.compile(
    r"shch|sch|(?:tsya|tsa|tca|tcya)$|zh|kh|ch|sh|ts|[yj][aueo]|[iy][jy]$|[a-z]"
)
_SOUND = {
    "shch": "щ", "sch": "щ", "tsya": "тся", "tsa": "тся", "tca": "тся", "tcya": "тся", "zh": "ж",
    "kh": "х", "ch": "ч", "sh": "ш", "ts": "ц", "a": "а", "b": "б", "c": "ц", "d": "д", "e": "е",
    "f": "ф", "g": "г", "h": "х", "i": "и", "j": "и", "k": "к", "l": "л", "m": "м", "n": "н",
    "o": "о", "p": "п", "q": "к", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "w": "в",
    "x": "кс", "z": "з",
}  # fmt: skip
_VOWEL_AFTER_Y = {"a": "я", "u": "ю", "o": "е", "e": "е"}
# Short words that look like an amount or a code when written in leetspeak ("t0", "3nd", "1t"):
# undone only when the result is one of these ("w4nt t0 3nd 1t"), never for "2g", "3am" or "k2".
_SHORT_WORDS = frozenset("to too it end me die and so go no do".split())


@dataclass(frozen=True)
class Folded:
    """`text`: the folded words joined by single spaces; `tokens`: the same words squeezed."""

    text: str
    tokens: tuple[str, ...]
    starts: tuple[int, ...]  # where each token starts in `text`


def fold(text: str) -> Folded:
    """The folded form of `text` (see the module docstring)."""
    if _SPELLED.search(text) and _GAP.search(text):
        # Between gaps, letters alone are one word, however short ("t o").
        parts = [
            " ".join(_spelled_word(part.split())) if _LETTERS_ONLY.match(part) else part
            for part in _GAP.split(text)
        ]
        return _concat([_fold(part) for part in parts])
    return _fold(text)


def _concat(parts: list[Folded]) -> Folded:
    words = [part.text for part in parts if part.tokens]
    tokens = tuple(token for part in parts for token in part.tokens)
    starts: list[int] = []
    offset = 0
    for part in parts:
        if part.tokens:
            starts += [offset + start for start in part.starts]
            offset += len(part.text) + 1
    return Folded(" ".join(words), tokens, tuple(starts))


def _fold(text: str) -> Folded:
    if not text.isascii():
        text = _LAUGHING.sub(" lol ", INVISIBLE.sub("", unicodedata.normalize("NFKC", text)))
        if _DRUG_EMOJI_RE.search(text):
            text = _DRUG_EMOJI_RE.sub(lambda m: _DRUG_EMOJI[m.group(0)], text)
        text = _fold_scripts(text)
        text = _strip_marks(normalize(text))
        if _HAS_RUSSIAN_LETTER.search(text):
            text = text.translate(_RUSSIAN_LETTERS)
    else:
        text = normalize(text)
    if "'" in text:
        text = _APOSTROPHE.sub(" ", _CONTRACTION.sub("", text))
    if "&" in text:
        text = _AMPERSAND.sub(" and ", text)
    if "+" in text:
        text = _PLUS.sub(" plus ", text)
    if "*" in text:
        text = _MASK.sub("", text)
    if "@" in text or "$" in text or "!" in text or "|" in text:
        text = _SYMBOL_LEET.sub(lambda m: m.group(0).translate(_SYMBOLS), text)
    if _DIGIT.search(text):
        text = _ALNUM.sub(_unleet, text)
    if "kkk" in text:
        text = _LAUGHING_K.sub("lol", text)
    text = _DICTATED_NAME.sub(_dictated, text)
    words = _latin_russian(_join_spelled(_TOKEN.findall(_TRIPLE.sub(r"\1", text))))
    starts: list[int] = []
    position = 0
    for word in words:
        starts.append(position)
        position += len(word) + 1
    joined = " ".join(words)
    tokens = tuple(_RUN.sub(r"\1", joined).split(" ")) if words else ()
    return Folded(joined, tokens, tuple(starts))


def squeeze(word: str) -> str:
    """Every run of one repeated letter as one letter ("kill" → "kil", "ketttamine")."""
    return _RUN.sub(r"\1", word)


def fold_russian_letters(text: str) -> str:
    """The Russian letters of `text` as `fold` leaves them: ь and ъ dropped, э, ё as е, й as и.
    For regular expressions, which see folded text: "сколько|всё|какой" works as written."""
    return text.translate(_RUSSIAN_LETTERS) if _HAS_RUSSIAN_LETTER.search(text) else text


def _latin_russian(words: list[str]) -> list[str]:
    """`words` written back in Cyrillic when they are Russian typed in Latin letters (two
    `LATIN_RUSSIAN` words, every word ASCII); words with a digit ("50mg") are kept."""
    if len(LATIN_RUSSIAN.intersection(words)) < 2 or not all(w.isascii() for w in words):
        return words
    return [
        w if _DIGIT.search(w) or w == "plus" else ("с" if w == "c" else _cyrillic(w)) for w in words
    ]  # "plus" is what folding made of "+", read by the mixing rules as it is


def _cyrillic(word: str) -> str:
    """One Russian word typed in Latin letters, in folded Cyrillic (no ь, й as и)."""
    out: list[str] = []
    for match in _LATIN_SOUND.finditer(word):
        sound = match.group(0)
        if sound in _SOUND:
            out.append(_SOUND[sound])
        elif sound[0] in "yj" and len(sound) == 2 and sound[1] in _VOWEL_AFTER_Y:
            out.append(_VOWEL_AFTER_Y[sound[1]])  # ya, ju, yo: я, ю, ё (folded to е)
        elif len(sound) == 2:  # a word-final -iy, -ij, -yy: -ий, -ый (folded to -ии, -ыи)
            out.append(("и" if sound[0] == "i" else "ы") + "и")
        else:  # y: й (folded to и) after a vowel or first, ы after a consonant
            before = word[match.start() - 1] if match.start() else ""
            out.append("и" if not before or before in "aeiouy" else "ы")
    return "".join(out)


def _dictated(match: re.Match[str]) -> str:
    return _DICTATED["".join(_TOKEN.findall(match.group(0)))]


def _unleet(match: re.Match[str]) -> str:
    word = match.group(0)
    if _ONE.fullmatch(word):
        return "no one" if word == "no1" else word[:-1] + "one"
    if _KEEP_ALNUM.fullmatch(word) and word.translate(_DIGITS) not in _SHORT_WORDS:
        return word
    return word.translate(_DIGITS)


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _join_spelled(words: list[str]) -> list[str]:
    """Runs of MIN_SPELLED or more one-letter words joined: k e t a m i n e → ketamine.

    A leading "i" or "a" stays a word when the rest is long enough and the whole is not an
    English word ("can i b u y" → i buy, but "a l c o h o l" → alcohol).
    """
    out: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if len(run) >= MIN_SPELLED:
            out += _spelled_word(run)
        else:
            out.extend(run)
        run = []
        if word:
            out.append(word)
    return out


def _spelled_word(letters: list[str]) -> list[str]:
    """Spelled letters as one word, or as "i"/"a" and a word (see `_join_spelled`)."""
    word = "".join(letters)
    if len(word) > MIN_SPELLED and word[0] in "ia" and not is_english(word):
        return [word[0], word[1:]]
    return [word]


def _script(char: str) -> str:
    if "a" <= char.lower() <= "z" or char in _OTHER_TO_LATIN:
        return "latin"
    code = ord(char)
    if 0x0400 <= code <= 0x052F:
        return "cyrillic"
    if 0x0370 <= code <= 0x03FF:
        return "greek"
    return "other"


def _fold_scripts(text: str) -> str:
    """Fold look-alike letters word by word, keeping real Russian words Cyrillic."""
    if text.isascii():
        return text
    words = _LETTERS.findall(text)
    latin_words = sum(1 for w in words if all(_script(c) == "latin" for c in w))
    # Words with a Cyrillic or Greek letter that has no Latin look-alike are really foreign.
    foreign_words = sum(
        1
        for w in words
        if any(_script(c) in ("cyrillic", "greek") and c not in _CONFUSABLE for c in w)
    )

    def fold_word(match: re.Match[str]) -> str:
        word = match.group(0)
        scripts = {_script(c) for c in word}
        if scripts <= {"latin", "other"}:
            return word.translate(_TO_LATIN)
        if "latin" not in scripts:
            # Only Cyrillic/Greek: a real word unless every letter is a look-alike and the
            # message is not mostly really foreign ("how much кет" is not Russian).
            if all(c in _CONFUSABLE for c in word) and latin_words >= foreign_words:
                return word.translate(_TO_LATIN)
            return word
        # Mixed: which script do the letters that have no look-alike belong to?
        own_cyrillic = sum(1 for c in word if _script(c) == "cyrillic" and c not in _CONFUSABLE)
        own_latin = sum(1 for c in word if _script(c) == "latin" and c not in _LATIN_CONFUSABLE)
        if own_cyrillic > own_latin:
            return word.translate(_LATIN_TO_CYRILLIC)
        return word.translate(_TO_LATIN)

    return _LETTERS.sub(fold_word, text)
