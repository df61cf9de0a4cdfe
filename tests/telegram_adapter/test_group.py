"""Groups end to end: silent unless addressed, threaded, forum topics, cooldown, discreet safety."""

from __future__ import annotations

import pytest

from bot.config import SHIPPED_KNOWLEDGE
from tests.fakebotapi import BOT_ID, FakeBotAPI
from tests.telegram_adapter.conftest import ALICE, BOB, CRISIS, FORUM, GROUP, Harness, StartBot

CHATTER = [
    "what is spravato",  # a question, but not to the bot
    "lol",
    "/ask@some_other_bot what is spravato",
    "hey @someone_else what is spravato",
    "/start",  # without @botname a command may be meant for another bot
    "/help",
]


@pytest.mark.parametrize("text", CHATTER)
async def test_group_chatter_gets_silence(bot: Harness, text: str) -> None:
    _, sent = await bot.say(GROUP, ALICE, text)
    assert sent == []


async def test_group_stickers_and_media_get_silence(bot: Harness) -> None:
    _, sent = await bot.say(GROUP, ALICE, sticker=True)
    assert sent == []
    _, sent = await bot.say(GROUP, ALICE, photo=True, caption="what is spravato")
    assert sent == []


async def test_a_reply_to_another_person_gets_silence(bot: Harness) -> None:
    first, _ = await bot.say(GROUP, BOB, "anyone know about spravato?")
    _, sent = await bot.say(GROUP, ALICE, "what is spravato", reply_to=first)
    assert sent == []


@pytest.mark.parametrize(
    "text",
    [
        "/ask what is spravato",
        "/ask@kbot_test_bot what is spravato",
        "@kbot_test_bot what is spravato",
        "what is spravato, @KBOT_test_bot?",
    ],
    ids=["ask", "ask@botname", "mention first", "mention later, other case"],
)
async def test_addressed_questions_get_a_threaded_answer(bot: Harness, text: str) -> None:
    question, [reply] = await bot.say(GROUP, ALICE, text)
    assert reply["html"].startswith("<blockquote>Esketamine (Spravato)")
    reply_to = reply["params"]["reply_parameters"]
    assert reply_to["message_id"] == question["message_id"]
    assert reply_to["allow_sending_without_reply"] is True
    assert "message_thread_id" not in reply["params"]


async def test_a_text_mention_of_the_bot_counts(bot: Harness) -> None:
    entity = {
        "type": "text_mention",
        "offset": 0,
        "length": 4,
        "user": {"id": BOT_ID, "is_bot": True, "first_name": "kbot"},
    }
    _, [reply] = await bot.say(GROUP, ALICE, "kbot what is spravato", entities=[entity])
    assert "Esketamine" in reply["text"]


async def test_a_mention_alone_gets_a_short_how_to(bot: Harness) -> None:
    _, [reply] = await bot.say(GROUP, ALICE, "@kbot_test_bot")
    assert "/ask" in reply["text"]
    _, [usage] = await bot.say(GROUP, ALICE, "/ask")
    assert "Put your question after the command" in usage["text"]


async def test_a_reply_to_the_bot_is_a_question(bot: Harness) -> None:
    _, [answer] = await bot.say(GROUP, ALICE, "/ask is ketamine legal in the uk")
    _, [follow] = await bot.say(GROUP, BOB, "and in australia?", reply_to=answer)
    assert "Schedule 8" in follow["text"]
    _, thanks = await bot.say(GROUP, BOB, "thanks!", reply_to=answer)
    assert thanks == []  # no "I didn't understand" in a group
    # ...but a death told in reply still gets the support text and the lines
    _, [grief] = await bot.say(GROUP, BOB, "my dad died last month", reply_to=answer)
    assert grief["text"].startswith("I'm so sorry.")
    assert "Find A Helpline" in grief["text"]


