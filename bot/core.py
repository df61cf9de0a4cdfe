"""The answering core: safety first, then retrieval, then an honest fallback. No Telegram here.

`Engine` is immutable once built; reloading knowledge builds a new Engine and swaps the reference.
The terminal chat, `kbot ask`, the Telegram adapter and the tests all call `Engine.answer`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TypeGuard

from bot import resource, safety
from bot.compose import (
    FOOTER,
    GRIEVING_NO_ANSWER,
    GRIEVING_TOLD,
    NO_ANSWER_LEAD,
    compose_answer,
    courtesy_reply,
    no_answer,
)
from bot.config import SHIPPED_KNOWLEDGE
from bot.courtesy import courtesy
from bot.knowledge import Knowledge, load_dir
from bot.models import (
    CATEGORIES,
    CONCERNS,
    CONTINUED,
    DEPENDENCE,
    Context,
    Hit,
    Reply,
    ReplyKind,
    Topic,
)
from bot.redirect import LOCAL_TOPICS, Redirector
from bot.retrieval import Index, Query
from bot.text import message_sentences, normalize, without_markup, words

MIN_COVERAGE = 0.5  # the best passage must match this share of the question's idf weight
MIN_MATCHED_IDF = 1.0  # ... and terms worth this much idf: "ketamine" alone (in nearly every
# passage) is not enough to pick one passage over another
NEAR_TIE = 0.93  # two best passages this close, on unrelated topics, with a weak match: no answer
TIE_NEEDS_COVERAGE = 0.75
# ...but topics that answer the same questions are no tie: the harms while on it and those
# that last ("does ketamine cause memory problems"), its side effects and esketamine's ("what
# are the side effects of a ketamine infusion"), and esketamine and the medical uses it is
# approved for ("what year did spravato get approved in the us")
KIN_TOPICS = frozenset(
    {
        frozenset({"side-effects", "long-term-harms"}),
        frozenset({"side-effects", "esketamine"}),
        frozenset({"esketamine", "medical-uses"}),
    }
)
CLAUSE_NEAR = 5  # a clause that asks is answered by its best passage if the whole message's
# search has that passage among its first this many (the first clause before a comma: 3)
# A story around a question ("my dog had surgery today and the vet said they used ketamine, she
# seems wobbly and weird is that normal") has many words no passage needs, so its best passage
# rarely matches half of it: see Engine._story.
STORY_TERMS = 8  # ... a message of at least this many search terms
STORY_COVERAGE = 0.25  # ... whose best passage matches this share of its idf weight
STORY_MATCHED_IDF = 8.5  # ... and terms worth this much (two or three words of substance)
# ...and which names the drug: not "k" alone, a letter, a vitamin and a cereal ("special k").
DRUG_NAMES = frozenset("ketamine ketamin ketamina ket keta esketamine spravato ketalar".split())
# "k" as the drug taken, in a story (`Engine._story`): "been on k", "loads of k", "is this the k"
_K_USED = re.compile(
    r"\b(?:on|do|did|doing|done|of|using|used|use|took|take|taking|snorted|snorting|after|quit|"
    r"quitting|stopped|stopping|off|the) k\b"
)
DEFAULT_SUGGESTIONS = (
    "basics",
    "esketamine",
    "law",
    "long-term-harms",
    "medical-uses",
    "getting-help",
    "news",
)
_BELOW_CONCERNS = tuple(c for c in CATEGORIES if c not in CONCERNS)
# "and in Australia?", "what about OCD?", "is it addictive?": only make sense after a question.
_FOLLOW_UP = re.compile(
    r"^(?:and|but|also|so|then|ok(?:ay)?|what\s+about|how\s+about|what\s+of|what\s+if|"
    r"same\s+for|in|for|is\s+it|are\s+they|does\s+it|do\s+they|can\s+it|was\s+it)\b"
)
# "wasnt he getting it from a doctor tho", "how long do i have to stay there after": a short
# question that points back at the last subject.
_REFERS = re.compile(
    r"\b(?:he|she|him|her|his|hers|they|them|their|it|its|that|this|there|those|these)\b"
)
FOLLOW_UP_MAX_TERMS = 4
NEWS_TOPIC = "news"  # see Engine._about_the_news
K_HOLE_TERM = "hole"  # the k-hole, among the search terms of the last question
DRIVE_TERM = "drive"  # driving, among the search terms of the last question
USING_ALONE_QUESTION = "is it bad to do ket alone"  # see Engine.trace
# A support rule whose message is searched as a plain question of its subject (see Engine.trace):
# "why do i need more and more ket to feel anything now" as tolerance (no passage on tolerance
# says "feel anything"), "ok so what do u do if someone ods on k then" as first aid (its words
# find how an overdose slows breathing, in hospital).
SEARCHED_AS = {
    safety.TOLERANCE_RULE: "ketamine tolerance",
    safety.WHAT_TO_DO_RULE: "first aid for an overdose recovery position",
}
DRIVE_QUESTION = "can i drive after ketamine"  # see Engine.trace
HARM_QUESTION = "what are the risks of ketamine"  # see Engine._search: "..., is it that bad"
# The source of the last answer asked for, the whole message: "can u give me the source for that
# so i can cite it", "whats the source for that", "link?", "reference pls". Never "a source" or
# "your source" alone, which may ask for a dealer: the words of citing, or "the source" of that.
SOURCE_LEAD = (
    "Each quote is followed by its source: the title, who published it, the date and a link where "
    "there is one. Please cite the original source rather than this bot."
)
_CITED = r"(?:sources?|links?|references?|citations?|refs?)"
_SOURCE_ASKED = re.compile(
    r"^(?:(?:ok|okay|and|so|thanks|thank you|cool|great|nice|pls|please|hey|also|ty)\W* )*"
    r"(?:"
    r"(?:can|could|would|will) (?:u|you) (?:pls |please )?(?:give|send|share|tell|show|post|"
    r"drop) (?:me |us )?(?:the |a )?" + _CITED + r" (?:for|of|to|on) (?:that|this|it|those|these)"
    r"(?: (?:so i can|so we can|to|for) (?:cite|reference|quote) (?:it|that|this|them))?"
    r"|(?:what|whats|what s|what is|what are|wheres|where s|where is|where are|where can i find)"
    r" (?:the )?" + _CITED + r" (?:for|of|to|on) (?:that|this|it|those|these)"
    r"|(?:where|where did|where does) (?:that|this|it) (?:come|comes|came) from"
    r"|(?:is there|got|have you got|do you have) (?:a |the )?(?:link|reference|citation) "
    r"(?:for|to|of) (?:that|this|it)"
    r"|(?:how|what) (?:do|should|can) i cite (?:that|this|it|them)"
    r"|(?:" + _CITED + r"|link) (?:for|of|to) (?:that|this|it|those|these)"
    r"|(?:links?|references?|citations?)"
    r")(?: (?:pls|please|thanks|ty|so i can cite it|for my essay|for my paper|for uni))?\W*$"
)
# "where can i get it" right after an answer on a treatment: where the treatment is given.
TREATMENT_TOPICS = frozenset({"medical-uses", "esketamine", "clinics", "research"})
TREATMENT_QUESTION = "how do i get ketamine treatment from a doctor"  # see Engine.trace
_WHERE_TREATED = re.compile(
    r"^(?:so |ok |okay |and |but )?(?:where|how) (?:can|could|do|would|should) (?:i|we|you|u)"
    r" (?:get|find|have|access|try|start) (?:it|this|that|them|that treatment|this treatment|"
    r"the treatment|one)(?: (?:here|then|near me|in \w+(?: \w+)?))?$"
)
K_HOLE_WAY_RULE = "context-k-hole-way"  # the verdict's rule: the way to a k-hole asked
MIX_THEM_RULE = "context-mix-them"  # the verdict's rule: the last question's drugs mixed
WEIGHT_RULE = "context-body-weight"  # the verdict's rule: a weight given after DOSE_TALK
DOSE_TALK = frozenset({"dose", "dosag", "give", "amount"})  # search terms of how much is given
NEWS_SUPPLY = "supplied dealer prescription"  # see Engine._news_supply
STOPPING = "stop using ketamine"  # what "how do i cut back" asks after a redirect
# see Engine._about_quitting: an answer about dependence, or the drug service that answered it
QUITTING_TOPICS = frozenset({"dependence", "getting-help"})
_THIRD_PERSON = re.compile(r"\b(?:he|she|they|him|her|them|his|hes|shes|theyre)\b")
_FIRST_PERSON = re.compile(
    r"\b(?:i|im|ive|id|ill|me|my|mine|myself|we|us|our|ours|you|your|u|ur)\b"
)
# "is it legal here", "when did it become a controlled drug here": the reader's country; "whats
# the penalty for possession there": the one asked about last (not "what help is there").
_HERE = re.compile(r"\b(?:over )?here$")
_THERE = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbe )\bthere$")
# The writer saying where they are: "im in the uk", "we're at a festival in australia", "i live in
# ireland", "i'm from nz".
_LOCATED = re.compile(
    r"\b(?:im|i m|i am|were|we re|we are|i live|we live|i stay|living|based|staying|currently)\b"
    r"(?: \w+){0,4} (?:in|at)\b|\b(?:im|i m|i am|were|we re|we are) from\b"
)
# Words around a place that say no more than where someone is: "im in london", "near sydney".
_PLACE_FILLER = frozenset(
    "i im am in at near around from live based the city centre center area uk us".split()
)
DYING_WORDS = ("die", "died", "dies", "dying", "dead", "death", "kill", "killed", "killing")
# Words that make a message chat, around a question or alone: see Engine._search.
CHAT_WORDS = frozenset(
    """
    ok okay thanks thank thx ty cheers ta alright yeah yea yep yup yes nah nope sure lol lmao
    haha hahaha hmm um umm uh omg wow bro bruh mate dude guys cool lmk pls plz please
    """.split()
)
# Phrases that open or close a question without being part of it ("sorry if dumb but ...",
# "... asking for a friend", "... thanks in advance"): stripped like chat words (_without_chat).
PADDING = tuple(
    tuple(phrase.split())
    for phrase in """
    sorry if this is a dumb question but|sorry if this is a stupid question but|sorry if dumb but
    sorry if stupid but|sorry if this is dumb but|sorry if this is stupid but|sorry if this is silly but
    this might be a dumb question but|this might be a stupid question but|might be a dumb question but
    dumb question but|stupid question but|silly question but|dumb question|stupid question
    random question but|genuine question|serious question|honest question|quick q|can i ask|may i ask
    can i ask you something|i have a question|i got a question|question for you|asking for a friend
    for a friend|thanks in advance|thank you in advance|cheers in advance|ta in advance|thx in advance
    tia|if that makes sense|if you know|if anyone knows|just wondering|just curious|i was wondering
    i m dying to know|im dying to know|i am dying to know|dying to know|i m curious|im curious
    good morning|good evening|good afternoon|morning|hi there|hello there|hey there|hiya|yo|hi|hello
    hey|sorry|but|so
    """.replace("\n", "|").split("|")
    if phrase.strip()
)
# ...and padding that makes what it pads a question: a claim heard, and whether it is true ("my
# mate says ket wrecks ur bladder is that true or just scaremongering")
CHECKING_LEAD = tuple(
    tuple(phrase.split())
    for phrase in """
    is it true that|is it true|is that true|my mate says|my friend says|my mates say
    my friends say|people say|i heard|i ve heard|ive heard|someone told me|i was told
    saw on the news that|i saw on the news that|i read that|i ve read that|ive read that
    he says|she says|they say|he said|she said|my mum says|my mom says|my dad says
    """.replace("\n", "|").split("|")
    if phrase.strip()
)
CHECKING_TAIL = tuple(
    tuple(phrase.split())
    for phrase in """
    is that true or just scaremongering|is it true or just scaremongering|or just scaremongering
    is that true|is it true|is this true|true or false|fact or fiction|or is that a myth
    or is it a myth|or just a myth|or is that just a myth|whats that about|what s that about
    or is it mostly hype|or is it just hype|or is it all hype|or is that just hype|or just hype
    or is it hype|or is that just rumours|or is that just a rumour|or is that a rumour
    or just rumours|or just a rumour|is he right|is she right|are they right|is that right
    """.replace("\n", "|").split("|")
    if phrase.strip()
)
CARRY_ON_MAX_TERMS = 2  # see Engine._carries_on
PLACE_NEAR = 0.8  # see Engine._in_place
READER_NEAR = 0.6  # see Engine._reader_first
RARE_IDF = 4.4  # an everyday word this rare in the passages is one of substance (_on_subject)
PLACE_ALONE = 0.25  # see Engine._by_place_alone
MIX_ON_MAX_TERMS = 3  # "and opioids?", "what if i only have a beer" after a mixing redirect
# A hedge before what is said ("i think im addicted to ket", "pretty sure my bladder is damaged"),
# or a fear said before it ("i'm scared i'm addicted to ketamine"): never part of it, and "think"
# or "scared" counted against the coverage.
_HEDGE = re.compile(
    r"^\s*(?:i (?:think|guess|reckon|believe|suspect|feel like)|(?:i'?m |i am )?pretty sure|"
    r"i'?m not sure but|not sure but|honestly|"
    r"(?:i'?m |i am |im |i )(?:really |so |a bit |kind of |kinda )?(?:scared|worried|afraid|"
    r"terrified|frightened|concerned|fear)(?= (?:that |i |i'?m |im |my |i'?ve |ive |it |it'?s |"
    r"its |he |she |they )))(?: that)?[\s,]+",
    re.IGNORECASE,
)
# "safe enough", "bad enough": the judgement asked, "enough" no word of it (it matched a review
# calling ketamine "safe enough for rural hospitals", read as reassurance by someone at a party)
_ENOUGH = re.compile(
    r"\b(safe|safer|ok|okay|bad|dangerous|risky|harmful|legal)\s+enough\b", re.IGNORECASE
)
# "what's the story with ketamine and heart problems" asks about them, not for patients' stories
_STORY = re.compile(r"\bwhat(?:['’]?s|\s+is)\s+the\s+story\s+(?:with|behind)\b", re.IGNORECASE)
# "how did the doctors end up getting charged": "end up" says nothing of what is asked (it
# counted against the coverage, as a word few passages have)
_END_UP = re.compile(r"\b(?:end|ends|ended|ending) up\b", re.IGNORECASE)
# A message that is only the drug's name ("ketamine", "spravato?", "tell me about esketamine"):
# searched as "what is ...". Not "k" alone, which is as often "ok".
_NAME_ALONE = re.compile(
    r"^(?:(?:tell me about|what about|how about|info on|info about|about|explain) )?"
    r"(ketamine|ket|keta|esketamine|spravato|special k|ketalar|arketamine)$"
)
# A message that asks: "can you drive after?", "is that true". One everyday word may answer it.
_ASKS = re.compile(
    r"\?|^(?:who|what|whats|when|where|why|how|which|is|are|was|were|do|does|did|can|could|"
    r"should|would|will|has|have|am)\b"
)

# A question inside a sentence that tells first ("i feel hopeless, would esketamine help"): a
# clause after a comma or "and", "but", "so" that starts as a question does.
_ASKS_WITHIN = re.compile(
    r"(?:[,;:]|\b(?:and|but|so|anyway|also|just wondering|wondering))\s+(?:who|what|whats|when|"
    r"where|why|how|which|is|are|do|does|did|can|could|should|would|will|has|have)\b"
)


@dataclass(frozen=True)
class Trace:
    reply: Reply
    hits: tuple[Hit, ...]


class Engine:
    """Knowledge plus its search index, answering one message at a time."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.index = Index(knowledge.passages, knowledge.synonyms)
        # A folder without safety.yaml/resources.yaml still gets the shipped ones: never no safety.
        rules, directory = knowledge.safety, knowledge.resources
        if not rules or not directory:
            shipped_rules, shipped_directory = _shipped_safety()
            rules, directory = rules or shipped_rules, directory or shipped_directory
        self.rules = rules
        self.directory = directory
        self.redirector = Redirector(
            rules, directory, self.index, knowledge.sources, self._sentence_weight
        )
        # The search terms of dying: a message that tells and matches only these is no question
        # about death ("my phone died", "he died in the end").
        self._dying = frozenset(self.index.query(" ".join(DYING_WORDS)).unique)
        self._drug = frozenset(self.index.query(" ".join(DRUG_NAMES)).unique)
        self._ketamine = frozenset(self.index.query("ketamine ket").unique)
        self._topic_of = {p.id: p.topic for p in knowledge.passages}
        self._news_ids = tuple(p.id for p in knowledge.passages if p.topic == NEWS_TOPIC)
        # ...and of the places synonyms.yaml makes countries ("new york" is "new", "york" and "us"):
        # the groups whose canonical word is a region's id or names it
        self._place_terms = frozenset(
            t
            for group in knowledge.synonyms
            if group.canonical in directory.regions or directory.named(words(group.canonical))
            for phrase in (group.canonical, *group.variants)
            for t in self.index.query(phrase).unique
        )

    @classmethod
    def from_dir(cls, path: Path | str) -> Engine:
        return cls(load_dir(path))

    def answer(
        self, question: str, *, context: Context | None = None, region: str | None = None
    ) -> Reply:
        """Reply to one message; pass the previous reply's `context` to allow follow-ups (and to
        keep the help of an earlier emergency or crisis reply in view)."""
        return self.trace(question, context=context, region=region).reply

    def trace(
        self, question: str, *, context: Context | None = None, region: str | None = None
    ) -> Trace:
        """The reply and the ranked hits behind it (for evaluation and debugging). An answer's
        quotes stay in its context, for the source asked next (a reply that keeps the context as
        it was, "thanks!", keeps them too)."""
        traced = self._read(question, context, region)
        reply = traced.reply
        if reply.kind != "answer" or not reply.quotes:
            return traced
        kept = replace(reply.context or Context(), quoted=reply.quotes)
        return replace(traced, reply=replace(reply, context=kept))

    def _read(self, question: str, context: Context | None, region: str | None) -> Trace:
        """`trace` before the answer's quotes are kept."""
        # Tags typed or pasted are no words of the question, for safety and search alike.
        question = without_markup(question)
        told = context.told if context is not None else frozenset()
        continuing = context.redirected if context is not None else None
        place = self._place_said(question, context) or (context.place if context else None)
        if place is not None:
            region = place  # "im in the uk": the UK's numbers, here and later in the conversation
        assessment = safety.assess(question, self.rules, continuing=continuing, told=told)
        if (
            assessment.verdict is None
            and assessment.support is None
            and context is not None
            and context.quoted
            and _SOURCE_ASKED.match(normalize(question))
        ):
            # "can u give me the source for that so i can cite it" right after an answer: the
            # same quotes, each with its source, not a search for "source" and "cite" (a blind
            # review: three passages on other subjects)
            again = Reply(
                kind="answer",
                lead=(SOURCE_LEAD,),
                quotes=context.quoted,
                footer=FOOTER,
                context=context,
            )
            return Trace(again, ())
        searched = context  # the conversation the message is read in
        if (
            (assessment.verdict is None or _model_buying(assessment.verdict))
            and context is not None
            and K_HOLE_TERM in context.terms
            and safety.REACH in assessment.said
        ):
            # "sounds fun how do i get there" right after an answer on the k-hole asks how much
            # it takes: a dose (the rules and the model see the message alone; the model reads
            # "how do people get into one" as buying)
            assessment = safety.Assessment(safety.Verdict("dosing", K_HOLE_WAY_RULE))
        elif (
            assessment.verdict is None
            and context is not None
            and context.concern is None
            and safety.BODY_WEIGHT in assessment.said
            and not DOSE_TALK.isdisjoint(context.terms)
        ):
            # "so what would they give someone who weighs 180 lbs" right after "how do ketamine
            # clinics decide how much to give a patient": an amount for a weight (the rules see
            # the message alone, with no drug named)
            assessment = safety.Assessment(safety.Verdict("dosing", WEIGHT_RULE))
        elif (
            assessment.verdict is None
            and context is not None
            and safety.MIX_THEM in assessment.said
            and (
                continuing == "mixing"
                or safety.names_a_substance(" ".join(context.terms), self.rules)
            )
        ):
            # "is it ok to mix them" after "kitty vs mdma which is worse for you": the drugs of
            # the last question, mixed; "what if we space them out" right after a mixing
            # redirect: the same mixing, hours apart (the same no, and the help again)
            assessment = safety.Assessment(safety.Verdict("mixing", MIX_THEM_RULE))
        elif (
            assessment.verdict is not None
            and assessment.verdict.category == "crisis"
            and assessment.verdict.rule.startswith(safety.BACKSTOP_VERDICT)
            and context is not None
            and context.concern is None
            and K_HOLE_TERM in context.terms
            and safety.USE_ALONE in assessment.said
        ):
            # "what if you do it alone" right after an answer on the k-hole asks about using
            # alone, not about dying (the model, reading the message alone, took "do it" so):
            # why alone adds to the risk and when to call, as for "is it bad to do ket alone",
            # searched so, on its own (the message's "alone" finds Spravato "on its own", and
            # the k-hole's words the mood effect of an infusion)
            assessment = replace(
                assessment, verdict=None, support="emergency", reason=safety.USING_ALONE_RULE
            )
            question, searched = USING_ALONE_QUESTION, None
        elif (
            assessment.verdict is not None
            and _model_buying(assessment.verdict)
            and _plain_after(context, TREATMENT_TOPICS)
            and _WHERE_TREATED.match(normalize(question))
        ):
            # "where can i get it" right after an answer on ketamine for PTSD asks where the
            # treatment is given: answered so, not the buying reply the model gave the message
            # read alone (an eighth blind review: a veteran told "I can't help with buying")
            assessment = replace(assessment, verdict=None)
            question, searched = TREATMENT_QUESTION, None
        elif assessment.verdict is None and assessment.reason in SEARCHED_AS:
            # needing more and more told, what to do if someone ods: the support rule's subject
            question, searched = SEARCHED_AS[assessment.reason], None
        elif (
            assessment.verdict is None
            and continuing == "mixing"
            and safety.UNWELL_NOW in assessment.said
        ):
            # "feel a bit sick now" right after the mixing help for "just took ket and had a few
            # pints": what to do now and when to call, not the side effects of an infusion
            assessment = replace(assessment, support="emergency", reason=safety.UNWELL_MIXED_RULE)
        elif (
            assessment.verdict is not None
            and assessment.verdict.category == "dosing"
            and context is not None
            and DRIVE_TERM in context.terms
            and safety.WAIT_ASKED in assessment.said
        ):
            # "how long should i wait" right after an answer on driving after ketamine asks the
            # wait before driving, not a gap between doses (the rules see the message alone);
            # searched so ("wait" alone finds the 2 hours' watch after Spravato)
            assessment = replace(assessment, verdict=None)
            question = f"{question} before driving"
        elif (
            assessment.verdict is None
            and context is not None
            and DRIVE_TERM in context.terms
            and safety.FEEL_FINE in safety.found(question, self.rules)
        ):
            # "what if i feel totally fine tho" right after an answer on driving after ketamine:
            # the advice on driving again (the message alone finds nothing to answer)
            question, searched = DRIVE_QUESTION, None
        trace = self._trace(question, assessment, searched, region)
        if place is not None:
            kept_place = replace(trace.reply.context or Context(), place=place)
            trace = replace(trace, reply=replace(trace.reply, context=kept_place))
        if region is not None and trace.reply.suggestions:
            # "Is ketamine legal in the US?" for a reader there (topics.yaml `examples`)
            local = tuple(
                replace(t, example=t.example_for(region)) for t in trace.reply.suggestions
            )
            trace = replace(trace, reply=replace(trace.reply, suggestions=local))
        grieving = not told.isdisjoint(safety.GRIEVING)
        # A death told stays in view for the rest of the conversation, whatever comes between.
        told = told | assessment.told
        if not told:
            return trace
        reply = trace.reply
        if grieving and reply.kind == "no_answer" and reply.support is None:
            # "he was only 23", "is there anything i could have done", after "my son died"
            lead = GRIEVING_TOLD if _tells(question) else GRIEVING_NO_ANSWER
            kind: ReplyKind = "chat" if _tells(question) else "no_answer"
            footer = "" if kind == "chat" else reply.footer
            reply = replace(reply, kind=kind, lead=lead, suggestions=(), footer=footer)
        kept = replace(reply.context or Context(), told=told)
        return replace(trace, reply=replace(reply, context=kept))

    def _trace(
        self,
        question: str,
        assessment: safety.Assessment,
        context: Context | None,
        region: str | None,
    ) -> Trace:
        """`trace` once the safety layer has read the message."""
        concern = context.concern if context is not None else None
        continuing = context.redirected if context is not None else None
        for_other = context.for_other if context is not None else False
        own = context.own if context is not None else False
        verdict = assessment.verdict
        if verdict is not None:
            # The model alone, in a conversation already about an emergency or crisis, reads a
            # moment the rules found nothing in as one ("we're at a&e now" an emergency, "i dont
            # want an ambulance" a crisis): the moment's text, for the conversation's concern.
            moment = (
                self.redirector.after_moment(
                    concern, question, region, verdict.lang, for_other=for_other, own=own
                )
                if concern is not None and verdict.rule.startswith(safety.BACKSTOP_VERDICT)
                else None
            )
            if moment is not None:
                return Trace(
                    replace(moment, context=Context(concern=concern, for_other=for_other, own=own)),
                    (),
                )
            if concern is not None and verdict.category in (concern, *_BELOW_CONCERNS):
                # Said again, or "how much would it take", "where do i get some" after "i want to
                # die": part of the same crisis (or emergency), not a dosing question. A crisis
                # said again is someone else's only if this message says so too ("she said it
                # again tonight"); the writer's own ("honestly so do i") is theirs from now on.
                # (the model's own reading says nothing of whose it is: "he just locked himself in
                # the bathroom" is still about the brother)
                if verdict.category == concern and not verdict.rule.startswith(
                    safety.BACKSTOP_VERDICT
                ):
                    for_other = verdict.other
                # ("she's not answering her phone" after an emergency reply: a rule reads the
                # emergency again, and the moment's text is the help for it)
                urgent = self.redirector.after_moment(
                    concern,
                    question,
                    region,
                    verdict.lang,
                    for_other=for_other,
                    own=own,
                    urgent=True,
                )
                reply = urgent or self.redirector.after(
                    concern, question, region, verdict.lang, for_other=for_other, own=own
                )
                return Trace(
                    replace(reply, context=Context(concern=concern, for_other=for_other, own=own)),
                    (),
                )
            if concern is None and verdict.category == continuing:
                # The same ask again right after its redirect ("same for my gf?" after "how much
                # ket should a first timer take"): the same no, said shortly, and the help again.
                return self._same_no(continuing, question, region, verdict.lang, (), context)
            news = self._about_the_news(question, verdict, context, region)
            if news is not None:
                return news
            quitting = self._about_quitting(question, verdict, context, region)
            if quitting is not None:
                return quitting
            reply = self._redirect(verdict, region, question)
            if verdict.category in CONCERNS and self.redirector.followed(verdict):
                # (an overdose the writer took meaning to die: what follows is said to them)
                mine = verdict.category == CONCERNS[0] and safety.SELF_INTENT in safety.found(
                    question, self.rules
                )
                reply = replace(
                    reply,
                    context=Context(concern=verdict.category, for_other=verdict.other, own=mine),
                )
            elif verdict.category in CONTINUED:
                # The country the refused message named, or the one asked about before, for a
                # follow-up that points there ("is it legal there" after "where can i buy ket in
                # sydney": Australia's law, not the US's and the UK's)
                named = self._countries(words(question))
                asked = next(iter(named)) if len(named) == 1 else None
                if asked is None and context is not None:
                    asked = context.asked
                reply = replace(
                    reply,
                    context=Context(
                        concern=concern,
                        redirected=verdict.category,
                        for_other=for_other,
                        asked=asked,
                        moment=self.redirector.moment_of(verdict, question),
                    ),
                )
            return Trace(reply, ())
        kind = courtesy(question)
        if kind is not None and concern is None:
            # "hi", "thanks a lot", "ok noted", "bye": a line or two, not a search (nor the
            # after-dosing text right after a redirect). The context stays for the next message.
            grieving = context is not None and not context.told.isdisjoint(safety.GRIEVING)
            place = ""
            if kind == "helpline":
                region, place = self._helpline_region(question, region)
            reply = courtesy_reply(
                kind,
                self._suggestions([]),
                len(self.knowledge.sources),
                grieving=grieving,
                refused=continuing,
                place=place,
            )
            reply = replace(reply, context=context)
            hits: list[Hit] = []
            if kind == "helpline":
                # A service's own passage, when the search finds one ("samaritans phone number",
                # "helplines in other countries"): quoted, with the numbers below it.
                found = self._search(question, context, region)
                if found.reply.kind == "answer" and self._names_service(question, found.hits[0]):
                    reply, hits = found.reply, list(found.hits)
            support = assessment.support
            if support is not None and assessment.reason.startswith(safety.BACKSTOP_SUPPORT):
                # A rule's support stays. The model's faint worry about words that are all
                # courtesy ("noted", as in a note) is noise: no support line for "noted".
                support = None
            if kind in ("help", "vent"):
                # "help" alone, "i need help": where help is, whatever it is; "i just want to
                # vent": where people listen, by text too
                support = "crisis"
            elif kind == "helpline":
                # (right after a dosing, buying or mixing redirect, or an answer about stopping,
                # "who can i talk to" asks for the drug service)
                drugs = continuing is not None or (
                    context is not None and context.topic in QUITTING_TOPICS
                )
                support = _helpline_concern(question, drugs=drugs)
            if support is not None:
                reply = self._with_support(reply, support, region, hits, rule=assessment.reason)
            return Trace(reply, tuple(hits))
        trace = self._search(question, context, region)
        if concern is not None:
            return self._after(concern, for_other, own, assessment.support, trace, question, region)
        if continuing is not None and (
            safety.PUSHED_BACK in assessment.said
            or (continuing == "dosing" and safety.DOSE_ASKED in assessment.said)
            or (continuing == "acquisition" and not safety.PRICE_ASKED.isdisjoint(assessment.said))
        ):
            # "why not, im an adult", "its for science": the same no, not the Spravato approval
            # "for adults" or a paper in the journal Science; and a dose asked again in other
            # words ("ok what about just the therapeutic dose range clinics use"), though the
            # model reads it alone as a question about clinics; and a price asked after a buying
            # redirect ("ile kosztuje gram?" after a dealer was asked for in Polish)
            return self._same_no(continuing, question, region, "en", trace.hits, context)
        if continuing is not None and safety.QUIT_ASKED in assessment.said:
            # "how do i cut back" right after a dosing redirect ("i need more and more is that
            # normal") asks how to stop, not for an amount: answered as about ketamine, with the
            # drug service, not the same no ("if you're going to use anyway...")
            trace = self._search(f"{question} {STOPPING}", None, region)
            reply = self._with_support(trace.reply, DEPENDENCE, region, list(trace.hits), question)
            kept = replace(reply.context or Context(), topic=DEPENDENCE)
            return Trace(replace(reply, context=kept), trace.hits)
        if (
            safety.HELP_ASKED in assessment.said
            and context is not None
            and assessment.support in (None, DEPENDENCE)
        ):
            # "how do i help him" right after "my friend keeps mixing ket with alcohol and G every
            # weekend" (a mixing redirect), "she gets really angry when i bring it up" after "what
            # can i say to her": words for someone helping a person close to them, with the drug
            # service, not the same no or the honest no
            kept = replace(context, redirected=None, topic=DEPENDENCE)
            reply = self.redirector.with_support(
                Reply(kind="chat", context=kept), DEPENDENCE, region, safety.HELPING_RULE
            )
            return Trace(reply, trace.hits)
        if (
            continuing == "acquisition"
            and trace.reply.kind != "redirect"
            and (
                self._only_a_place(question)
                or (
                    safety.CHANNEL in assessment.said
                    and len(self.index.query(question).unique) <= CARRY_ON_MAX_TERMS
                )
            )
        ):
            # "london", "im in manchester" right after a buying redirect says where to buy, and
            # "ok what about online", "telegram?" how: the same no, not passages that happen to
            # name the place or the way (the FDA on telemedicine platforms)
            return self._same_no(continuing, question, region, "en", trace.hits, context)
        if continuing == "mixing" and safety.MIX_ASKED_AGAIN in safety.found(question, self.rules):
            # "why tho whats the actual risk" right after the mixing help asks why that mix is
            # risky: the mixing help again, not the FDA's general list and "the benefits
            # outweigh the known risks" (read as reassurance by someone about to mix); and "what
            # about recreationally" is that mix taken another way, not recreational use in general
            return self._same_no(continuing, question, region, "en", trace.hits, context)
        if (
            continuing == "mixing"
            and trace.reply.kind != "redirect"
            and len(self.index.query(question).unique) <= MIX_ON_MAX_TERMS
            and safety.names_other_substance(question, self.rules)
        ):
            # "and opioids?", "what about weed" right after a mixing redirect asks what else
            # ketamine may be taken with: the mixing help again, with a quote for that one if
            # the sources have it, not passages that only name the other drug
            return self._same_no(continuing, question, region, "en", trace.hits, context)
        if (
            continuing is not None
            and trace.reply.kind == "no_answer"
            and assessment.reason != safety.UNWELL_MIXED_RULE
            and assessment.support != "emergency"
            and self._carries_on(question)
            and not (continuing == "mixing" and safety.names_ketamine_alone(question, self.rules))
            and not (
                trace.hits
                and self._in_place(
                    question, list(trace.hits), self._asked_of(question, context, region)
                )[0]
            )
        ):
            # Right after a dosing, buying or mixing redirect, a message with no answer carries on
            # the same ask ("ok what about for a small person", "im 80kg", "telegram groups?",
            # "come on bro"): the same no, said shortly, and the help again, not a list of
            # topics. The redirect stays in view for the next message. Not a message the
            # emergency line is added to ("what signs mean we should get the medics", after
            # the dosing reply at a festival: when to call, not the same no).
            return self._same_no(continuing, question, region, "en", trace.hits, context)
        context_now = trace.reply.context
        if context_now is not None and context_now.redirected is not None:
            # Answered (a follow-up searched with the redirected question's context): the
            # redirect is no longer the last reply.
            trace = replace(
                trace, reply=replace(trace.reply, context=replace(context_now, redirected=None))
            )
        if assessment.support is None:
            return trace
        if assessment.support == "emergency" and trace.reply.kind == "no_answer":
            # "it's been 3 hours and he seems mostly normal now": nothing to answer, and no
            # emergency reply before it (a worried question had the support line): what to keep
            # watching for, as after an emergency reply, not "I don't have a sourced answer"
            moment = self.redirector.after_moment("emergency", question, region, calm=True)
            if moment is not None and not _asks(question):
                return Trace(replace(moment, context=trace.reply.context), trace.hits)
        reply = self._with_support(
            trace.reply,
            assessment.support,
            region,
            list(trace.hits),
            question,
            rule=assessment.reason,
        )
        if assessment.support == DEPENDENCE:
            # (so "where can we get help here" next asks for the drug service, not a crisis line)
            reply = replace(reply, context=replace(reply.context or Context(), topic=DEPENDENCE))
        return Trace(reply, trace.hits)

    def _about_the_news(
        self,
        question: str,
        verdict: safety.Verdict,
        context: Context | None,
        region: str | None,
    ) -> Trace | None:
        """The answer to a question about someone in the news just asked about, that the model
        alone read as dosing, buying or mixing ("how often does he take it" after "tell me about
        elon musk and ketamine": Musk's own account, every other week), or any safety check read
        as buying ("where did he get it from" after Matthew Perry: the doctors and the dealer
        charged), when it asks about them (he, she, they), not the writer, and the news answers
        it; else None."""
        if verdict.category in CONCERNS or not (
            _model_alone_after(verdict, context, {NEWS_TOPIC})
            or (verdict.category == "acquisition" and _plain_after(context, {NEWS_TOPIC}))
            or (verdict.category == "acquisition" and self._quoted_news(context))
        ):
            return None
        said = normalize(question)
        if not _THIRD_PERSON.search(said) or _FIRST_PERSON.search(said):
            return None
        if verdict.category == "acquisition" and context is not None:
            # (its words are mostly too common to search: "where did he get it from")
            return self._news_supply(question, context)
        trace = self._search(question, context, region)
        if trace.reply.kind != "answer" or trace.hits[0].passage.topic != NEWS_TOPIC:
            return None
        return trace

    def _quoted_news(self, context: Context | None) -> bool:
        """Whether the last reply was an answer that quoted the news, in a conversation with no
        emergency, crisis or redirect before it ("how does ketamine actually kill someone" after
        the Matthew Perry story: the overdose passages first, his case beside them)."""
        return _plain(context) and any(
            self._topic_of.get(q.passage_id) == NEWS_TOPIC for q in context.quoted
        )

    def _news_supply(self, question: str, context: Context) -> Trace | None:
        """What the news says of who supplied or prescribed the drug to the person just asked
        about (Matthew Perry's doctors and dealer, Elon Musk's prescription), or None."""
        asked = self.index.query(f"{question} {NEWS_SUPPLY}")
        # (of the last question's terms, those the news has: "matthew perry", not "saw", "kill")
        kept = (
            t for t in context.terms if any(self.index.contains(i, (t,)) for i in self._news_ids)
        )
        query = Query((*asked.terms, *kept))
        hits = self.index.search(query, k=8)
        if not hits or hits[0].passage.topic != NEWS_TOPIC or not self._confident(hits):
            return None
        quotes = compose_answer(hits, self.knowledge.sources, self._sentence_weight(query))
        if not quotes:
            return None
        next_context = Context(query.terms, NEWS_TOPIC)
        return Trace(Reply(kind="answer", quotes=quotes, footer=FOOTER, context=next_context), ())

    def _about_quitting(
        self,
        question: str,
        verdict: safety.Verdict,
        context: Context | None,
        region: str | None,
    ) -> Trace | None:
        """Right after an answer about dependence ("how do i quit ketamine"), a question the model
        alone read as dosing that asks no amount ("can i do it on my own", "should i taper") is
        about stopping: answered, or the honest no, with the drug service; else None."""
        if (
            verdict.category != "dosing"
            or not _model_alone_after(verdict, context, QUITTING_TOPICS)
            or safety.asks_amount(question, self.rules)
        ):
            return None
        trace = self._search(question, context, region)
        reply = self._with_support(trace.reply, DEPENDENCE, region, list(trace.hits), question)
        return Trace(reply, trace.hits)

    def _same_no(
        self,
        continuing: str,
        question: str,
        region: str | None,
        lang: str,
        hits: tuple[Hit, ...],
        context: Context | None,
    ) -> Trace:
        """The dosing, buying or mixing redirect's after- text (the words of its moment, when it
        had one: a patient's), with the redirect kept in view for the next message."""
        moment = context.moment if context is not None else None
        after = self.redirector.after(continuing, question, region, lang, moment=moment)
        kept = Context(concern=None, redirected=continuing, moment=moment)
        return Trace(replace(after, context=kept), hits)

    def _after(
        self,
        concern: str,
        for_other: bool,
        own: bool,
        support: str | None,
        trace: Trace,
        question: str,
        region: str | None,
    ) -> Trace:
        """A message the safety layer let through, in a conversation that had an emergency or
        crisis reply: a question that has an answer gets it with the help beside it, without
        quotes from the topics the concern's after- reply withholds (what harms can read as a
        method after a crisis). Anything else ("i called 999", "i just feel that way"), and a
        question whose best passage is from such a topic ("can you overdose on it"), gets that
        reply instead of a list of topics or a quote. The concern stays for the next message (and
        whose crisis it is, `for_other`, or whose emergency, `own`)."""
        reply = trace.reply
        kept = replace(reply.context or Context(), concern=concern, for_other=for_other, own=own)
        withheld = self.redirector.withheld(concern, for_other=for_other, own=own)
        topics = {h.passage.id: h.passage.topic for h in trace.hits}
        # (a topic, or one passage: how Matthew Perry died, not his doctors' charges)
        quotes = tuple(
            q
            for q in reply.quotes
            if topics.get(q.passage_id) not in withheld and q.passage_id not in withheld
        )
        best = trace.hits[0].passage if trace.hits else None
        urgent_moment = self.redirector.after_moment(
            concern, question, region, for_other=for_other, own=own, urgent=True
        )
        if urgent_moment is not None:
            # "what number do i call here", "should i still call": the moment's text, even when
            # some passage would answer the words (US poison-centre figures for the number)
            return Trace(replace(urgent_moment, context=kept), trace.hits)
        if (
            not _asks(question)
            or reply.kind != "answer"
            or not quotes
            or best is None
            or best.topic in withheld
            or best.id in withheld
        ):
            after = self.redirector.after_moment(
                concern, question, region, for_other=for_other, own=own
            ) or self.redirector.after(concern, question, region, for_other=for_other, own=own)
            return Trace(replace(after, context=kept), trace.hits)
        if concern == "emergency":
            # ...and in an emergency, only what is on the point asked: "should we put him on his
            # side?" is the recovery position, without Oxford's budget beside it
            quotes = tuple(q for q in quotes if topics.get(q.passage_id) == best.topic)
        urgent = next(c for c in CONCERNS if c in (support, concern))
        reply = self.redirector.with_support(replace(reply, quotes=quotes), urgent, region)
        return Trace(replace(reply, context=kept), trace.hits)

    def _place_said(self, message: str, context: Context | None) -> str | None:
        """The region of a country the writer says they are in ("im in the uk", "we're at a
        festival in australia", "i live in ireland"), or names alone after an emergency or crisis
        reply ("uk"); None for no country, several, or one the directory does not list."""
        said = words(message)
        located = _LOCATED.search(" ".join(said))
        alone = context is not None and context.concern is not None and self._only_a_place(message)
        if not (located or alone):
            return None
        named = self._countries(said)
        return next(iter(named)) if len(named) == 1 else None

    def _countries(self, said: list[str]) -> frozenset[str]:
        """The regions the words `said` name, but the international one (no country)."""
        return self.directory.named(said) - {resource.DEFAULT_REGION}

    def _only_a_place(self, message: str) -> bool:
        """Whether a message only names a place ("london", "im in texas", "near sydney")."""
        said = words(message)
        named = self.directory.named(said)
        if not named:
            return False
        place_words = {
            w for r in named for a in self.directory.regions[r].aliases for w in a.split()
        }
        return all(w in place_words or w in _PLACE_FILLER for w in said)

    def _carries_on(self, message: str) -> bool:
        """Whether a message after a dosing, buying or mixing redirect carries on its ask: it tells
        ("im 80kg", "come on bro") or asks in a word or two ("and for my girlfriend? she's
        tiny", "telegram groups?"). A longer question is a new one ("what happens legally if you
        get caught with it in canada"): it has the honest no-answer."""
        if safety.DRUG_CHECKING in safety.found(message, self.rules):
            return False  # "ok what about testing it, is there pill testing at festivals": new
        return not _asks(message) or len(self.index.query(message).unique) <= CARRY_ON_MAX_TERMS

    def _search(self, question: str, context: Context | None, region: str | None = None) -> Trace:
        """The answer from the knowledge base, or an honest no-answer. Helplines are quoted for
        the person's `region` (see _local)."""
        local = self._local(question, region)
        # Chat words and padding around a question ("lol is it addictive", "sorry if dumb but
        # ...", "... asking for a friend") are no part of it: searched, they match passages by
        # chance ("friend") or count against the question's coverage.
        question = _without_chat(question) or question
        question = _HEDGE.sub("", question, count=1) or question
        question = _ENOUGH.sub(r"\1", question)
        question = _STORY.sub("what about", question)
        question = _END_UP.sub("", question)
        name = _NAME_ALONE.match(" ".join(words(question)))
        if name and (context is None or context.redirected is None):
            # (right after a buying redirect, "ket" says what was to be bought)
            question = f"what is {name.group(1)}"
        query = self.index.query(question)
        hits = local(self.index.search(query, k=8))
        next_context = Context(query.terms, hits[0].passage.topic if hits else None)
        own: Query | None = query  # the message's own words (not merged with the context's)
        place_said = question  # the words the place check reads (see below)
        # A follow-up merges with the previous subject; after a crisis or redirect reply there is
        # none (no terms), and "merging" would only search the message's own words without the
        # check on one everyday word ("what year was that again" had the UK penalties).
        if context is not None and context.terms and self._is_follow_up(question, query, hits):
            # A place said is asked of the subject there: "is it legal in the uk" after Spravato
            # is not the US's scheduling of it, "london" after the law is the UK's law, and
            # "what about florida" after New York's law is not the New York Times.
            places = self._countries(words(question))
            earlier = context.terms
            if places:
                earlier = tuple(t for t in earlier if t not in self._place_terms) or earlier
            merged = Query((*query.terms, *query.terms, *earlier))
            if places and _PLACE_WORDS.isdisjoint(words(question)):
                # ...and a place said alone asks of it what the subject asked ("and in germany?"
                # after "is ketamine legal in the netherlands": the law, not Rolling Stone Germany
                # on Matthew Perry's doctor)
                subject_words = [
                    w
                    for w in sorted(_PLACE_WORDS)
                    if set(self.index.query(w).unique) <= set(context.terms)
                ]
                place_said = " ".join([question, *subject_words])
            new = [t for t in query.unique if self.index.knows(t)]
            if all(self.index.everyday(t) and not self.index.sole_keyword(t) for t in new):
                # "what happened?" after Matthew Perry is about him, as a whole ("is it safe?"
                # after Elon Musk's use is still about safety: "safe" is a keyword)
                new = []
            # Passages with the new words first: "what about OCD?" is about OCD, in context;
            # and first of all those with the previous subject too: "wasnt he getting it from a
            # doctor tho" after Matthew Perry's death is about his doctors, not a clinic's.
            subject = [t for t in earlier if self.index.idf(t) >= MIN_MATCHED_IDF]
            known = [
                t for t in query.unique if self.index.knows(t) and not self.directory.named([t])
            ]
            content = [t for t in known if not self.index.everyday(t)]

            def asked(passage: Hit) -> bool:
                # all its words of substance, else any of its everyday ones, and the place
                if content:
                    found = all(self.index.contains(passage.passage.id, (t,)) for t in content)
                else:
                    found = not known or self.index.contains(passage.passage.id, known)
                return found and all(
                    self.directory.mentions(r, words(passage.passage.text)) for r in places
                )

            merged_hits = sorted(
                local(self.index.search(merged, k=8)),
                key=lambda h: (
                    not (asked(h) and self.index.contains(h.passage.id, subject)),
                    not self.index.contains(h.passage.id, new),
                ),
            )
            if merged_hits and self._confident(merged_hits):
                query, hits, next_context, own = merged, merged_hits, context, None
        # A story with the question at the end: the question alone may find its answer.
        alone = _asked_sentence(question)
        if alone is not None and not (hits and self._confident(hits, own, question)):
            alone_query = self.index.query(alone)
            alone_hits = local(self.index.search(alone_query, k=8))
            if alone_hits and self._confident(alone_hits, alone_query, alone):
                query, hits, own, question = alone_query, alone_hits, alone_query, alone
                next_context = Context(query.terms, hits[0].passage.topic)
        # "here" is the reader's country; "there", or a short follow-up that points back, the one
        # the last question asked about ("is ket illegal in ireland", "whats the penalty for
        # possession there"): kept for the next message as the country asked about
        asked_of = self._asked_of(question, context, region)
        country = next(iter(asked_of)) if len(asked_of) == 1 else None
        story = bool(hits) and not self._confident(hits, own, question)
        unanswered = story and not self._story(hits, own, question)
        if unanswered:
            found = self._clause_answered(question, hits, local)
            if found is not None:
                query, hits, question = found
                own = query
                next_context = Context(query.terms, hits[0].passage.topic)
                if country is not None:
                    next_context = replace(next_context, asked=country)
                story = unanswered = False
        if not hits or unanswered:
            # Keep the last answered subject, so a follow-up after a miss still has it (its words,
            # not a topic: nothing was answered, so the next message is not read as after an
            # answer on it, "what if i just try a lil bit" as about quitting)
            kept = context if context is not None else (next_context if hits else None)
            if kept is next_context and kept is not None:
                kept = replace(kept, topic=None)
            if country is not None:
                kept = replace(kept or Context(), asked=country)
            reply = self._no_answer(hits, kept, question)
            place = self._in_place(place_said, hits, asked_of)[0] if hits and asked_of else ""
            if place:
                # ...said for the country asked about ("what about possession for personal use"
                # after "is ketamine illegal in ireland": no sourced answer for Ireland)
                reply = self._for_place(reply, place)
            return Trace(reply, tuple(hits))
        if story and own is not None:
            # ...and of a story's many words, a further passage needs one of its keywords too
            # (not Elon Musk's working days for a daughter's night at a festival).
            hits = [hits[0], *(h for h in hits[1:] if self._has_keyword(h, own))]
        place, hits = self._in_place(place_said, hits, asked_of)
        if country is not None:
            next_context = replace(next_context or Context(), asked=country)
        elif next_context is not None and next_context is not context:
            next_context = replace(next_context, asked=None)
        if place:
            # "whats the law on ketamine in nz": not the UK's, the US's and Australia's law
            reply = self._for_place(self._no_answer(hits, next_context, question), place)
            return Trace(reply, tuple(hits))
        if not asked_of:
            hits = self._reader_first(hits, query, place_said, region)
        quotes = compose_answer(
            self._on_subject(hits, query), self.knowledge.sources, self._sentence_weight(query)
        )
        if not quotes:
            return Trace(self._no_answer(hits, next_context, question), tuple(hits))
        reply = Reply(kind="answer", quotes=quotes, footer=FOOTER, context=next_context)
        return Trace(reply, tuple(hits))

    @staticmethod
    def _for_place(reply: Reply, place: str) -> Reply:
        """The honest no-answer, said for the place asked about."""
        lead = (
            f"I don't have a sourced answer about that for {place}, and I'd rather say so than "
            "quote another country's.",
            *reply.lead[1:],
        )
        return replace(reply, lead=lead)

    def _asked_of(
        self, question: str, context: Context | None, region: str | None
    ) -> frozenset[str]:
        """The countries a question asks about: those it names, else the one it points to, the
        reader's for "here" ("when did it become a controlled drug here"), the last question's
        for "there" or a short follow-up asking what differs by country ("whats the penalty for
        possession there", "whats the penalty for supply" after "is ket illegal in ireland")."""
        said = words(question)
        named = self._countries(said)
        if named:
            return named
        if _HERE.search(" ".join(said)):
            # ...asking what differs by country ("thank you for all the information here" is
            # not about the UK)
            if region is None or region == resource.DEFAULT_REGION or _PLACE_WORDS.isdisjoint(said):
                return frozenset()
            return frozenset({region}) if region in self.directory.regions else frozenset()
        asked = context.asked if context is not None else None
        if asked is None:
            return frozenset()
        if _THERE.search(" ".join(said)):
            return frozenset({asked})
        # ...or a short follow-up asking what differs by country ("is it legal for doctors to
        # give it", "whats the penalty for supply", "cost?"; not "what side effects does it
        # have")
        short = len(self.index.query(question).unique) <= FOLLOW_UP_MAX_TERMS
        if short and not _PLACE_WORDS.isdisjoint(said):
            return frozenset({asked})
        return frozenset()

    def _in_place(
        self, question: str, hits: list[Hit], asked_of: frozenset[str] | None = None
    ) -> tuple[str, list[Hit]]:
        """For a question that names a place (or points to one: `asked_of`, see _asked_of; by
        default the places it names): the place, when its best passage does not name it ("is
        esketamine available in ireland" found Australia's TGA), else "" and only the hits that
        name it ("is spravato available in the usa" is not told of Scotland). Helpline passages
        are chosen by region already (_local); a question naming no place keeps all."""
        said = words(question)
        named = self._countries(said) if asked_of is None else asked_of
        if not named or (
            hits[0].passage.topic not in PLACE_TOPICS and _PLACE_WORDS.isdisjoint(said)
        ):
            return "", hits  # "ketamine deaths uk": how ketamine kills is the same everywhere
        about = [
            h
            for h in hits
            if h.passage.topic in LOCAL_TOPICS
            or any(self.directory.mentions(r, words(h.passage.text)) for r in named)
        ]
        # the question's words of what differs by country ("legal", "penalties"), as terms
        asked = [self.index.query(w).unique for w in _PLACE_WORDS.intersection(said)]
        best = hits[0]
        if about and about[0] is best:
            if (
                best.passage.topic in PLACE_TOPICS
                or any(self.index.contains(best.passage.id, t) for t in asked)
                or not self._by_place_alone(best, said, named)
            ):
                return "", about
            # "is ketamine legal in new york" found the New York Times on Elon Musk by the place's
            # words alone: a passage on the law of the place, nearly as good, answers it instead
            # ("is ketamine legal in germany" found Rolling Stone Germany: none, the honest no).
            topics = PLACE_TOPICS
        else:
            # "legal status of ketamine in texas" found the UK's law ("status"): US law, of the
            # same topic and nearly as good, answers it. Penalties asked for a place whose
            # passages have none ("in nsw") still get the honest no.
            topics = frozenset({best.passage.topic})
        near = [
            h
            for h in about
            if h.passage.topic in topics
            and asked
            and all(self.index.contains(h.passage.id, t) for t in asked)
            and h.score >= PLACE_NEAR * best.score
        ]
        if near:
            return "", near
        return self._place_label(said, named), hits

    def _place_label(self, said: list[str], named: frozenset[str]) -> str:
        """How a reply names the place a question asks about: "the United Kingdom", "New
        Zealand", "Germany" (a country of the EU said by name)."""
        region = sorted(named)[0]
        place = self.directory.regions[region]
        country = [w for w in said if w in place.aliases and w not in ("eu", "europe")]
        if region == "eu" and country:
            return country[0].title()
        return _place_name(place.name)

    def _by_place_alone(self, hit: Hit, said: list[str], named: frozenset[str]) -> bool:
        """Whether `hit` matches less than a quarter of the question's weight without the words
        that name its places (`said`, naming the regions `named`): the New York Times for "is
        ketamine legal in new york" has "ketamine" but not "legal"."""
        place_words = {
            w for r in named for a in self.directory.regions[r].aliases for w in a.split()
        }
        rest = self.index.query(" ".join(w for w in said if w not in place_words)).unique
        weight = sum(self.index.idf(t) for t in rest)
        found = sum(self.index.idf(t) for t in rest if self.index.contains(hit.passage.id, (t,)))
        return weight > 0 and found < PLACE_ALONE * weight

    def _names_service(self, question: str, hit: Hit) -> bool:
        """Whether `hit` is the passage on a service the question names ("samaritans phone
        number", "poison control number"), or on the international directory when it asks about
        other countries; not a helpline a search finds by chance ("what number do i call for
        mental health help" is not Poison Help)."""
        said = words(question)
        named = set(self.directory.named(said))
        if not _ABROAD.isdisjoint(said):
            named.add(resource.DEFAULT_REGION)
        return hit.passage.topic in LOCAL_TOPICS and hit.passage.region in named

    def _helpline_region(self, question: str, region: str | None) -> tuple[str | None, str]:
        """The region whose numbers a request for one gets ("what number do i call for mental
        health help in nz": New Zealand's, wherever it is asked from), and its name ("" for
        none known, or the international fallback)."""
        named = self.directory.named(words(question))
        if len(named) == 1:
            region = next(iter(named))
        place = self.directory.regions.get(region or "")
        if place is None or place.id == resource.DEFAULT_REGION:
            return region, ""
        return region, _place_name(place.name)

    def _local(self, question: str, region: str | None) -> Callable[[list[Hit]], list[Hit]]:
        """What keeps, of a search's hits, those a person in `region` can use: a helpline
        passage (a LOCAL_TOPICS topic) of another country only when the question names that
        country or the service (resources.yaml `aliases`). "where can i get help for ketamine
        addiction" from Ireland is not told "In the UK, FRANK is…"; "is samaritans free"
        still is, wherever it is asked from."""
        named = self.directory.named(words(question))
        keep = self.directory.here(region) | named | {None}
        # a country named, or the reader's own: its services before the international directory
        reorder = bool(named) or region not in (None, resource.DEFAULT_REGION)

        def local(hits: list[Hit]) -> list[Hit]:
            kept = [
                h for h in hits if h.passage.topic not in LOCAL_TOPICS or h.passage.region in keep
            ]
            if reorder:
                # The services of the region named, or the reader's own, before the international
                # directory ("For other countries, Find A Helpline…" is not the first thing a
                # UK reader is told).
                slots = [i for i, h in enumerate(kept) if h.passage.topic in LOCAL_TOPICS]
                ordered = sorted(
                    (kept[i] for i in slots),
                    key=lambda h: h.passage.region == resource.DEFAULT_REGION,
                )
                for i, hit in zip(slots, ordered, strict=True):
                    kept[i] = hit
            return kept

        return local

    def _confident(self, hits: list[Hit], query: Query | None = None, message: str = "") -> bool:
        """Whether the best passage answers: it matches enough of the question, no passage of
        another topic is as good, and (given the `query` of a `message`) it matches more than one
        everyday word or bare number: "fine", "ok thanks man", "just one name" are chat, not
        questions about fines, men or brand names, and "+1" agrees with someone, whatever
        passages mention a 1. A question may match one, when it is by itself one of the
        passage's keywords ("can you drive after?"), not a word its text happens to use ("how do
        i even bring it up with him", "what year was that again") or a word of a longer keyword
        ("what happened" is not "what happens when you stop")."""
        best = hits[0]
        if best.coverage < MIN_COVERAGE or best.matched_idf < MIN_MATCHED_IDF:
            return False
        if query is not None:
            matched = [t for t in query.unique if self.index.contains(best.passage.id, (t,))]
            if (
                len(matched) == 1
                and (self.index.everyday(matched[0]) or not any(c.isalpha() for c in matched[0]))
                and (
                    not _asks(message) or not self.index.keyword_alone(best.passage.id, matched[0])
                )
            ):
                return False
            if matched and message and set(matched) <= self._dying and _tells(message):
                return False  # "my phone died", "he died in the end": told, not asked
        for other in hits[1:3]:
            if (
                other.score >= best.score * NEAR_TIE
                and other.passage.topic != best.passage.topic
                and best.coverage < TIE_NEEDS_COVERAGE
                and frozenset({best.passage.topic, other.passage.topic}) not in KIN_TOPICS
            ):
                return False
        return True

    def _story(self, hits: list[Hit], query: Query | None, message: str) -> bool:
        """Whether the best passage answers a long message that names the drug and tells a
        story around its question, though it matches less than half of it (most of a story's
        words say who, when and where): it matches a fair share, words of substance, and one of
        its own keywords, the ways moderators list of asking for it (not a word of dying: "my
        boss is gonna kill me"), and no passage of another topic is as good. "my daughter told
        me she took ketamine once at a festival, should i be worried?" is answered; "read that
        police seized a tonne of ketamine in a shipping container, is that a lot?" is not (it
        matches a comparison of ketamine and esketamine by chance). "k" counts where it is used
        ("been on k most weekends ... is this the k"), not the letter ("the letter K this week",
        "special K cereal"). English only: the knowledge is in English."""
        if (
            query is None
            or len(query.unique) < STORY_TERMS
            or (DRUG_NAMES.isdisjoint(words(message)) and not _K_USED.search(normalize(message)))
            or safety.language(message, self.rules) != "en"
        ):
            return False
        best = hits[0]
        return (
            best.coverage >= STORY_COVERAGE
            and best.matched_idf >= STORY_MATCHED_IDF
            and self._has_keyword(best, query)
            and not any(
                other.score >= best.score * NEAR_TIE and other.passage.topic != best.passage.topic
                for other in hits[1:3]
            )
        )

    def _clause_answered(
        self, question: str, hits: list[Hit], local: Callable[[list[Hit]], list[Hit]]
    ) -> tuple[Query, list[Hit], str] | None:
        """A clause of a message that matches nothing as a whole (nor as a story) which answers
        it alone, as (its query, its hits, the clause), or None. A question first and why it is
        asked after a comma ("whats a k hole, my mate keeps goin on about it"): the question
        alone, when every word of it is answered. Or whether it is that bad, asked last of
        ketamine named before it ("im 15 and my friends want to try ket this weekend, is it that
        bad"): that question alone, searched as its risks."""
        clause = _asked_first(question)
        harm = not clause and self._asks_harm(question)
        if harm:
            # (searched as its risks: the FDA's list of them first, not only "it depends")
            clause = HARM_QUESTION if _asked_last(question) else ""
        elif not clause:
            # ...or asked after why it is asked, a school or study task ("doing a school
            # assignment on ketamine, who invented it and when"): the question, of the task's
            # subject
            clause = _asked_after_study(question)
        if clause:
            clause_query = self.index.query(clause)
            clause_hits = local(self.index.search(clause_query, k=8))
            if (
                clause_hits
                and self._confident(clause_hits, clause_query, clause)
                and (harm or self._clause_answers(clause_hits[0], clause_query, hits))
            ):
                return clause_query, clause_hits, clause
        # ...or any clause that asks, after a greeting or a story, in a sentence of its own or
        # after a comma ("kia ora, whats the deal with ketamine and the bladder, my cousin had to
        # get surgery", "my cat is getting spayed tmrw, do they use ketamine on cats? is it safe
        # for her"): the first that names the drug and whose answer the whole message finds too
        # (not "is that normal" of a dog on gabapentin, nor "how often do i change the water" of
        # soaking salt cod).
        for clause in _asking_clauses(question):
            if DRUG_NAMES.isdisjoint(words(clause)) and not _K_HOLE.search(normalize(clause)):
                continue
            clause_query = self.index.query(clause)
            clause_hits = local(self.index.search(clause_query, k=8))
            if (
                clause_hits
                and self._confident(clause_hits, clause_query, clause)
                and self._clause_answers(clause_hits[0], clause_query, hits, CLAUSE_NEAR)
            ):
                return clause_query, clause_hits, clause
        return None

    def _clause_answers(self, best: Hit, clause: Query, whole: list[Hit], near: int = 3) -> bool:
        """Whether the best passage for a clause of a sentence, searched alone, answers it: the
        clause has words of substance (not only everyday words and the drug's name: "is that
        normal" asks of the rest), the passage has every one of them (not "how many bumps does a
        camel have"), and the whole sentence's search finds it too, near the top."""
        substance = [t for t in clause.unique if t not in self._drug and not self.index.everyday(t)]
        return (
            bool(substance)
            and all(self.index.contains(best.passage.id, (t,)) for t in substance)
            and any(h.passage.id == best.passage.id for h in whole[:near])
        )

    def _asks_harm(self, question: str) -> bool:
        """Whether the message ends by asking whether ketamine, named in it and nothing to mix
        it with, is that bad or dangerous (safety.HARM_ASKED)."""
        return safety.HARM_ASKED in safety.found(
            question, self.rules
        ) and safety.names_ketamine_alone(question, self.rules)

    def _has_keyword(self, hit: Hit, query: Query) -> bool:
        """Whether the `query` has all the words of one of the hit passage's keywords, other
        than the drug's name or a word of dying alone."""
        ignore = self._drug | self._dying
        return self.index.has_keyword(hit.passage.id, query.unique, ignore=ignore)

    def _is_follow_up(self, question: str, query: Query, hits: list[Hit]) -> bool:
        # "thanks!", "ok", "cool 👍" add nothing the knowledge has: not a follow-up, never a repeat.
        known = [t for t in query.unique if self.index.knows(t)]
        if not known or len(query.unique) > FOLLOW_UP_MAX_TERMS:
            return False
        if _FOLLOW_UP.match(normalize(question)) or self._only_a_place(question):
            return True  # ("london" after "is ketamine legal" is "and in london?")
        if not _asks(question) and all(self.index.everyday(t) for t in known):
            return False  # "i'm fine, forget it", "ok i'll try again": chat, not a follow-up
        if _REFERS.search(normalize(question)):
            return True
        return not hits or not self._confident(hits, query, question)

    def _reader_first(
        self, hits: list[Hit], query: Query, question: str, region: str | None
    ) -> list[Hit]:
        """For a question about what the law allows that names no place ("is ketamine legal",
        "is spravato available"), on a topic that differs by country: the passages about the
        reader's country first, those that match every word of the question the best matches and
        about as well. A reader in the UK is told the UK's law before the US's; one in a country
        no passage is about, as before.
        A question that names a country, its institutions ("approved by the FDA") or a word no
        passage has (a place we know nothing of: "available in the philippines") is left as it
        is."""
        if region is None or region == resource.DEFAULT_REGION or not hits:
            return hits
        said = words(question)
        if hits[0].passage.topic not in PLACE_TOPICS or _LAW_WORDS.isdisjoint(said):
            return hits
        if not _ABROAD.isdisjoint(said) or any(
            self.directory.mentions(r, said) for r in self.directory.regions
        ):
            return hits
        if not all(self.index.knows(t) for t in self.index.query(question).unique):
            return hits
        near = hits[0].score * READER_NEAR

        def matched(hit: Hit) -> set[str]:
            return {t for t in query.unique if self.index.contains(hit.passage.id, (t,))}

        best = matched(hits[0])
        mine = [
            h
            for h in hits
            if h.score >= near
            and self.directory.mentions(region, words(h.passage.text))
            and matched(h) >= best
        ]
        return [*mine, *(h for h in hits if h not in mine)]

    def _on_subject(self, hits: list[Hit], query: Query) -> list[Hit]:
        """The best hit, and further ones that share a word of substance with the question, not
        only everyday words and ketamine's name: "how long does a k hole last" is not also told
        that an infusion's benefit lasts about a week ("long", "last"). An everyday word that
        few passages have counts ("drive", "children"); a question of everyday words only keeps
        them all."""
        substance = [
            t
            for t in query.unique
            if t.isalpha()
            and t not in self._ketamine
            and self.index.knows(t)
            and (not self.index.everyday(t) or self.index.idf(t) >= RARE_IDF)
        ]
        if not substance:
            return hits
        return [hits[0], *(h for h in hits[1:] if self.index.contains(h.passage.id, substance))]

    def _sentence_weight(self, query: Query) -> Callable[[str], float]:
        terms = frozenset(query.terms)
        analyzer, idf = self.index.analyzer, self.index.idf

        def weight(sentence: str) -> float:
            return sum(idf(t) for t in set(analyzer.terms(sentence)) & terms)

        return weight

    def _no_answer(self, hits: list[Hit], context: Context | None, message: str = "") -> Reply:
        reply = replace(no_answer(self._suggestions(hits)), context=context)
        ask = self.rules.ask_english.get(safety.language(message, self.rules)) if message else None
        # "¿qué es la ketamina?": the knowledge base is in English; say so, in their language.
        return replace(reply, lead=(ask, *reply.lead)) if ask else reply

    def _suggestions(self, hits: list[Hit], leave_out: frozenset[str] = frozenset()) -> list[Topic]:
        """Four topics to suggest: those of the best hits first, then the usual ones; none of
        `leave_out`."""
        chosen: list[Topic] = []
        for topic_id in [h.passage.topic for h in hits[:3]] + list(DEFAULT_SUGGESTIONS):
            topic = self.knowledge.topic(topic_id)
            if topic is not None and topic not in chosen and topic_id not in leave_out:
                chosen.append(topic)
        if len(chosen) < 4:
            chosen.extend(t for t in self.knowledge.topics if t not in chosen)
            chosen = [t for t in chosen if t.id not in leave_out]
        return chosen[:4]

    def _with_support(
        self,
        reply: Reply,
        concern: str,
        region: str | None,
        hits: list[Hit],
        message: str = "",
        *,
        rule: str = "",
    ) -> Reply:
        """`reply` with where help is for `concern` (in the words of the support `rule` that
        fired, when it has its own). The topics its support text withholds are not suggested,
        nor quoted to a message that tells rather than asks: "my dad died" gets the support
        text alone, not how ketamine kills or "How did Matthew Perry die?" ("can you overdose on
        it", asked, still has its answer). Nor does such a message get "I don't have a sourced
        answer" and a list of topics when the support rule has its own words for it (grief): it
        asked nothing; a question it cannot answer gets the honest no without the list."""
        leave_out = self.redirector.unsuggested(concern, rule)
        # the support text alone (not "ask in English" either: nothing was asked)
        alone = Reply(kind="chat", context=reply.context)
        if leave_out and reply.kind == "answer" and _tells(message):
            topics = {h.passage.id: h.passage.topic for h in hits}
            quotes = tuple(q for q in reply.quotes if topics.get(q.passage_id) not in leave_out)
            if (
                not quotes
                or hits[0].passage.topic in leave_out
                or self.redirector.own(concern, rule)
            ):
                # (a death or a low mood told in the rule's own words: those alone; "my husband
                # died of an overdose in march. they said ketamine was involved" had a rat study)
                reply = alone
            elif quotes != reply.quotes:
                reply = replace(reply, quotes=quotes)
        elif reply.kind == "no_answer" and self.redirector.own(concern, rule):
            if _tells(message) or rule in (
                safety.HELPING_RULE,
                safety.AFTER_SESSION_RULE,
                safety.CRAVINGS_RULE,
            ):
                # "my grandad died last month and i miss him": no list of topics; "what can i
                # say to her", "she's really out of it and crying (after her infusion), is
                # that normal" and "6 months clean, cravings are still bad at night, is that
                # normal" are answered by the rule's own words
                reply = alone
            else:
                # "my son died in march, did he suffer?": the honest no, not a menu of topics
                # that reads as changing the subject (a helper's review)
                lead = tuple(p for p in reply.lead if p != NO_ANSWER_LEAD[-1])
                reply = replace(reply, lead=lead, suggestions=())
        if not leave_out.isdisjoint(t.id for t in reply.suggestions):
            kept = self._suggestions(hits, leave_out)[: len(reply.suggestions)]
            reply = replace(reply, suggestions=tuple(kept))
        return self.redirector.with_support(reply, concern, region, rule)

    def _redirect(self, verdict: safety.Verdict, region: str | None, question: str = "") -> Reply:
        """Kind words, the region's resources and (by category) sourced quotes; see bot.redirect."""
        return self.redirector.reply(verdict, question, region)


