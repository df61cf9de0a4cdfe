"""Build replies from search hits: the sentences that answer, each with its source, in budget."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from bot.courtesy import Courtesy
from bot.dose import find_dose_amount
from bot.knowledge import split_sentences
from bot.models import Hit, Passage, Quote, Reply, Source, Topic
from bot.render import source_line

FOOTER = "General information, not medical advice."
NO_ANSWER_LEAD = (
    "I don't have a sourced answer to that, and I'd rather say so than guess.",
    "Here are some things I can answer:",
)
WHAT_IT_IS = (
    "I answer questions about ketamine — what it is, medical uses, esketamine (Spravato), side "
    "effects, long-term harms such as bladder damage, the law, research and news — with short "
    "quotes from sourced passages, each with its source."
)
WHAT_IT_IS_NOT = (
    "I give general information, not medical advice. I never give doses or say where to get "
    "ketamine; for those, and for anything that sounds like a crisis, I point to real help."
)
ASK_MORE = (
    "If you have another question about ketamine, its effects and risks, the law or treatment, "
    "just ask."
)
_ABOUT = (f"I'm kbot. {WHAT_IT_IS}", WHAT_IT_IS_NOT, "For example:")
COURTESY_LEAD: dict[Courtesy, tuple[str, ...]] = {
    "thanks": ("You're welcome.", ASK_MORE),
    "greeting": (
        "Hi! I answer questions about ketamine with short quotes from named sources: what it is, "
        "its effects and risks, the law, and its use in medicine.",
        "For example:",
    ),
    "goodbye": ("Take care.", "I'm here whenever you have another question."),
    "ack": (ASK_MORE,),
    "about": _ABOUT,
    "help": _ABOUT,  # with the support lines (bot.core)
    "privacy": (
        "I don't keep your name, username or id, and what you write never goes into logs (a "
        "country you choose with /region on Telegram is kept under a salted hash of your id, "
        "not the id).",
        "On Telegram, a question I had no sourced answer for is kept for 90 days, with names, "
        "links and numbers taken out, so moderators can add an answer; messages that got a "
        "safety reply never are. For follow-ups I remember the words of your last question for "
        "15 minutes, in memory only, whether you told me someone died, and a country you "
        "said you're in (for its helplines). On Telegram, "
        "/privacy lists everything.",
    ),
    "sources": (
        "Every answer is a short quote from a passage that moderators check against its source, "
        "followed by that source: title, publisher, date and a link, so you can read it "
        "yourself. When I have no sourced answer, I say so rather than guess.",
        "/sources lists all {sources} sources.",
    ),
    "heavy": (
        "It's a lot to take in. Take your time: you don't have to make sense of it all at once.",
        "I'm here whenever you want to ask anything else.",
    ),
    "vent": (
        "I'm glad you wrote. I can only share sourced information about ketamine, so I can't "
        "listen and talk it through the way a person can.",
        "If you'd rather not call anyone, some of the services below can be reached by text, "
        "chat or email too, free and confidential.",
    ),
    "wellbeing": (
        "I'm a bot, so there's nothing to report on my side, but thanks for asking!",
        "I'm here whenever you want to ask about ketamine: what it is, its effects and risks, "
        "the law, or its use in medicine. For example:",
    ),
    "complaint": (
        "Sorry that didn't help.",
        "I only answer from passages checked against named sources, so some questions get an "
        "honest no, and sometimes I quote the wrong passage. Asking again in other words, one "
        "question at a time, often works, and each quote names its source so you can check it. "
        "Some things I can answer:",
    ),
    "helpline": ("Here are the numbers for {place}.",),
    "region": (
        "The support options I show (helplines and the emergency number) follow your country.",
        "Choose it with /region: on Telegram it shows the countries; in the terminal chat, type "
        "/region and a code: us, uk, au, ca, nz, ie, eu or intl.",
    ),
}
# ...in a conversation where someone's death was told ("my dad died"), instead: no cheerful
# invitation to ask about the law and treatment.
GRIEVING_LEAD: dict[Courtesy, tuple[str, ...]] = {
    "thanks": (
        "You're welcome. I'm sorry for your loss.",
        "Take care of yourself. The helplines I gave you are there at any hour if you want to "
        "talk, and I'm here if you want to ask anything else.",
    ),
    "goodbye": (
        "Take care of yourself.",
        "The helplines I gave you are there at any hour if you want to talk, and I'm here "
        "whenever you have a question.",
    ),
    "ack": ("I'm here if you want to ask anything else.",),
    "wellbeing": ("Thanks for asking. I'm here if you want to ask anything else.",),
}
# ...right after a dosing, buying or mixing redirect (by category), a complaint is about the
# refusal, not a wrong quote.
_REFUSED_AMOUNTS: dict[Courtesy, tuple[str, ...]] = {
    "complaint": (
        "Sorry that wasn't what you were looking for.",
        "I don't give amounts or say where to get ketamine, because a wrong answer there can "
        "hurt someone. The service I gave you can talk it through, free and without judgement, "
        "and I can answer questions about ketamine's effects and risks, the law or treatment.",
    ),
}
REFUSED_LEAD: dict[str, dict[Courtesy, tuple[str, ...]]] = {
    "dosing": _REFUSED_AMOUNTS,
    "acquisition": _REFUSED_AMOUNTS,
    "mixing": {
        "complaint": (
            "Sorry that wasn't what you were looking for.",
            "I can't say that any mix with ketamine is safe, because a wrong answer there can "
            "hurt someone. The service I gave you can talk it through, free and without "
            "judgement, and I can answer questions about ketamine's effects and risks, the law "
            "or treatment.",
        ),
    },
}
# ...and when someone's death was told and a later message has no sourced answer: a message that
# only tells ("he was only 23") is met, not told "I don't have a sourced answer"; a question gets
# the honest no, without a menu of topics that reads as changing the subject.
GRIEVING_TOLD = (
    "I'm so sorry.",
    "I'm here if you want to ask anything, and the helplines I gave you are there at any hour if "
    "you want to talk to someone.",
)
GRIEVING_NO_ANSWER = (
    NO_ANSWER_LEAD[0],
    "If it's about your loss, the people at the helplines I gave you can talk it through with "
    "you, at any hour. I'm here if you want to ask anything else.",
)
# ...a number asked for with no country known: the international ones, and how to get local ones.
HELPLINE_ANYWHERE = (
    "Here are numbers that help anywhere. For the ones where you are, ask again with your "
    "country's name, or choose it with /region.",
)
_WITH_TOPICS = frozenset({"greeting", "about", "help", "wellbeing", "complaint"})
MAX_VISIBLE = 1000  # characters a person reads: quotes, source lines and footer (links not counted)
MAX_QUOTES = 3
RELATIVE_FLOOR = 0.45  # a further quote must score at least this share of the best one
ELLIPSIS = " … "
RESTATED = 0.55  # a further passage sharing this share of its words with one quoted, same source
_WORD = re.compile(r"[a-z0-9]+")


def compose_answer(
    hits: Sequence[Hit],
    sources: Mapping[str, Source],
    sentence_weight: Callable[[str], float],
) -> tuple[Quote, ...]:
    """Up to three quotes from the best hits, best sentences only, each with its source.

    `sentence_weight` scores one sentence for the question (idf of the question terms it has).
    No passage is quoted twice, and no quote ever contains a dose amount.
    """
    quotes: list[Quote] = []
    budget = MAX_VISIBLE - len(FOOTER) - 2
    seen: set[str] = set()
    quoted: list[Passage] = []
    best = hits[0].score if hits else 0.0
    for hit in hits:
        passage = hit.passage
        if len(quotes) == MAX_QUOTES or passage.id in seen or hit.score < best * RELATIVE_FLOOR:
            continue
        if find_dose_amount(passage.text) or passage.source not in sources:
            continue
        if any(_restates(passage, earlier) for earlier in quoted):
            continue
        source = sources[passage.source]
        room = budget - len(source_line(source)) - 6
        text = _select(passage.text, sentence_weight, room)
        if not text:
            continue
        seen.add(passage.id)
        quoted.append(passage)
        quotes.append(Quote(passage.id, text, round(hit.score, 4), source))
        budget = room - len(text)
    return tuple(quotes)


def _restates(passage: Passage, other: Passage) -> bool:
    """Whether `passage` says much the same as `other`, from the same source: two passages that
    both give NIMH's relapse figure of up to 80% are one quote, not the same fact twice."""
    if passage.source != other.source:
        return False
    mine, theirs = set(_WORD.findall(passage.text.lower())), set(_WORD.findall(other.text.lower()))
    return len(mine & theirs) >= RESTATED * len(mine | theirs)


