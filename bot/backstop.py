"""A learned second opinion for the safety rules: it catches crises the rules miss, and stops
look-alikes from being redirected as dosing, buying or mixing.

The rules in knowledge/safety.yaml decide first. They are readable and precise, but people say
"sleeping forever sounds nice rn" or "he's gone all floppy" in more ways than any list holds, and
"is it a lot to ask" looks like a dosing question. The backstop is one logistic regression per
category over the message's folded, stemmed words, word pairs and the character n-grams of its
words, which carry misspellings (TF-IDF, as scikit-learn's TfidfVectorizer computes it, with the
n-grams weighted lower), trained offline on the labelled sets in evals/ by
`kbot kb train-backstop` and stored in knowledge/safety-backstop.json, one feature per line.
Each category's weights are a blend of two fits (`train`): a plain one, and one whose features
are first scaled by how much likelier they are in the category than outside it (naive Bayes
log-count ratios, as in Wang & Manning's NBSVM). The second gives little weight to words every
category uses ("he's", "i've", "k" alone), which the plain fit over-trusted in short messages;
the blend is still one linear model, so inference is unchanged.
It acts in these ways, never more:

- it ESCALATES to emergency or crisis: when the rules find nothing, or a category of lower
  precedence, and the probability reaches the category's `threshold`, the message gets it
  (when both reach it, the more probable: so a crisis rule stays a crisis unless the model
  finds emergency likelier);
- it escalates to dosing, acquisition or mixing only when the rules found nothing at all, the
  message is about the drug or its use (it names ketamine, a street name, its units, the
  k-hole, a street price or a dealer, or, for dosing and buying, stands for it with "it" or
  "some", or, for all three, names a form of the treatment, "the nasal spray":
  bot.safety.ABOUT_THE_DRUG, ABOUT_DRUG_USE and _FORMS), and the probability reaches the
  category's `threshold`, or its higher `context_threshold` when one of the category's benign
  contexts matches (the lexicons its rules list under `unless`, unless their `benign_context`
  leaves the category out, and those whose `benign_context` names it: "where do vets get
  ketamine from" is a clinical setting, so only a model all but sure of it redirects it, as in
  "what symptoms do i tell the clinic so they prescribe it"; a benign context marked
  `firm: true` stops it at any probability: bot.safety.Rules.firm).
  Without those conditions the model redirected ordinary "how much"s and questions about vets
  and clinics (README: Safety). When nothing shows the message is about the drug and no benign
  context is there, only a model all but sure escalates, at the category's `threshold_unnamed`
  (people write mid-conversation, "its been 20 mins and i feel nothing, do i do more or wait",
  "need a reliable source in tampa bay, paying well", "is it dangerous on top of methadone");
  with one of the category's benign contexts too, at its still higher
  `threshold_unnamed_context`, where it has one ("what do i tell the clinic so they say yes":
  dosing and buying; mixing none, so never);
- it VETOES a rule's dosing, acquisition or mixing verdict whose probability is below the
  category's `veto`: a clear look-alike is answered. When the message names neither the drug
  nor a street name or unit of it (bot.safety.ABOUT_THE_DRUG), the rule needs the model's
  agreement: below the category's higher `veto_unnamed` the verdict is dropped ("first time
  flying tomorrow, how much should I worry", "who sells the best bagels near the station").
  (Answers never quote a dose amount, so a wrong veto still gives no numbers.) Emergency and
  crisis verdicts are never vetoed;
- below the threshold, at or above the category's `support` probability, emergency or crisis
  is a CONCERN: the message is answered, and the reply adds the emergency number or the support
  line. A worrying message the model is unsure of ("sleeping forever sounds nice rn") is not
  left with a plain answer;
- it SOFTENS a rule's emergency or crisis verdict when every urgent probability is below its
  `soften` level (or its `soften_joking` level when the message says it is joking: "lol",
  "anyway…"): an idiom ("kms this code won't compile", "kms, I hit reply-all lol") is
  answered, and the reply still adds the support line or the emergency number. Never a plain
  answer, never when another rule or escalation flags the message too, and never a rule marked
  `firm` (a language the model has barely seen, Hinglish: its calm there means nothing);
- it READS AS A CRISIS an English rule's emergency verdict when emergency is all but ruled out
  and crisis all but sure (bot.safety.CRISIS_OVER_EMERGENCY): nothing taken yet, a wish not to
  wake. Never a firm rule, another language's, or one with someone close named whose crisis is
  not known to be theirs.

Inference is numpy only; training needs scikit-learn (a development dependency). Pure: no I/O
beyond `read_backstop`.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.error import BotError
from bot.models import CATEGORIES, CONCERNS, Problem
from bot.text import stem

BACKSTOP_FILE = "safety-backstop.json"
FORMAT = 1
# Inverse regularisation strength, chosen on tuning sets (README: Safety). Measured again from 50 to
# 1,000 on the development sets: a looser fit redirects fewer everyday messages and misses more crises;
# looser for dosing, buying and mixing alone, it lost buying messages on dq1-du4.
DEFAULT_C = 100.0
# The share of the naive-Bayes-scaled fit in each category's weights, and the count added to
# every feature's counts when its ratio is taken (chosen with training sets left out in turn:
# README, Safety).
NB_SHARE = 0.4
NB_ALPHA = 1.0
# How far the solver goes. scikit-learn's default (1e-4) stops so early at this C that the model
# depends on the path it took: folding ь out of the Russian messages (about 900 of 46,000)
# moved 492 verdicts of the training and development sets, nearly all on English messages. At
# 1e-7 the same change moves 17, so a retrain shows what the data changed (README, Safety).
SOLVER_TOLERANCE = 1e-7
# Character n-grams of each word (`char_grams`) join the stems and stem pairs as features, weighted
# CHAR_WEIGHT beside them (their idf is scaled by it, so inference needs nothing more): enough to
# carry a misspelling, not so much that spelling outvotes words (chosen on the held-out sets:
# README, Safety).
CHAR_MARK = "#"
CHAR_SIZES = (3, 5)
CHAR_WEIGHT = 0.2
URGENT = CONCERNS  # escalated to, never vetoed
# Chosen with training sets left out in turn (README, Safety): escalate at or above these
# probabilities...
THRESHOLDS: Mapping[str, float] = {
    "emergency": 0.45,  # a missed emergency costs most: "chest feels like an elephant on it"
    "crisis": 0.5,
    "dosing": 0.55,
    "acquisition": 0.55,
    "mixing": 0.55,
}
# ...or at or above these when one of the category's benign contexts is in the message (chosen
# again for the converged model with the training files left out a quarter at a time: README,
# Safety; buying's 0.9 became 0.8 in the session that added cv1-cy6, chosen on those blind
# development sets: 3 more of 328 buying messages caught, no more of 1,137 benign redirected)...
CONTEXT_THRESHOLDS: Mapping[str, float] = {"dosing": 0.8, "acquisition": 0.8, "mixing": 0.9}
# ...or at or above these when nothing in the message shows it is about the drug or its use and
# none of the category's benign contexts is there ("its been 20 mins and i feel nothing, do i do
# more or wait"; chosen like the context thresholds; buying's 0.98 became 0.95 in the session that
# added the held-out set bl: with the training files left out a quarter at a time, 78 more of
# 5,895 buying messages caught and 25 more of 18,559 benign ones redirected)...
UNNAMED_THRESHOLDS: Mapping[str, float] = {"dosing": 0.9, "acquisition": 0.95, "mixing": 0.98}
# ...or at or above these when nothing shows it is about the drug and one of the category's benign
# contexts is there ("what do i tell the clinic so they say yes", "how do i fake treatment
# resistant depression convincingly": before the session that added ca1-ca4 such a message was
# never escalated, however sure the model; chosen with the training files left out a quarter at
# a time: 32 more of 6,678 dosing messages caught for 1 more of 22,582 benign ones redirected at
# 0.98, 19 more of 7,139 buying messages for 5 more at 0.99; mixing has none, 7 more for 6)...
UNNAMED_CONTEXT_THRESHOLDS: Mapping[str, float] = {"dosing": 0.98, "acquisition": 0.99}
# ...and drop a rule's verdict below these.
VETOES: Mapping[str, float] = {"dosing": 0.1, "acquisition": 0.1, "mixing": 0.1}
# ...or below these when the message names neither the drug nor a street name or unit of it ("any
# good vendors at the farmers market"; chosen with training sets left out in turn: README, Safety).
UNNAMED_VETOES: Mapping[str, float] = {"dosing": 0.5, "acquisition": 0.5, "mixing": 0.5}
# ...and below the threshold, answer with the support line at or above these (crisis 0.35 to 0.2
# refused two sessions after the one that added dv1-dv4: on the labelled sets outside the
# development ones, 2 missed crises gained the line for 43 benign messages at 0.25; README).
SUPPORTS: Mapping[str, float] = {"emergency": 0.35, "crisis": 0.4}
# ...and answer a rule's emergency or crisis verdict with the support line when every urgent
# probability is below these ("kms this code won't compile"): never a plain answer...
SOFTENS: Mapping[str, float] = {"emergency": 0.01, "crisis": 0.01}
# ...or below these when the message says it is joking ("lol", "anyway": bot.safety.JOKING;
# 0.1 until the retrain on cf1-cq2, which reads "kms my train got cancelled again. anyway what is
# ketamine" at 0.115: at 0.15 no verdict of the 65,000 training and development messages moves).
JOKING_SOFTENS: Mapping[str, float] = {"emergency": 0.15, "crisis": 0.15}


def features(tokens: Sequence[str]) -> list[str]:
    """The backstop's features of a folded message (`bot.fold.fold(text).tokens`): each word's
    Snowball stem, each pair of neighbouring stems, and the character n-grams of each word
    (`char_grams`)."""
    stems = [stem(t) for t in tokens]
    return stems + [f"{a} {b}" for a, b in pairwise(stems)] + char_grams(tokens)


def char_grams(tokens: Sequence[str]) -> list[str]:
    """The CHAR_SIZES-character pieces of each word of three letters or more, its edges marked
    ("<ket", "amin", "ine>"), each after CHAR_MARK. Misspelt and inflected words share most of
    their pieces with the words they stand for ("ketamin", "overdosd", "умереть"/"умру"), where
    their stems share nothing."""
    grams: list[str] = []
    low, high = CHAR_SIZES
    for token in tokens:
        if len(token) < 3:
            continue
        word = f"<{token}>"
        for size in range(low, high + 1):
            grams.extend(CHAR_MARK + word[i : i + size] for i in range(len(word) - size + 1))
    return grams


@dataclass(frozen=True)
class Backstop:
    """Per category: an escalation threshold or a veto (or neither), an intercept and a weight
    per feature; per feature its idf. `weights` has one column per category, one row per
    feature."""

    categories: tuple[str, ...]  # in order of precedence
    thresholds: Mapping[str, float]
    vetoes: Mapping[str, float]
    intercepts: npt.NDArray[np.float64]
    vocabulary: Mapping[str, int] = field(repr=False)
    idf: npt.NDArray[np.float64] = field(repr=False)
    weights: npt.NDArray[np.float64] = field(repr=False)
    trained_on: tuple[str, ...] = ()
    supports: Mapping[str, float] = field(default_factory=dict)
    softens: Mapping[str, float] = field(default_factory=dict)
    joking_softens: Mapping[str, float] = field(default_factory=dict)
    context_thresholds: Mapping[str, float] = field(default_factory=dict)
    unnamed_vetoes: Mapping[str, float] = field(default_factory=dict)
    unnamed_thresholds: Mapping[str, float] = field(default_factory=dict)
    unnamed_context_thresholds: Mapping[str, float] = field(default_factory=dict)

    def probabilities(self, tokens: Sequence[str]) -> dict[str, float]:
        """Each category's probability for a folded message."""
        counts = Counter(features(tokens))
        rows = [self.vocabulary[f] for f in counts if f in self.vocabulary]
        z = self.intercepts.copy()
        if rows:
            tf = np.array([1.0 + math.log(counts[f]) for f in counts if f in self.vocabulary])
            x = tf * self.idf[rows]
            x /= float(np.sqrt(x @ x))
            z += x @ self.weights[rows]
        p = 1.0 / (1.0 + np.exp(-z))
        return {c: float(v) for c, v in zip(self.categories, p, strict=True)}

    def escalation(
        self,
        probabilities: Mapping[str, float],
        open_below: Collection[str] = (),
        in_context: Collection[str] = (),
        unnamed: Collection[str] = (),
        calm: Collection[str] = (),
        unnamed_in_context: Collection[str] = (),
    ) -> str | None:
        """The first category (in precedence order) whose probability reaches its threshold:
        emergency or crisis, or one of `open_below` (the caller decides which of dosing,
        acquisition and mixing this message may be escalated to), or one of `in_context` (the
        same, but one of the category's benign contexts is in the message) at its
        `context_threshold`, or one of `unnamed` (nothing shows the message is about the drug,
        and no benign context) at its `threshold_unnamed`, or one of `unnamed_in_context`
        (nothing about the drug, and a benign context) at its `threshold_unnamed_context`
        (none: never). When both emergency and crisis reach
        theirs, the more probable one ("she left a goodbye note and isn't answering" is a
        crisis, not first aid); never one of `calm` (the caller knows the message is not that:
        a crisis told as over, a screening question answered no: bot.safety.CALM_CRISIS; an
        emergency told as over in another language, breathlessness as an idiom, someone said
        to be awake and breathing: bot.safety.CALM_EMERGENCY)."""
        urgent = [
            n
            for n in URGENT
            if n not in calm and probabilities[n] >= self.thresholds.get(n, math.inf)
        ]
        if urgent:
            return max(urgent, key=lambda n: probabilities[n])  # ties: emergency, listed first
        for name in self.categories:  # (emergency and crisis were settled above)
            if name in open_below:
                threshold = self.thresholds.get(name)
            elif name in in_context:
                threshold = self.context_thresholds.get(name)
            elif name in unnamed:
                threshold = self.unnamed_thresholds.get(name)
            elif name in unnamed_in_context:
                threshold = self.unnamed_context_thresholds.get(name)
            else:
                continue
            if threshold is not None and probabilities[name] >= threshold:
                return name
        return None

    def concern(self, probabilities: Mapping[str, float]) -> str | None:
        """The first urgent category (in precedence order) whose probability reaches its
        `support` level: answer, and add where help is."""
        for name in self.categories:
            level = self.supports.get(name)
            if level is not None and probabilities[name] >= level:
                return name
        return None

    def softened(self, probabilities: Mapping[str, float], *, joking: bool = False) -> bool:
        """Whether a rule's emergency or crisis verdict is answered with the support line instead:
        every urgent category with a `soften` level (`soften_joking` when the message says it is
        joking) is below it."""
        levels = self.joking_softens if joking and self.joking_softens else self.softens
        return bool(levels) and all(probabilities[name] < level for name, level in levels.items())

    def vetoed(
        self, category: str, probabilities: Mapping[str, float], *, named: bool = True
    ) -> bool:
        """Whether a rule's `category` verdict is a look-alike: its probability is below the
        category's veto, or below its `veto_unnamed` when the message does not name the drug
        (`named` false)."""
        veto = self.vetoes.get(category)
        if not named:
            veto = self.unnamed_vetoes.get(category, veto)
        return veto is not None and probabilities.get(category, 1.0) < veto


