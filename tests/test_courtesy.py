"""Thanks, greetings, goodbyes and "ok" (bot.courtesy): a short reply, never a search."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import Engine
from bot.courtesy import courtesy
from bot.models import CATEGORIES
from bot.render import to_text
from tests.conftest import TINY, write_kb


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("thanks", "thanks"),
        ("Thank you, really appreciate it", "thanks"),
        ("thanks for the help!", "thanks"),
        ("ok thx", "thanks"),
        ("cheers mate 👍", "thanks"),
        ("thank u so much ❤️", "thanks"),
        ("merci", "thanks"),
        ("спасибо!", "thanks"),
        ("🙏", "thanks"),
        ("hi", "greeting"),
        ("Hello there bot", "greeting"),
        ("good morning ☀️", "greeting"),
        ("bye", "goodbye"),
        ("ok bye for now", "goodbye"),
        ("good night", "goodbye"),
        ("ok", "ack"),
        ("noted", "ack"),
        ("got it 👍", "ack"),
        ("ok that makes sense", "ack"),
        ("👍", "ack"),
        ("no worries", "ack"),
        ("no thanks", "ack"),
        ("I’m good", "ack"),
        ("see ya", "goodbye"),
        ("good to know, ta", "thanks"),
    ],
)
def test_courtesy_is_recognised_by_kind(message: str, kind: str) -> None:
    assert courtesy(message) == kind


@pytest.mark.parametrize(
    "message",
    [
        "thanks, is it legal?",
        "hi how much ket for a first timer",
        "thanks for everything, goodbye",
        "bye forever",
        "ok help me",
        "ok ill call him",
        "k",
        "yeah",
        "nah",
        "i'm fine",
        "that's it",
        "i'm good, goodbye everyone",
        "🌧️🚗",
        "",
        "thanks thanks thanks thanks thanks thanks thanks thanks thanks",
    ],
)
def test_anything_else_is_not_courtesy(message: str) -> None:
    assert courtesy(message) is None


def test_a_greeting_says_what_can_be_asked_and_quotes_nothing(shipped_engine: Engine) -> None:
    reply = shipped_engine.answer("hi")
    assert reply.kind == "chat"
    assert reply.quotes == ()
    assert reply.resources == ()
    assert reply.lead[0].startswith("Hi! I answer questions about ketamine")
    assert len(reply.suggestions) == 4
    assert "I don't have a sourced answer" not in to_text(reply)


def test_noted_is_not_answered_with_a_passage_that_shares_the_word(
    shipped_engine: Engine,
) -> None:
    """Nor with the support line the model adds to "noted" (as in a note)."""
    reply = shipped_engine.answer("noted", region="uk")
    assert (reply.kind, reply.quotes) == ("chat", ())
    assert (reply.support, reply.resources) == (None, ())


def test_a_support_rule_still_adds_the_help_to_courtesy(tmp_path: Path) -> None:
    replies = "".join(f"  - category: {c}\n    lead: [Help is there.]\n" for c in CATEGORIES)
    folder = write_kb(
        tmp_path / "kb",
        {
            **TINY,
            "safety.yaml": "lexicons:\n"
            "  - id: mate\n    terms: [mate]\n"
            "rules:\n"
            "  - id: mate-support\n    category: support-crisis\n    when: [mate]\n"
            "replies:\n" + replies + "  - category: support-crisis\n    lead: [People can help.]\n",
        },
    )
    engine = Engine.from_dir(folder)
    reply = engine.answer("cheers mate", region="uk")
    assert (reply.kind, reply.support) == ("chat", "crisis")
    assert reply.care == ("People can help.",)
    assert "Samaritans" in [r.name for r in reply.resources]
    assert engine.answer("cheers", region="uk").support is None


def test_thanks_after_a_dosing_redirect_is_not_the_same_no_again(shipped_engine: Engine) -> None:
    redirect = shipped_engine.answer("how much k for a first timer", region="uk")
    assert (redirect.kind, redirect.category) == ("redirect", "dosing")
    thanks = shipped_engine.answer("thanks a lot", context=redirect.context, region="uk")
    assert (thanks.kind, thanks.lead[0]) == ("chat", "You're welcome.")
    assert thanks.context == redirect.context  # the redirect stays in view
    again = shipped_engine.answer("ok but for my gf?", context=thanks.context, region="uk")
    assert (again.kind, again.category) == ("redirect", "dosing")


def test_courtesy_that_is_also_a_crisis_is_the_crisis(shipped_engine: Engine) -> None:
    assert shipped_engine.answer("goodbye kbot", region="uk").category == "crisis"
    reply = shipped_engine.answer("thanks for everything, goodbye", region="uk")
    assert (reply.kind, reply.category) == ("redirect", "crisis")


def test_thanks_with_a_question_is_answered(shipped_engine: Engine) -> None:
    reply = shipped_engine.answer("thanks! is ketamine legal in the uk?", region="uk")
    assert reply.kind == "answer"
    assert reply.quotes