# The help a number is asked for: an emergency ("whats the emergency number", "poison control
# number"), a drug service ("frank number", "is there a helpline for addiction"), or else the
# crisis lines ("what number do i call for mental health help"), which come with the emergency
# number too.
_EMERGENCY_WORDS = frozenset(
    "emergency emergencies ambulance paramedics 999 911 000 112 poison poisons overdose od".split()
)
_DRUG_WORDS = frozenset(
    "drug drugs addiction addicted rehab detox frank samhsa hse aod using dependence".split()
)


# Topics whose answers differ by country: the law, the approval and funding of esketamine,
# clinics and who gets treatment, FDA warnings on compounded ketamine. Elsewhere (effects,
# harms, overdose, history) a passage answers wherever the reader is.
PLACE_TOPICS = frozenset({"law", "esketamine", "clinics", "society", "compounded"})
# ...and words of a question about what differs by country, whatever topic its best passage
# has ("whats the law on ketamine in nz" found US scheduling in the dependence topic).
_PLACE_WORDS = frozenset(
    """
    law laws legal illegal legally class schedule scheduled controlled prescription prescribe
    prescribed available availability approved approval licensed licence license allowed banned
    penalty penalties sentence jail prison police arrested covered insurance funded cost price
    nhs pbs medicare possession possess possessing caught fined decriminalised decriminalized
    offence offense criminal
    """.split()
)
# ...of which those about what the law allows (see Engine._reader_first; not "approved", which
# asks of the approval we have, the FDA's, not of its absence elsewhere)
_LAW_WORDS = _PLACE_WORDS - frozenset(
    "prescription prescribe prescribed approved approval covered insurance funded cost price nhs "
    "pbs medicare".split()
)
_ABROAD = frozenset(
    "countries abroad international worldwide overseas travelling traveling".split()
)