async def test_answers_stay_in_the_forum_topic(bot: Harness) -> None:
    question, [reply] = await bot.say(FORUM, ALICE, "/ask what is spravato", thread_id=77)
    assert reply["params"]["message_thread_id"] == 77
    assert reply["params"]["reply_parameters"]["message_id"] == question["message_id"]
    _, sent = await bot.say(FORUM, BOB, "chatter in the topic", thread_id=77)
    assert sent == []  # the implicit reply to the topic's first message is not a reply to the bot


async def test_the_answer_is_sent_even_if_the_question_was_deleted(bot: Harness) -> None:
    _, [reply] = await bot.say(GROUP, ALICE, "/ask what is spravato", deleted=True)
    assert "Esketamine" in reply["text"]
    assert "reply_to_message" not in reply


async def test_cooldown_allows_a_few_then_one_quiet_notice_then_silence(bot: Harness) -> None:
    for _ in range(3):
        _, sent = await bot.say(GROUP, ALICE, "/ask what is spravato")
        assert len(sent) == 1
    _, [notice] = await bot.say(GROUP, ALICE, "/ask what is spravato")
    assert "asking quickly" in notice["text"]
    assert notice["params"]["disable_notification"] is True
    for _ in range(2):
        _, sent = await bot.say(GROUP, ALICE, "/ask what is spravato")
        assert sent == []
    _, sent = await bot.say(GROUP, BOB, "/ask what is spravato")  # others are not affected
    assert len(sent) == 1
    assert bot.data.stats.group_cooldowns == 3


async def test_safety_in_a_group_is_short_with_a_private_button(bot: Harness, crisis: None) -> None:
    question, [reply] = await bot.say(FORUM, ALICE, f"@kbot_test_bot {CRISIS}", thread_id=5)
    assert len(reply["text"]) < 200
    assert "hopeless" not in reply["text"]
    [[button]] = reply["reply_markup"]["inline_keyboard"]
    assert button["text"] == "Continue privately"
    assert button["url"].startswith("https://t.me/kbot_test_bot?start=h-")
    assert reply["params"]["message_thread_id"] == 5
    assert reply["params"]["reply_parameters"]["message_id"] == question["message_id"]
    assert bot.data.stats.redirects == {"crisis": 1}


async def test_group_commands_with_the_bots_name_are_answered(bot: Harness) -> None:
    _, [help_reply] = await bot.say(GROUP, ALICE, "/help@kbot_test_bot")
    assert "/ask" in help_reply["text"]
    _, [privacy] = await bot.say(GROUP, ALICE, "/privacy@kbot_test_bot")
    assert "salted hash" in privacy["text"]


async def test_group_commands_point_to_the_private_chat(bot: Harness) -> None:
    _, [region] = await bot.say(GROUP, ALICE, "/region@kbot_test_bot")
    assert region["reply_markup"]["inline_keyboard"][0][0]["url"].endswith("?start=region")
    _, [sources] = await bot.say(GROUP, ALICE, "/sources@kbot_test_bot")
    assert sources["reply_markup"]["inline_keyboard"][0][0]["url"].endswith("?start=sources")
    [keyboard] = await bot.ask(ALICE, "/start region")
    assert "Which country" in keyboard["text"]


async def test_messages_from_other_bots_are_ignored(bot: Harness) -> None:
    other = FakeBotAPI.user(999, "otherbot") | {"is_bot": True}
    _, sent = await bot.say(GROUP, other, "@kbot_test_bot what is spravato")
    assert sent == []


async def test_an_emergency_in_a_group_also_says_whom_to_call(bot: Harness, crisis: None) -> None:
    _, [reply] = await bot.say(GROUP, ALICE, "/ask my friend is not breathing")
    assert reply["text"].startswith("If someone is in danger right now, call your local emergency")
    assert reply["reply_markup"]["inline_keyboard"][0][0]["text"] == "Continue privately"


