"""A labelled conversation set (evals/conversations.yaml) run through `Engine.answer`, each message
with the previous reply's context, as in a private chat: of the later messages that still need
help after a crisis or emergency reply, how many got it (a redirect, or an answer with the support
line) and how many got a list of topics; whether anything was quoted after a crisis from a topic
its after- reply withholds; how many factual questions were answered; and how many messages that
did not need help got it anyway. Pure apart from reading the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.core import Engine
from bot.error import BotError
from bot.models import CONCERNS, Reply
from bot.yamlfile import read_list


@dataclass(frozen=True)
class Turn:
    text: str
    needs_help: bool = False  # (later turns) a caring reader would want the help again
    asks_fact: bool = False  # (later turns) a question a reference could answer


@dataclass(frozen=True)
class Conversation:
    id: str
    kind: str
    turns: tuple[Turn, ...]


@dataclass(frozen=True)
class TurnResult:
    conversation: str
    index: int  # 0 for the message that opened the conversation
    turn: Turn
    reply: Reply
    after: str | None  # the category of an earlier emergency or crisis reply in this conversation
    quoted_topics: tuple[str, ...]
    redirected: str | None = None  # the previous reply was a dosing, buying or mixing redirect

    @property
    def helped(self) -> bool:
        """An emergency or crisis redirect, or an answer that also says where help is (the
        crisis line or the emergency number)."""
        if self.reply.kind == "redirect":
            return self.reply.category in CONCERNS
        return self.reply.support in CONCERNS  # the drug service for dependence is not this help


@dataclass(frozen=True)
class ConversationReport:
    results: tuple[TurnResult, ...]
    withheld: frozenset[str]  # the topics (and passages) after-crisis withholds

    @property
    def later(self) -> list[TurnResult]:
        return [r for r in self.results if r.index > 0]

    @property
    def needing(self) -> list[TurnResult]:
        """Later messages, after a crisis or emergency reply, that still need help."""
        return [r for r in self.later if r.after is not None and r.turn.needs_help]

    @property
    def missed(self) -> list[TurnResult]:
        return [r for r in self.needing if not r.helped]

    @property
    def topic_lists(self) -> list[TurnResult]:
        return [r for r in self.needing if r.reply.kind == "no_answer"]

    @property
    def withheld_quoted(self) -> list[TurnResult]:
        """Replies after a crisis reply that quote a topic (or passage) after-crisis withholds."""
        return [
            r
            for r in self.later
            if r.after == "crisis"
            and {*r.quoted_topics, *(q.passage_id for q in r.reply.quotes)} & self.withheld
        ]

    @property
    def unasked_help(self) -> list[TurnResult]:
        """Later messages that did not need help, but got it."""
        return [r for r in self.later if not r.turn.needs_help and r.helped]

    @property
    def after_redirect(self) -> list[TurnResult]:
        """Later messages right after a dosing, buying or mixing redirect (or its after- reply)."""
        return [r for r in self.later if r.redirected is not None]

    def facts(self, *, after_urgent: bool) -> tuple[int, int]:
        """(answered, asked) factual questions, after a crisis or emergency reply or not."""
        asked = [
            r for r in self.later if r.turn.asks_fact and (r.after is not None) == after_urgent
        ]
        return sum(r.reply.kind == "answer" for r in asked), len(asked)


def load_conversations(path: Path) -> list[Conversation]:
    """Read a conversation set; raise BotError naming the entry that is wrong."""
    conversations: list[Conversation] = []
    for n, item in enumerate(read_list(path, "conversations"), start=1):
        name = item.get("id", f"conversation {n}") if isinstance(item, dict) else n
        raw = item.get("turns") if isinstance(item, dict) else None
        if not isinstance(raw, list) or not raw:
            raise BotError(f"{path}: {name}: needs a `turns:` list")
        turns: list[Turn] = []
        for k, turn in enumerate(raw, start=1):
            if not isinstance(turn, dict) or not isinstance(turn.get("text"), str):
                raise BotError(f"{path}: {name}: turn {k} needs a `text:` string")
            flags = [turn.get(key, False) for key in ("needs_help", "asks_fact")]
            if not all(isinstance(flag, bool) for flag in flags):
                raise BotError(
                    f"{path}: {name}: turn {k}: `needs_help` and `asks_fact` are true or false"
                )
            turns.append(Turn(turn["text"], *flags))
        conversations.append(Conversation(str(name), str(item.get("kind", "?")), tuple(turns)))
    return conversations


def evaluate(
    engine: Engine, conversations: Sequence[Conversation], region: str | None = None
) -> ConversationReport:
    """Each conversation's messages in order, each with the previous reply's context."""
    topic = {p.id: p.topic for p in engine.knowledge.passages}
    results: list[TurnResult] = []
    for conversation in conversations:
        reply: Reply | None = None
        after: str | None = None
        for index, turn in enumerate(conversation.turns):
            context = reply.context if reply is not None else None
            redirected = context.redirected if context is not None else None
            reply = engine.answer(turn.text, context=context, region=region)
            quoted = tuple(topic.get(q.passage_id, "?") for q in reply.quotes)
            results.append(
                TurnResult(conversation.id, index, turn, reply, after, quoted, redirected)
            )
            if reply.kind == "redirect" and reply.category in CONCERNS:
                after = reply.category
    withheld = engine.redirector.withheld("crisis")
    return ConversationReport(tuple(results), withheld)