def _place_name(name: str) -> str:
    """A region's name as said in a sentence: "the United Kingdom", "New Zealand"."""
    return f"the {name}" if name.startswith(("United ", "European ")) else name


def _helpline_concern(question: str, *, drugs: bool = False) -> str:
    said = set(words(question))
    if not said.isdisjoint(_EMERGENCY_WORDS):
        return "emergency"
    if drugs or not said.isdisjoint(_DRUG_WORDS):
        return "dependence"
    return "crisis"


def _tells(message: str) -> bool:
    """Whether a message only tells: no sentence asks (`_asks`), nor a clause within one ("my
    mum died, is it normal to feel numb")."""
    return not _asks(message) and not _ASKS_WITHIN.search(normalize(message))


def _model_alone_after(
    verdict: safety.Verdict, context: Context | None, topics: Collection[str]
) -> bool:
    """Whether only the learned backstop gave `verdict`, right after an answer on one of
    `topics`, in a conversation with no emergency, crisis or redirect before it."""
    return _plain_after(context, topics) and verdict.rule.startswith(safety.BACKSTOP_VERDICT)


def _model_buying(verdict: safety.Verdict) -> bool:
    """Whether `verdict` is buying by the learned backstop alone (no buying rule fired)."""
    return verdict.category == "acquisition" and verdict.rule.startswith(safety.BACKSTOP_VERDICT)