def _select(text: str, weight: Callable[[str], float], room: int) -> str:
    """The passage if it fits; else its best sentences in their order, gaps marked with …"""
    if len(text) <= room and (room > 450 or len(text) <= 320):
        return text
    sentences = split_sentences(text)
    ranked = sorted(range(len(sentences)), key=lambda i: (-weight(sentences[i]), i))
    chosen: list[int] = []
    used = 0
    for i in ranked:
        cost = len(sentences[i]) + len(ELLIPSIS)
        # A sentence with none of the question's words only as the passage's opening one (a
        # passage found by its keywords): not "Stay with them and keep checking their breathing
        # until help arrives" because it fits and the recovery position is "on their side".
        if used + cost > room or (weight(sentences[i]) <= 0 and (chosen or i != 0)):
            continue
        chosen.append(i)
        used += cost
        if len(chosen) == 2:
            break
    if not chosen:
        return ""
    chosen.sort()
    parts: list[str] = []
    for n, i in enumerate(chosen):
        if n and i != chosen[n - 1] + 1:
            parts.append("…")
        parts.append(sentences[i])
    if chosen[-1] != len(sentences) - 1 and used + 2 <= room:
        parts.append("…")
    return " ".join(parts).replace(" … …", " …")


def no_answer(suggestions: Sequence[Topic]) -> Reply:
    return Reply(
        kind="no_answer", lead=NO_ANSWER_LEAD, suggestions=tuple(suggestions), footer=FOOTER
    )


