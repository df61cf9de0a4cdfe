"""Plain immutable values shared by the core, the adapters and the tests. No I/O here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
# "chat": thanks, a greeting, a goodbye or an "ok" (bot.courtesy), answered in a line or two.
ReplyKind = Literal["answer", "no_answer", "redirect", "chat"]
# The safety layer's categories, in order of precedence (bot/safety.py).
CATEGORIES = ("emergency", "crisis", "dosing", "acquisition", "mixing")
# Concerns that do not redirect: the message is answered, and the reply adds the emergency number
# or the support line ("I was suicidal years ago and ketamine helped: will the clinic ask?").
CONCERNS = ("emergency", "crisis")
# A concern only a support rule raises, never a redirect or the backstop: the writer's own use, or
# someone close's, gone wrong ("I think I'm addicted to ket", "my son can't stop using ketamine").
# The answer adds the region's drug service.
DEPENDENCE = "dependence"
SUPPORTS = (*CONCERNS, DEPENDENCE)  # what `Reply.support` may be, most urgent first
SUPPORT_PREFIX = "support-"
# What a safety rule may decide: a redirect category, or "support-<concern>" (answer + support).
RULE_CATEGORIES = CATEGORIES + tuple(SUPPORT_PREFIX + c for c in SUPPORTS)
# Redirects whose next message is read as about the drug too ("any site", "i'll pay you lol",
# "what about with g" after a question about mixing).
CONTINUED = ("dosing", "acquisition", "mixing")
# "after-<concern>": the reply to a later message of a conversation that had an emergency or crisis
# reply, when it tells rather than asks or has no answer ("yeah", "what do i do", "nobody cares");
# "after-dosing", "after-acquisition" and "after-mixing": to the message right after such a
# redirect that has no answer ("ok what about for a small person", "come on bro", "telegram
# groups?", "what about with g").
AFTER_PREFIX = "after-"
# "crisis-other": the crisis reply for someone worried about another person ("my brother says
# he'll kill himself tonight"), when nothing says the writer is at risk too (bot.safety).
CRISIS_OTHER = "crisis-other"
# "emergency-self": an overdose the writer took meaning to die ("i took a lot of k on purpose, i
# dont want to wake up"); its after- text is said to them, not to someone with them.
EMERGENCY_SELF = "emergency-self"
REPLY_CATEGORIES = (
    *RULE_CATEGORIES,
    CRISIS_OTHER,
    *(AFTER_PREFIX + c for c in CONCERNS + CONTINUED),
    AFTER_PREFIX + CRISIS_OTHER,  # later in that conversation ("what do i say to him")
    AFTER_PREFIX + EMERGENCY_SELF,  # ...and in that of an overdose taken meaning to die
)
# Redirects that quote nothing: just kindness and help (support replies quote nothing either).
NO_QUOTES = frozenset({"crisis", CRISIS_OTHER, "acquisition"})


@dataclass(frozen=True)
class Problem:
    """One finding about the knowledge folder, printed as `file:line: entry-id: message`."""

    file: str
    line: int
    entry_id: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}: {self.entry_id}: {prefix}{self.message}"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: str
    url: str | None = None


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    example: str
    # The example in words for a region, where they differ ("Is ketamine legal in the US?"):
    # (region id, example) pairs.
    examples: tuple[tuple[str, str], ...] = ()

    def example_for(self, region: str | None) -> str:
        """The example for a reader in `region`."""
        return dict(self.examples).get(region or "", self.example)


@dataclass(frozen=True)
class Passage:
    id: str
    topic: str
    text: str
    source: str
    reviewed: dt.date
    region: str | None = None
    keywords: tuple[str, ...] = ()
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class SynonymGroup:
    """`variants` are phrases people type; a text containing one also gets `canonical`."""

    canonical: str
    variants: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float
    coverage: float  # share of the question's idf weight that this passage matches, 0..1
    matched_idf: float = 0.0  # the idf of the question terms this passage has, summed


@dataclass(frozen=True)
class Quote:
    passage_id: str
    text: str
    score: float
    source: Source


@dataclass(frozen=True)
class Resource:
    """A support line or service: `contact` is how to reach it ("call or text 988")."""

    name: str
    contact: str
    url: str | None = None


@dataclass(frozen=True)
class Context:
    """What the next message needs from the previous turn of one conversation: its search terms
    (for follow-ups), whether the conversation had an emergency or crisis reply (`concern`, one
    of CONCERNS: what is said next keeps that help in view), and whether the previous message
    was redirected as dosing, acquisition or mixing (`redirected`: the next one is read as about
    the drug too, "what about from india online"), whether the crisis is someone else's
    (`for_other`), and whether someone's death was told (`told`)."""

    terms: tuple[str, ...] = ()
    topic: str | None = None
    concern: str | None = None
    redirected: str | None = None
    # The crisis reply was for someone worried about another person (`Verdict.other`): later
    # messages get words for them ("after-crisis-other"), until the writer says they are at risk.
    for_other: bool = False
    # The emergency is the writer's own, an overdose taken meaning to die (bot.safety.SELF_INTENT):
    # later messages get the after- text said to them ("after-emergency-self").
    own: bool = False
    # What the conversation told that its later messages are read with (bot.safety.REMEMBERED:
    # a death told, a low mood told): lexicon ids, never the words.
    told: frozenset[str] = frozenset()
    # A country the writer said they are in ("im in the uk"): its emergency number and helplines
    # for the rest of the conversation, whatever region was set (a region id, never the words).
    place: str | None = None
    # The country the last question asked about ("is ket illegal in ireland"), for a follow-up
    # that points there ("whats the penalty for possession there"; a region id, never the words).
    asked: str | None = None
    # The quotes of the last answer, for "can u give me the source for that so i can cite it"
    # (the knowledge base's own words and sources, never the message's).
    quoted: tuple[Quote, ...] = ()
    # The moment of a dosing, buying or mixing redirect, when its text was chosen for one (the
    # lexicon id of its `when:`: a patient's own prescription): the same no said next is said in
    # the same words ("can i take an extra one at home" after the Spravato dose asked).
    moment: str | None = None


@dataclass(frozen=True)
class Reply:
    """A complete reply, independent of how it is shown (see bot.render)."""

    kind: ReplyKind
    lead: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    resources: tuple[Resource, ...] = ()
    suggestions: tuple[Topic, ...] = ()
    footer: str = ""
    category: str | None = None  # a redirect's category (CATEGORIES)
    support: str | None = None  # an answer that also carries help for a concern (SUPPORTS)
    care: tuple[str, ...] = ()  # with `support`: what is said after the answer, before resources
    care_first: bool = False  # ...or before everything (a support rule's own words: grief first)
    context: Context | None = field(default=None, compare=False)