def _plain(context: Context | None) -> TypeGuard[Context]:
    """Whether there is a conversation with no emergency, crisis or redirect before it."""
    return context is not None and context.concern is None and context.redirected is None


def _plain_after(context: Context | None, topics: Collection[str]) -> bool:
    """Whether the last reply answered on one of `topics`, in a conversation with no emergency,
    crisis or redirect before it."""
    return _plain(context) and context.topic in topics


def _asks(message: str) -> bool:
    """Whether a sentence of the message asks something: a question mark, or a question word
    first ("ok. how do i check")."""
    return any(_ASKS.search(normalize(s)) for s in message_sentences(message) or [message])


_GIVING_UP = frozenset({"fine", "whatever", "alright"})
_QUESTION_WORDS = frozenset(
    "what whats how why when where who which is are can could does do did will would".split()
)


def _without_chat(message: str) -> str | None:
    """The message without the chat words and padding it opens or ends with ("lol", "bro",
    "ty", "sorry if dumb but", "asking for a friend", "thanks in advance"), keeping a question
    mark; None when it has none there, or when what is left asks nothing ("ok cheers, i'll call
    my doctor" is chat)."""
    found = words(message)
    start, end = 0, len(found)
    checking = False  # a claim heard, or whether it is true, was stripped: the rest is asked
    while start < end:
        if found[start] in CHAT_WORDS or (
            # "fine what does a k hole feel like then" (given up on a refused ask); not "fine
            # for possession?"
            found[start] in _GIVING_UP and start + 1 < end and found[start + 1] in _QUESTION_WORDS
        ):
            start += 1
            continue
        lead = next(
            (p for p in PADDING + CHECKING_LEAD if tuple(found[start : start + len(p)]) == p),
            None,
        )
        if lead is None or start + len(lead) >= end:
            break
        checking = checking or lead in CHECKING_LEAD
        start += len(lead)
    while end > start:
        if found[end - 1] in CHAT_WORDS:
            end -= 1
            continue
        tail = next(
            (p for p in PADDING + CHECKING_TAIL if tuple(found[max(end - len(p), 0) : end]) == p),
            None,
        )
        if tail is None or end - len(tail) <= start:
            break
        checking = checking or tail in CHECKING_TAIL
        end -= len(tail)
    if (start, end) == (0, len(found)) or start == end:
        return None
    rest = " ".join(found[start:end]) + ("?" if "?" in message or checking else "")
    return rest if _asks(rest) else None