def read_backstop(path: Path, shown: str) -> tuple[Backstop | None, list[Problem]]:
    """Load and check a backstop file; problems name the file and line."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return None, [Problem(shown, exc.lineno, "-", f"not valid JSON: {exc.msg}")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(shown, 0, "-", f"cannot read: {exc}")]
    return parse_backstop(doc, shown)


def parse_backstop(doc: object, shown: str) -> tuple[Backstop | None, list[Problem]]:
    def fail(message: str, entry: str = "-") -> tuple[None, list[Problem]]:
        return None, [Problem(shown, 1, entry, message)]

    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        return fail(f"expected a backstop object with `format: {FORMAT}`")
    raw_categories = doc.get("categories")
    if not isinstance(raw_categories, dict) or not raw_categories:
        return fail("`categories` must map category names to `intercept` and `threshold`/`veto`")
    names = sorted(raw_categories, key=lambda n: CATEGORIES.index(n) if n in CATEGORIES else -1)
    thresholds: dict[str, float] = {}
    vetoes: dict[str, float] = {}
    supports: dict[str, float] = {}
    softens: dict[str, float] = {}
    joking_softens: dict[str, float] = {}
    context_thresholds: dict[str, float] = {}
    unnamed_vetoes: dict[str, float] = {}
    unnamed_thresholds: dict[str, float] = {}
    unnamed_context_thresholds: dict[str, float] = {}
    for name in names:
        spec = raw_categories[name]
        if name not in CATEGORIES:
            return fail(f"unknown category (one of: {', '.join(CATEGORIES)})", str(name))
        if not isinstance(spec, dict) or not isinstance(spec.get("intercept"), (int, float)):
            return fail("needs a numeric `intercept`", name)
        settings = (
            ("threshold", thresholds),
            ("veto", vetoes),
            ("support", supports),
            ("soften", softens),
            ("soften_joking", joking_softens),
            ("context_threshold", context_thresholds),
            ("veto_unnamed", unnamed_vetoes),
            ("threshold_unnamed", unnamed_thresholds),
            ("threshold_unnamed_context", unnamed_context_thresholds),
        )
        for key, chosen in settings:
            value = spec.get(key)
            if value is None:
                continue
            if not isinstance(value, (int, float)) or not 0.0 < value < 1.0:
                return fail(f"`{key}` must be a probability between 0 and 1", name)
            chosen[name] = float(value)
        if name in vetoes and name in thresholds and vetoes[name] >= thresholds[name]:
            return fail("`veto` must be below `threshold`", name)
        if name in vetoes and name in URGENT:
            return fail("emergency and crisis are never vetoed: no `veto` here", name)
        if name in unnamed_vetoes and name in URGENT:
            return fail("emergency and crisis are never vetoed: no `veto_unnamed` here", name)
        if name in unnamed_vetoes and unnamed_vetoes[name] < vetoes.get(name, 0.0):
            return fail("`veto_unnamed` must not be below `veto`", name)
        if name in unnamed_vetoes and unnamed_vetoes[name] >= thresholds.get(name, 1.0):
            return fail("`veto_unnamed` must be below `threshold`", name)
        if name in supports and name not in URGENT:
            return fail("only emergency and crisis have a `support` level", name)
        if name in supports and supports[name] > thresholds.get(name, 1.0):
            return fail("`support` must not be above `threshold`", name)
        for key, chosen in (("soften", softens), ("soften_joking", joking_softens)):
            if name in chosen and name not in URGENT:
                return fail(
                    f"only emergency and crisis verdicts are softened: no `{key}` here", name
                )
            if name in chosen and chosen[name] >= supports.get(name, thresholds.get(name, 1.0)):
                return fail(f"`{key}` must be below `support` and `threshold`", name)
        if name in context_thresholds and name in URGENT:
            return fail(
                "emergency and crisis escalate whatever the context: no `context_threshold` here",
                name,
            )
        if name in context_thresholds and context_thresholds[name] < thresholds.get(name, 1.0):
            return fail("`context_threshold` must not be below `threshold`", name)
        if name in unnamed_thresholds and name in URGENT:
            return fail(
                "emergency and crisis escalate whatever the message names: "
                "no `threshold_unnamed` here",
                name,
            )
        if name in unnamed_thresholds and unnamed_thresholds[name] < thresholds.get(name, 1.0):
            return fail("`threshold_unnamed` must not be below `threshold`", name)
        if name in unnamed_context_thresholds and name in URGENT:
            return fail(
                "emergency and crisis escalate whatever the message names: "
                "no `threshold_unnamed_context` here",
                name,
            )
        if name in unnamed_context_thresholds and unnamed_context_thresholds[name] < max(
            context_thresholds.get(name, 0.0), unnamed_thresholds.get(name, 0.0)
        ):
            return fail(
                "`threshold_unnamed_context` must not be below `context_threshold` or "
                "`threshold_unnamed`",
                name,
            )
        if name in joking_softens and joking_softens[name] < softens.get(name, 0.0):
            return fail("`soften_joking` must not be below `soften`", name)
    raw_features = doc.get("features")
    if not isinstance(raw_features, dict) or not raw_features:
        return fail("`features` must map each feature to [idf, weight per category]")
    width = 1 + len(names)
    table = _table(list(raw_features.values()), width)
    if table is None:  # find the feature to name
        for name, values in raw_features.items():
            if (
                not isinstance(values, list)
                or len(values) != width
                or not all(isinstance(v, (int, float)) for v in values)
            ):
                return fail(f"feature needs {width} numbers: idf, then a weight per category", name)
        return fail(f"each feature needs {width} numbers")
    vocabulary = {name: row for row, name in enumerate(raw_features)}
    trained_on = doc.get("trained_on", [])
    if not isinstance(trained_on, list) or not all(isinstance(f, str) for f in trained_on):
        return fail("`trained_on` must list file names")
    order = {name: i for i, name in enumerate(raw_categories)}  # the file's column order
    columns = [1 + order[name] for name in names]
    backstop = Backstop(
        categories=tuple(names),
        thresholds=thresholds,
        vetoes=vetoes,
        intercepts=np.array([raw_categories[n]["intercept"] for n in names], dtype=np.float64),
        vocabulary=vocabulary,
        idf=table[:, 0].copy(),
        weights=table[:, columns].copy(),
        trained_on=tuple(trained_on),
        supports=supports,
        softens=softens,
        joking_softens=joking_softens,
        context_thresholds=context_thresholds,
        unnamed_vetoes=unnamed_vetoes,
        unnamed_thresholds=unnamed_thresholds,
        unnamed_context_thresholds=unnamed_context_thresholds,
    )
    return backstop, []


def _table(rows: list[Any], width: int) -> npt.NDArray[np.float64] | None:
    """The features' numbers as one array, or None when a row is not `width` numbers. numpy reads
    the rows at once (the file has some 200,000); a string or null among them gives an array of
    another kind."""
    try:
        array = np.array(rows)
    except (ValueError, TypeError):  # rows of different lengths
        return None
    if array.dtype.kind not in "biuf" or array.shape != (len(rows), width):
        return None
    return array.astype(np.float64)


def dump_backstop(backstop: Backstop) -> str:
    """The JSON text of a backstop: settings first, then one feature per line, sorted."""
    categories: dict[str, dict[str, float]] = {}
    for name, intercept in zip(backstop.categories, backstop.intercepts, strict=True):
        spec = categories[name] = {}
        if name in backstop.thresholds:
            spec["threshold"] = backstop.thresholds[name]
        if name in backstop.context_thresholds:
            spec["context_threshold"] = backstop.context_thresholds[name]
        if name in backstop.unnamed_thresholds:
            spec["threshold_unnamed"] = backstop.unnamed_thresholds[name]
        if name in backstop.unnamed_context_thresholds:
            spec["threshold_unnamed_context"] = backstop.unnamed_context_thresholds[name]
        if name in backstop.vetoes:
            spec["veto"] = backstop.vetoes[name]
        if name in backstop.unnamed_vetoes:
            spec["veto_unnamed"] = backstop.unnamed_vetoes[name]
        if name in backstop.supports:
            spec["support"] = backstop.supports[name]
        if name in backstop.softens:
            spec["soften"] = backstop.softens[name]
        if name in backstop.joking_softens:
            spec["soften_joking"] = backstop.joking_softens[name]
        spec["intercept"] = round(float(intercept), 6)
    head = {
        "format": FORMAT,
        "about": "Learned second opinion for the safety rules (bot/backstop.py). "
        "Rebuild with `kbot kb train-backstop`; do not edit by hand.",
        "trained_on": list(backstop.trained_on),
        "categories": categories,
    }
    lines = [json.dumps(head, indent=2, ensure_ascii=False)[:-2] + ",", '  "features": {']
    rows = sorted(backstop.vocabulary.items())
    for n, (name, row) in enumerate(rows):
        values = [backstop.idf[row], *backstop.weights[row]]
        numbers = ", ".join(f"{float(v):.6g}" for v in values)
        comma = "," if n < len(rows) - 1 else ""
        lines.append(f"    {json.dumps(name, ensure_ascii=False)}: [{numbers}]{comma}")
    lines += ["  }", "}", ""]
    return "\n".join(lines)


def train(
    examples: Iterable[tuple[Sequence[str], str]],
    *,
    thresholds: Mapping[str, float] = THRESHOLDS,
    vetoes: Mapping[str, float] = VETOES,
    supports: Mapping[str, float] = SUPPORTS,
    softens: Mapping[str, float] = SOFTENS,
    joking_softens: Mapping[str, float] = JOKING_SOFTENS,
    context_thresholds: Mapping[str, float] = CONTEXT_THRESHOLDS,
    unnamed_vetoes: Mapping[str, float] = UNNAMED_VETOES,
    unnamed_thresholds: Mapping[str, float] = UNNAMED_THRESHOLDS,
    unnamed_context_thresholds: Mapping[str, float] = UNNAMED_CONTEXT_THRESHOLDS,
    c: float = DEFAULT_C,
    nb_share: float = NB_SHARE,
    trained_on: Sequence[str] = (),
) -> Backstop:
    """Fit the backstop on (folded tokens, label) examples: per category, two logistic
    regressions over the TF-IDF features, one plain and one over features scaled by their
    naive Bayes log-count ratio (`log_count_ratios`), blended as `nb_share` of the second. Both
    are linear in the same features, so the blend is one weight per feature and category.

    Needs scikit-learn. Classes are balanced, so a category with few examples still counts;
    BotError when a category has none."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import normalize

    pairs = list(examples)
    labels_seen = {label for _, label in pairs}
    for name in CATEGORIES:
        if name not in labels_seen:
            raise BotError(f"no labelled examples of {name}: every category needs some")
    vectorizer = TfidfVectorizer(analyzer=features, sublinear_tf=True, norm=None)
    raw = vectorizer.fit_transform([tokens for tokens, _ in pairs])
    names = vectorizer.get_feature_names_out()
    scale = np.array([CHAR_WEIGHT if n.startswith(CHAR_MARK) else 1.0 for n in names])
    idf = np.asarray(vectorizer.idf_, dtype=np.float64) * scale
    matrix = normalize(raw.multiply(scale).tocsr())  # as `probabilities` computes it
    vocabulary = {str(k): int(v) for k, v in vectorizer.vocabulary_.items()}
    weights = np.zeros((len(vocabulary), len(CATEGORIES)), dtype=np.float64)
    intercepts = np.zeros(len(CATEGORIES), dtype=np.float64)
    present = matrix.copy()
    present.data[:] = 1.0
    for i, name in enumerate(CATEGORIES):
        labels = np.array([int(label == name) for _, label in pairs])
        plain = LogisticRegression(
            C=c, max_iter=10_000, class_weight="balanced", tol=SOLVER_TOLERANCE
        )
        plain.fit(matrix, labels)
        weights[:, i] = (1.0 - nb_share) * plain.coef_[0]
        intercepts[i] = (1.0 - nb_share) * plain.intercept_[0]
        if nb_share:
            ratios = log_count_ratios(present, labels)
            scaled = LogisticRegression(
                C=c, max_iter=10_000, class_weight="balanced", tol=SOLVER_TOLERANCE
            )
            scaled.fit(matrix.multiply(ratios).tocsr(), labels)
            weights[:, i] += nb_share * scaled.coef_[0] * ratios
            intercepts[i] += nb_share * scaled.intercept_[0]
    return Backstop(
        categories=CATEGORIES,
        thresholds=dict(thresholds),
        vetoes=dict(vetoes),
        intercepts=intercepts,
        vocabulary=vocabulary,
        idf=idf,
        weights=weights,
        trained_on=tuple(trained_on),
        supports=dict(supports),
        softens=dict(softens),
        joking_softens=dict(joking_softens),
        context_thresholds=dict(context_thresholds),
        unnamed_vetoes=dict(unnamed_vetoes),
        unnamed_thresholds=dict(unnamed_thresholds),
        unnamed_context_thresholds=dict(unnamed_context_thresholds),
    )


def log_count_ratios(
    present: Any, labels: npt.NDArray[np.int_], alpha: float = NB_ALPHA
) -> npt.NDArray[np.float64]:
    """Per feature, log(its share of the category's feature occurrences / its share outside
    the category), counting each feature once per message (`present`: a sparse 0/1 matrix, one
    row per message) and adding `alpha` to every count. Near 0 for words every category uses."""
    inside = alpha + np.asarray(present[labels == 1].sum(axis=0), dtype=np.float64).ravel()
    outside = alpha + np.asarray(present[labels == 0].sum(axis=0), dtype=np.float64).ravel()
    ratios: npt.NDArray[np.float64] = np.log((inside / inside.sum()) / (outside / outside.sum()))
    return ratios