def courtesy_reply(
    kind: Courtesy,
    suggestions: Sequence[Topic],
    sources: int,
    *,
    grieving: bool = False,
    refused: str | None = None,
    place: str = "",
) -> Reply:
    """The short reply to thanks, a greeting, a goodbye, an "ok", small talk, a complaint or a
    question to the bot about itself (bot.courtesy); a greeting, "who are you", "help", "how
    are you" and a complaint also show what can be asked. `sources`: how many sources the
    knowledge base quotes. `grieving`: the conversation told of someone's death (GRIEVING_LEAD).
    `refused`: the category of the dosing, buying or mixing redirect that was the last reply
    (REFUSED_LEAD). `place`: the country whose numbers a "helpline" reply lists (none known:
    HELPLINE_ANYWHERE)."""
    if grieving and kind in GRIEVING_LEAD:
        texts = GRIEVING_LEAD
    elif refused is not None and kind in REFUSED_LEAD.get(refused, {}):
        texts = REFUSED_LEAD[refused]
    else:
        texts = COURTESY_LEAD
    shown = tuple(suggestions) if kind in _WITH_TOPICS and texts is COURTESY_LEAD else ()
    if kind == "helpline" and not place:
        texts = {kind: HELPLINE_ANYWHERE}
    lead = tuple(
        p.replace("{sources}", str(sources)).replace("{place}", place) for p in texts[kind]
    )
    return Reply(kind="chat", lead=lead, suggestions=shown)