def _asked_sentence(message: str) -> str | None:
    """The question in a message of several sentences: the last one with a question mark, else
    the last one. None for a message of one sentence."""
    sentences = message_sentences(message)
    if len(sentences) < 2:
        return None
    asked = [s for s in sentences if "?" in s]
    return (asked or sentences)[-1]


# A clause ends at a comma, semicolon, colon or dash, or at an emoji between words ("mates calling
# himself the k-hole king 😂 what even is a k hole").
_CLAUSE_END = re.compile(
    r"\s*[,;:]\s+|\s+(?:-|–|—)\s+|\s*[\u2600-\u27bf\U0001f300-\U0001faff][\ufe0f\u200d"
    r"\u2600-\u27bf\U0001f300-\U0001faff]*\s+"
)
# The k-hole named: a clause asking about it asks about the drug ("what even is a k hole").
_K_HOLE = re.compile(r"\bk[ -]?holes?\b")
_NEGATED_START = re.compile(r"\w+(?:n't|n’t|nt)\b")


def _clauses(sentence: str) -> list[str]:
    """A sentence's clauses, split at commas, semicolons, colons and dashes."""
    return [c for c in _CLAUSE_END.split(sentence.strip()) if c.strip()]


def _opens_asking(clause: str) -> bool:
    """Whether a clause begins with a question word, not a negated verb ("can't sleep again")."""
    start = normalize(clause)
    return bool(_ASKS.match(start)) and not _NEGATED_START.match(start)