async def test_the_real_safety_layer_in_a_group(start_bot: StartBot) -> None:
    """With the shipped knowledge: its rules, its resources, its emergency numbers."""
    async with start_bot(knowledge_dir=SHIPPED_KNOWLEDGE) as bot:
        _, [emergency] = await bot.say(GROUP, ALICE, "/ask my friend took ket and is not breathing")
        _, [dosing] = await bot.say(GROUP, BOB, "@kbot_test_bot how much ket should i take")
        url = dosing["reply_markup"]["inline_keyboard"][0][0]["url"]
        [private] = await bot.ask(BOB, "/start " + url.split("start=")[1])
    assert "999" in emergency["text"]  # Alice's Telegram language is en-GB
    assert "ket" not in dosing["text"].casefold()
    assert dosing["text"] == "I'll answer this one privately, where I can share support options."
    assert private["html"] != dosing["html"]
    assert bot.data.stats.redirects == {"emergency": 1, "dosing": 1}


async def test_a_crisis_in_a_group_colours_no_one_elses_answers(start_bot: StartBot) -> None:
    """A group is many people: after Alice's crisis reply, Bob's questions are answered plainly.
    Alice's own conversation continues in the private chat the button opens."""
    async with start_bot(knowledge_dir=SHIPPED_KNOWLEDGE) as bot:
        _, [crisis] = await bot.say(GROUP, ALICE, "/ask i want to die")
        _, [answer] = await bot.say(GROUP, BOB, "/ask what is spravato")
        _, [unanswered] = await bot.say(GROUP, BOB, "/ask what is the weather on mars")
        url = crisis["reply_markup"]["inline_keyboard"][0][0]["url"]
        [private] = await bot.ask(ALICE, "/start " + url.split("start=")[1])
        [after] = await bot.ask(ALICE, "yeah")
    assert "Samaritans" not in answer["text"]
    assert "Find A Helpline" not in answer["text"]
    assert "I don't have a sourced answer" in unanswered["text"]
    assert "I'm really sorry you're feeling this way" in private["text"]
    assert after["text"].startswith("I'm still here, and I'm glad you're still talking to me.")


async def test_a_death_told_in_a_group_colours_no_one_elses_answers(start_bot: StartBot) -> None:
    """Alice's loss, told in a group, is not remembered there: Bob's "what dose is lethal" is
    answered plainly, and his thanks get the usual line."""
    async with start_bot(knowledge_dir=SHIPPED_KNOWLEDGE) as bot:
        _, [told] = await bot.say(GROUP, ALICE, "/ask my dad died of an overdose, what is ketamine")
        _, [lethal] = await bot.say(GROUP, BOB, "/ask what dose is lethal")
    assert "I'm so sorry" in told["text"]
    # (remembered, it would be the grief's crisis reply: "I'll answer this one privately")
    assert "<blockquote>" in lethal["html"]
    assert "privately" not in lethal["text"]


async def test_a_buying_redirect_in_a_group_does_not_colour_the_next_person(
    start_bot: StartBot,
) -> None:
    async with start_bot(knowledge_dir=SHIPPED_KNOWLEDGE) as bot:
        _, [redirect] = await bot.say(GROUP, ALICE, "/ask where can i get ket in leeds")
        _, [next_one] = await bot.say(GROUP, BOB, "/ask ill pay double")
        [private] = await bot.ask(BOB, "where can i get ket in leeds")
        [push] = await bot.ask(BOB, "ill pay double")
    assert redirect["reply_markup"]["inline_keyboard"][0][0]["text"] == "Continue privately"
    assert "reply_markup" not in next_one or not next_one["reply_markup"]
    assert "I can't help with buying" in private["text"]
    # The same ask again right after its redirect: the same no, said shortly, and the help.
    assert push["text"].startswith("I can't help with getting ketamine, whatever the place")
    assert bot.data.stats.redirects == {"acquisition": 3}


async def test_a_country_said_in_a_group_is_not_everyone_elses(start_bot: StartBot) -> None:
    """Alice says where she is: the group's follow-up context keeps her question's words, not
    her country (in a private chat it would bring Australia's numbers for the rest of it)."""
    async with start_bot(knowledge_dir=SHIPPED_KNOWLEDGE) as bot:
        await bot.say(GROUP, ALICE, "/ask im in australia, is ketamine legal here")
        kept = bot.data.contexts.get((GROUP["id"], 0))
    assert kept is not None
    assert kept.terms
    assert kept.place is None
