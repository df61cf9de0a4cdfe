"""Edited questions get edited answers; inline mode offers quoted answers, never an empty list."""

from __future__ import annotations

from tests.fakebotapi import FakeBotAPI, telegram_html_error
from tests.telegram_adapter.conftest import ALICE, CRISIS, GROUP, Harness

ALICE_CHAT = FakeBotAPI.private_chat(ALICE)


async def test_editing_an_answered_question_edits_the_answer(bot: Harness) -> None:
    question, [answer] = await bot.say(ALICE_CHAT, ALICE, "what is spravato")
    await bot.settle(bot.server.edit(question, "does ketamine hurt the bladder"))
    [edit] = bot.server.edits
    assert edit["message_id"] == answer["message_id"]
    assert "Heavy, long-term ketamine use" in edit["text"]
    assert len(bot.server.sent) == 1  # edited, not sent again


async def test_an_edit_that_changes_nothing_sends_nothing(bot: Harness) -> None:
    question, _ = await bot.say(ALICE_CHAT, ALICE, "what is spravato")
    await bot.settle(bot.server.edit(question, "what is spravato "))
    assert bot.server.edits == []
    assert [c for c in bot.server.calls if c.status != 200] == []


async def test_editing_a_group_question_edits_the_threaded_answer(bot: Harness) -> None:
    question, [answer] = await bot.say(GROUP, ALICE, "/ask what is spravato")
    await bot.settle(bot.server.edit(question, "/ask is ketamine legal in the uk"))
    [edit] = bot.server.edits
    assert edit["message_id"] == answer["message_id"]
    assert "Class B" in edit["text"]


async def test_edits_of_unanswered_messages_are_ignored(bot: Harness) -> None:
    chatter, _ = await bot.say(GROUP, ALICE, "just chatting")
    await bot.settle(bot.server.edit(chatter, "@kbot_test_bot what is spravato"))
    assert bot.server.edits == []
    assert bot.server.sent == []


async def test_an_edit_into_a_crisis_message_becomes_the_discreet_group_reply(
    bot: Harness, crisis: None
) -> None:
    question, _ = await bot.say(GROUP, ALICE, "/ask what is spravato")
    await bot.settle(bot.server.edit(question, f"/ask {CRISIS}"))
    [edit] = bot.server.edits
    assert edit["reply_markup"]["inline_keyboard"][0][0]["text"] == "Continue privately"


async def _inline(bot: Harness, query: str) -> list[dict[str, object]]:
    update_id, query_id = bot.server.inline(ALICE, query)
    await bot.settle(update_id)
    [answer] = [a for a in bot.server.inline_answers if a["inline_query_id"] == query_id]
    assert answer["is_personal"] is True
    results: list[dict[str, object]] = answer["results"]
    for result in results:
        content = result["input_message_content"]
        assert isinstance(content, dict)
        assert content["parse_mode"] == "HTML"
        assert telegram_html_error(content["message_text"]) is None
    return results


async def test_inline_offers_up_to_three_quoted_sourced_answers(bot: Harness) -> None:
    results = await _inline(bot, "is ketamine legal")
    assert 1 <= len(results) <= 3
    for result in results:
        content = result["input_message_content"]
        assert isinstance(content, dict)
        assert content["message_text"].startswith("<blockquote>")
        assert "<a href=" in content["message_text"]
    assert len({r["id"] for r in results}) == len(results)


async def test_inline_never_answers_with_an_empty_list(bot: Harness) -> None:
    [no_answer] = await _inline(bot, "weather on mars")
    assert no_answer["title"] == "No sourced answer to that yet"
    [empty] = await _inline(bot, "")
    assert empty["title"] == "Ask about ketamine"
    assert bot.data.stats.inline_queries == 1  # the empty query is not a question
    [hello] = await _inline(bot, "hi")  # a greeting: what the bot is, as for an empty query
    assert (hello["title"], hello["description"]) == ("Ask about ketamine", empty["description"])


async def test_inline_applies_the_safety_layer(bot: Harness, crisis: None) -> None:
    [redirect] = await _inline(bot, CRISIS)
    assert redirect["title"] == "Where to find help"
    assert "people can" in str(redirect["description"])
    # Inline queries arrive per keystroke: counted apart, never as questions or redirects.
    assert bot.data.stats.inline_queries == 1
    assert bot.data.stats.questions == 0


async def test_inline_a_death_told_offers_the_support_text(bot: Harness) -> None:
    """ "@bot my dad died" asks nothing: no list of topics and no "what kbot is" card, but the
    support text with where to talk, as a private chat would get it."""
    [support] = await _inline(bot, "my dad died")
    assert support["title"] == "Where to find help"
    assert str(support["description"]).startswith("I'm so sorry.")
    content = support["input_message_content"]
    assert isinstance(content, dict)
    assert "<b>Samaritans</b>" in content["message_text"]
    assert "<blockquote>" not in content["message_text"]