def _asked_first(message: str) -> str:
    """The first clause of a message of one sentence, when it asks and more follows after a
    comma ("whats a k hole, my mate keeps goin on about it"), else ""."""
    sentences = message_sentences(message)
    if len(sentences) != 1:
        return ""
    clauses = _clauses(sentences[0])
    return clauses[0] if len(clauses) > 1 and _opens_asking(clauses[0]) else ""


# A study task said first ("doing a school assignment on ketamine", "im a nursing student writing
# a paper on ketamine for depression"): why it is asked, and its subject after "on" or "about".
_STUDY = re.compile(
    r"^(?:hi |hey |hello |ok |so )?(?:(?:im|i m|i am|were|we re|we are) )?(?:an? )?"
    r"(?:(?:nursing|medical|med|pharmacy|pharmacology|psychology|psych|biology|chemistry|law|"
    r"journalism|uni|university|college|high school|year \d+|yr \d+|phd|masters|undergrad|grad) )?"
    r"(?:students? )?(?:(?:doing|writing|working on|researching|preparing|revising for) )?"
    r"(?:an? |my |our |the )?(?:year \d+ |yr \d+ |gcse |a level |ib |grade \d+ )?"
    r"(?:school |uni |college |university |class |group |history |science |"
    r"biology |chemistry |psychology |health |english |pharmacology |nursing )?"
    r"(?:assignment|essay|paper|project|report|presentation|dissertation|thesis|homework|"
    r"coursework|research)(?: (?:on|about|into) (?P<subject>.+))?$"
)


def _asked_after_study(message: str) -> str:
    """The rest of a message of one sentence whose first clause is a study task, when it asks,
    with the task's subject ("doing a school assignment on ketamine, who invented it and when":
    "who invented it and when ketamine"), else ""."""
    sentences = message_sentences(message)
    if len(sentences) != 1:
        return ""
    clauses = _clauses(sentences[0])
    if len(clauses) < 2:
        return ""
    study = _STUDY.match(normalize(clauses[0]))
    rest = " ".join(clauses[1:])
    if study is None or not _ASKS.match(normalize(rest)):
        return ""
    return f"{rest} {study.group('subject') or ''}".strip()


def _asked_last(message: str) -> str:
    """The last clause of a message of one sentence, when it asks and something comes before it
    ("im 15 and my friends want to try ket this weekend, is it that bad"), else ""."""
    sentences = message_sentences(message)
    if len(sentences) != 1:
        return ""
    clauses = _clauses(sentences[0])
    return clauses[-1] if len(clauses) > 1 and _opens_asking(clauses[-1]) else ""


def _asking_clauses(message: str) -> list[str]:
    """Every clause of a message that asks (begins with a question word or has a question
    mark), in order, when the message has more than one clause; else none."""
    clauses = [clause for sentence in message_sentences(message) for clause in _clauses(sentence)]
    if len(clauses) < 2:
        return []
    return [
        clause
        for clause in clauses
        if _opens_asking(clause) or ("?" in clause and not _NEGATED_START.match(normalize(clause)))
    ]


@lru_cache(maxsize=1)
def _shipped_safety() -> tuple[safety.Rules, resource.Directory]:
    shipped = load_dir(SHIPPED_KNOWLEDGE)
    return shipped.safety, shipped.resources
