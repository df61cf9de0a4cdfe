"""Private chats end to end: questions, every command, regions, deep links, odd input."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.config import SHIPPED_KNOWLEDGE
from bot.core import Engine
from tests.fakebotapi import FakeBotAPI, telegram_html_error
from tests.telegram_adapter.conftest import ADMIN, ALICE, BOB, Harness, StartBot

ALICE_CHAT = FakeBotAPI.private_chat(ALICE)


async def test_a_question_gets_quoted_sourced_answer(bot: Harness) -> None:
    [reply] = await bot.ask(ALICE, "does ketamine hurt the bladder?")
    assert reply["html"].startswith("<blockquote>Heavy, long-term ketamine use")
    assert '<a href="https://www.pubmed.gov/32212278/">' in reply["html"]
    assert reply["html"].endswith("<i>General information, not medical advice.</i>")
    assert reply["params"]["parse_mode"] == "HTML"
    assert reply["params"]["link_preview_options"] == {"is_disabled": True}
    assert "reply_parameters" not in reply["params"]  # private chats are not threaded


async def test_a_follow_up_uses_the_previous_question(bot: Harness) -> None:
    await bot.ask(ALICE, "is ketamine legal in the uk")
    [reply] = await bot.ask(ALICE, "and in australia?")
    assert "Schedule 8" in reply["text"]


async def test_an_unanswerable_question_says_so_with_suggestions(bot: Harness) -> None:
    [reply] = await bot.ask(ALICE, "what's the weather like on mars")
    assert "I don't have a sourced answer" in reply["text"]
    assert "What is Spravato?" in reply["text"]


async def test_a_struggle_told_as_over_gets_the_answer_and_the_support_line(bot: Harness) -> None:
    """Not a redirect (the question is answered), but not a plain answer either."""
    [reply] = await bot.ask(
        ALICE, "i was suicidal years ago and ketamine helped. does ketamine hurt the bladder?"
    )
    html = reply["html"]
    assert html.startswith("<blockquote>Heavy, long-term ketamine use")
    care = html.index("you don&#x27;t have to carry them alone")
    assert html.index("</blockquote>") < care < html.index("<b>Samaritans</b>")
    assert html.endswith("<i>General information, not medical advice.</i>")
    assert telegram_html_error(html) is None


async def test_a_death_told_gets_kind_words_and_where_to_talk(bot: Harness) -> None:
    """ "my grandad died last month" matched how Matthew Perry died: now the support text for
    grief and the crisis lines, no quote, no list of topics, and nothing kept as a gap."""
    [reply] = await bot.ask(ALICE, "my grandad died last month")
    html = reply["html"]
    assert html.startswith("I&#x27;m so sorry.")
    assert "<b>Samaritans</b>" in html
    assert "<blockquote>" not in html
    assert "Perry" not in html
    assert "I don&#x27;t have a sourced answer" not in html
    assert telegram_html_error(html) is None
    assert bot.data.gaps.top() == []


async def test_a_sensitive_question_with_no_answer_is_not_kept_as_a_gap(bot: Harness) -> None:
    """A no-answer beside the crisis lines or the drug service is nobody's gap to read; a plain
    no-answer still is."""
    [grief] = await bot.ask(ALICE, "my mum died last week, is it normal to feel numb")
    [use] = await bot.ask(ALICE, "my husband is addicted to ketamine what do i do")
    assert "I don&#x27;t have a sourced answer" in grief["html"]
    assert "I&#x27;m so sorry." in grief["html"]
    assert "I don&#x27;t have a sourced answer" in use["html"]
    assert bot.data.gaps.top() == []
    # (Bob: in Alice's chat a death was told, so nothing she asks there is kept)
    await bot.ask(BOB, "what's the weather like on mars")
    assert [g.text for g in bot.data.gaps.top()] == ["what's the weather like on mars"]


async def test_someone_worried_about_their_use_gets_the_answer_and_the_drug_service(
    start_bot: StartBot,
) -> None:
    """A message like "how do i quit ket" is answered from the sources, then a doctor and FRANK (Alice's
    Telegram language is en-GB), not redirected and not a plain answer."""
    async with start_bot(knowledge_dir=SHIPPED_KNOWLEDGE) as bot:
        [reply] = await bot.ask(ALICE, "i think im addicted to ket, how do i quit")
    html = reply["html"]
    assert html.startswith("<blockquote>")
    care = html.index("A doctor can help")
    assert html.index("</blockquote>") < care < html.index("<b>FRANK</b>")
    assert "Samaritans" not in html
    assert telegram_html_error(html) is None
    assert bot.data.stats.supported == {"dependence": 1}


async def test_start_welcomes_with_limits_examples_and_region_hint(bot: Harness) -> None:
    [reply] = await bot.ask(ALICE, "/start")
    text = reply["text"]
    assert "I answer questions about ketamine" in text
    assert "never give doses" in text
    assert "Is ketamine legal in the UK?" in text
    assert "/region" in text


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/help", "In groups:"),
        ("/privacy", "salted hash"),
        ("/about", "open-source"),
        ("/sources", "Drugs penalties — GOV.UK, n.d."),
        ("/nonsense", "I don't know that command"),
    ],
)
async def test_every_command_answers(bot: Harness, command: str, expected: str) -> None:
    [reply] = await bot.ask(ALICE, command)
    assert expected in reply["text"]


async def test_sources_are_links(bot: Harness) -> None:
    [reply] = await bot.ask(ALICE, "/sources")
    assert '<a href="https://www.tga.gov.au/apm-summary/spravato">' in reply["html"]
    assert "The 5 sources" in reply["text"]


async def test_commands_are_published_per_scope(bot: Harness) -> None:
    commands = {
        scope: {c["command"] for c in listed} for scope, listed in bot.server.commands.items()
    }
    assert commands["all_private_chats"] == {
        "start",
        "help",
        "sources",
        "privacy",
        "region",
        "about",
    }
    assert commands["all_group_chats"] == {"ask", "help", "privacy"}
    assert {"reload", "stats", "gaps"} <= commands[f"chat:{ADMIN['id']}"]


async def test_region_choice_is_remembered_under_a_salted_hash(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    [prompt] = await bot.ask(ALICE, "/region")
    buttons = [b for row in prompt["reply_markup"]["inline_keyboard"] for b in row]
    assert {b["text"] for b in buttons} >= {"United Kingdom", "Australia", "Forget my choice"}
    update_id = bot.server.press(prompt, ALICE, "region:au")
    await bot.settle(update_id)
    assert bot.server.callback_answers[-1]["text"] == "Saved"
    assert "Australia" in bot.server.edits[-1]["text"]

    regions = _spy_regions(monkeypatch)
    await bot.ask(ALICE, "what is spravato")
    await bot.ask(BOB, "what is spravato")
    assert regions == ["au", "intl"]  # Bob chose nothing: guessed from his language, "en"

    db = bot.settings.data_dir / "kbot.sqlite3"
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT person, region FROM regions").fetchall()
    conn.close()
    assert len(rows) == 1
    assert rows[0][1] == "au"
    assert str(ALICE["id"]) not in rows[0][0]
    assert str(ALICE["id"]).encode() not in db.read_bytes()

    await bot.settle(bot.server.press(prompt, ALICE, "region:au"))  # pressed twice: no error
    assert bot.data.stats.errors == 0

    update_id = bot.server.press(prompt, ALICE, "region:forget")
    await bot.settle(update_id)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM regions").fetchone()[0] == 0
    conn.close()


async def test_default_region_applies_until_a_person_chooses(
    start_bot: StartBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    regions = _spy_regions(monkeypatch)
    async with start_bot(default_region="nz") as bot:
        await bot.ask(ALICE, "what is spravato")
    assert regions == ["nz"]


async def test_without_a_choice_or_default_the_region_follows_the_language(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    regions = _spy_regions(monkeypatch)
    await bot.ask(ALICE, "what is spravato")  # language_code en-GB
    assert regions == ["uk"]


def _spy_regions(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    regions: list[object] = []
    real = Engine.answer

    def spy(self: Engine, question: str, **kw: object) -> object:
        regions.append(kw.get("region"))
        return real(self, question, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "answer", spy)
    return regions


async def test_a_group_safety_link_opens_the_full_reply_privately(
    bot: Harness, crisis: None
) -> None:
    from tests.telegram_adapter.conftest import CRISIS, GROUP

    _, [short] = await bot.say(GROUP, ALICE, f"/ask {CRISIS}")
    url = short["reply_markup"]["inline_keyboard"][0][0]["url"]
    assert url.startswith(f"https://t.me/{bot.server.username}?start=h-")
    payload = url.split("start=")[1]
    [full] = await bot.ask(ALICE, f"/start {payload}")
    assert "people can" in full["text"]  # the safety layer's reply, in private
    [fallback] = await bot.ask(ALICE, "/start h-unknowncode")
    assert "emergency number" in fallback["text"]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"sticker": True}, "I can only read text"),
        ({"photo": True}, "I can only read text"),
        ({"photo": True, "caption": ""}, "I can only read text"),
        ({"photo": True, "caption": "what is spravato"}, "Esketamine (Spravato)"),
        ({"text": "\u200b\u200f\u2066 \u2069"}, "Send me a question in words"),
    ],
    ids=["sticker", "photo", "empty caption", "captioned photo", "only invisible characters"],
)
async def test_non_text_gets_a_kind_hint(
    bot: Harness, kwargs: dict[str, object], expected: str
) -> None:
    [reply] = await bot.ask(ALICE, **kwargs)  # type: ignore[arg-type]
    assert expected in reply["text"]


@pytest.mark.parametrize(
    "text",
    [
        '<script>alert("x")</script> & <b>is ketamine legal</b> <a href="javascript:x">',
        "what is spravato " * 600,  # about 10,000 characters
        "wh\u200bat is spr\u200dav\u2060ato\u200e",
        "\u202eotavarps si tahw\u202c and \u05de\u05d4 \u05d6\u05d4",
        "😀🙏🏽💊",
        "&amp; &lt; &#0; &#x110000; \x00 \ud7ff",
    ],
    ids=["html", "10,000 characters", "zero-width", "right-to-left", "emoji only", "entities"],
)
async def test_hostile_input_gets_a_valid_reply(bot: Harness, text: str) -> None:
    [reply] = await bot.ask(ALICE, text)
    assert telegram_html_error(reply["html"]) is None
    assert bot.data.stats.errors == 0


async def test_a_reply_over_4096_characters_is_split_on_paragraphs(
    start_bot: StartBot, tmp_path: Path, tiny_kb_dir: Path
) -> None:
    sources = "sources:\n" + "".join(
        f"  - id: src-{n}\n    title: A long title about ketamine research number {n} "
        f"with & and < signs {'x' * 60}\n    publisher: Publisher {n}\n    date: '2020'\n"
        f"    url: https://example.org/{n}?a=1&b=2\n"
        for n in range(60)
    )
    (tiny_kb_dir / "sources.yaml").write_text(
        (tiny_kb_dir / "sources.yaml").read_text() + sources.removeprefix("sources:\n")
    )
    async with start_bot() as bot:
        replies = await bot.ask(ALICE, "/sources")
    assert len(replies) >= 3
    for reply in replies:
        assert telegram_html_error(reply["html"]) is None
        assert len(reply["html"]) <= 4096
    joined = "\n".join(r["text"] for r in replies)
    assert all(f"number {n} " in joined for n in range(60))


async def test_a_region_change_is_seen_at_once_despite_the_lookup_memory(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    regions = _spy_regions(monkeypatch)
    await bot.ask(ALICE, "what is spravato")  # no choice yet: remembered as "none chosen"
    assert bot.data.regions.cached(ALICE["id"]) == (True, None)
    [prompt] = await bot.ask(ALICE, "/region")
    await bot.settle(bot.server.press(prompt, ALICE, "region:au"))
    await bot.ask(ALICE, "what is spravato")
    await bot.settle(bot.server.press(prompt, ALICE, "region:forget"))
    await bot.ask(ALICE, "what is spravato")
    assert regions == ["uk", "au", "uk"]  # en-GB, then the choice, then en-GB again


async def test_right_after_a_dosing_redirect_the_private_chat_says_the_same_no(
    start_bot: StartBot,
) -> None:
    """ "same question for my gf" after a dosing redirect gets the after-dosing text and the help,
    not a list of topics, and is not queued as a gap; another person's is. ("same for my gf?"
    alone, with no redirect before it, is escalated to dosing by the learned backstop, which is
    sure enough of it at its `threshold_unnamed`.)"""
    async with start_bot(knowledge_dir=SHIPPED_KNOWLEDGE) as bot:
        [redirect] = await bot.ask(ALICE, "how much ket should a first timer take")
        [again] = await bot.ask(ALICE, "same question for my gf")
        [bob] = await bot.ask(BOB, "same question for my gf")
        assert [(g.text, g.count) for g in bot.data.gaps.top()] == [("same question for my gf", 1)]
    assert "I can&#x27;t help with amounts" in redirect["html"]
    assert again["text"].startswith("I can't give amounts, strengths or timings for anyone")
    assert "I don't have a sourced answer" not in again["text"]
    assert "I don't have a sourced answer" in bob["text"]
    assert bot.data.stats.redirects == {"dosing": 2}
    for sent in (redirect, again):
        assert telegram_html_error(sent["html"]) is None


def test_a_message_of_invisible_fillers_only_is_not_a_question() -> None:
    from bot.telegram.private import visible

    assert visible("\u3164\ufe0f\uffa0 \u200b") == ""
    assert visible(" is k legal\u200b ") == "is k legal\u200b"


async def test_a_crisis_about_someone_else_is_answered_for_the_worried_writer(
    start_bot: StartBot,
) -> None:
    """Through the fake Bot API: a sister who says she will kill herself gets the reply for the
    person worried about her (Alice's Telegram language is en-GB: 999 and Samaritans); a later
    "what do i say to her" keeps the help in view, still in words for her sister's helper, until
    Alice says she is at risk too."""
    async with start_bot(knowledge_dir=SHIPPED_KNOWLEDGE) as bot:
        [crisis] = await bot.ask(ALICE, "my sister just texted me she's going to kill herself")
        [after] = await bot.ask(ALICE, "ok. what do i say to her")
        [own] = await bot.ask(ALICE, "tbh i don't want to be here either")
        [later] = await bot.ask(ALICE, "idk")
    assert "someone you care about" in crisis["text"]
    assert "call 999, and stay with them if you safely can" in crisis["text"]
    assert "feeling this way" not in crisis["text"]
    assert "Samaritans" in crisis["text"]
    assert "Supporting someone who is struggling this much is hard" in after["text"]
    assert "for you as well as for them" in after["text"]
    assert "Samaritans" in after["text"]
    for own_turn in (own, later):
        assert "Supporting someone" not in own_turn["text"]
        assert "If you might act on these thoughts" in own_turn["text"]
    assert bot.data.stats.redirects == {"crisis": 4}
    for sent in (crisis, after, own, later):
        assert telegram_html_error(sent["html"]) is None


async def test_after_a_crisis_reply_the_private_chat_keeps_the_help(start_bot: StartBot) -> None:
    """With the shipped knowledge: "yeah" after a crisis reply is not met with a list of topics,
    an answered question still carries the support line, and another person's chat is untouched."""
    async with start_bot(knowledge_dir=SHIPPED_KNOWLEDGE) as bot:
        [crisis] = await bot.ask(ALICE, "i want to die")
        [after] = await bot.ask(ALICE, "yeah")
        [answer] = await bot.ask(ALICE, "what is spravato")
        [bob] = await bot.ask(BOB, "yeah")
        # What Alice said after her crisis reply got a safety reply: never in the gap queue.
        assert [(g.text, g.count) for g in bot.data.gaps.top()] == [("yeah", 1)]  # Bob's
    assert "I&#x27;m really sorry you&#x27;re feeling this way" in crisis["html"]
    assert after["text"].startswith("I'm still here, and I'm glad you're still talking to me.")
    assert "Samaritans" in after["text"]  # Alice's Telegram language is en-GB
    assert "I don't have a sourced answer" not in after["text"]
    assert answer["html"].startswith("<blockquote>")
    assert "Samaritans" in answer["text"]
    assert "I don't have a sourced answer" in bob["text"]
    assert bot.data.stats.redirects == {"crisis": 2}
    for sent in (crisis, after, answer):
        assert telegram_html_error(sent["html"]) is None


async def test_a_death_told_is_remembered_in_the_private_chat(start_bot: StartBot) -> None:
    """With the shipped knowledge: "what dose is lethal" after "my girlfriend died last month"
    gets grief's words and no amount (it had been Perry's levels and a clinic's dosing), and
    "thank you" a gentle line; Bob, who told nothing, gets the answer. Nothing goes to the gap
    queue."""
    async with start_bot(knowledge_dir=SHIPPED_KNOWLEDGE) as bot:
        [told] = await bot.ask(ALICE, "my girlfriend died last month")
        [lethal] = await bot.ask(ALICE, "what dose is lethal")
        [thanks] = await bot.ask(ALICE, "thank you")
        [could] = await bot.ask(ALICE, "is there anything i could have done")
        [bob] = await bot.ask(BOB, "what dose is lethal")
        # after a death told, a question with no answer is nobody's gap to read
        assert bot.data.gaps.top() == []
    assert told["text"].startswith("I'm so sorry.")
    assert "can't say how much of a drug kills" in lethal["text"]
    assert "coroner" in lethal["text"]
    assert "<blockquote>" not in lethal["html"]
    assert thanks["text"].startswith("You're welcome. I'm sorry for your loss.")
    assert "<blockquote>" in bob["html"]
    assert "can't say how much of a drug kills" not in bob["text"]
    assert "helplines I gave you" in could["text"]
    for sent in (told, lethal, thanks, could, bob):
        assert telegram_html_error(sent["html"]) is None


async def test_good_news_after_an_emergency_gets_a_short_reply_in_the_private_chat(
    start_bot: StartBot,
) -> None:
    """With the shipped knowledge: "she's awake now and calmer" and "thank you" after an
    emergency reply get a few lines that still say when to call, not the first aid again; a worry
    told next gets it all again."""
    async with start_bot(knowledge_dir=SHIPPED_KNOWLEDGE) as bot:
        [emergency] = await bot.ask(ALICE, "my friend took too much ket and wont wake up")
        [better] = await bot.ask(ALICE, "ok she is awake now and calmer")
        [thanks] = await bot.ask(ALICE, "thank you so much")
        [worse] = await bot.ask(ALICE, "she's gone quiet again and breathing funny")
        assert bot.data.gaps.top() == []
    assert "call 999" in emergency["text"]
    for short in (better, thanks):
        assert short["text"].startswith("Thank you for looking after them.")
        assert "call 999 straight away" in short["text"]
        assert "FRANK" not in short["text"]  # no first-aid quotes again
        assert len(short["text"]) < len(emergency["text"])
    assert "even if you called before" in worse["text"]
    assert "FRANK" in worse["text"]
    for sent in (emergency, better, thanks, worse):
        assert telegram_html_error(sent["html"]) is None


async def test_thanks_hello_and_questions_to_the_bot_get_a_short_reply_not_a_gap(
    start_bot: StartBot,
) -> None:
    """ "hi" and "thanks a lot" ask nothing: a line back, not "no sourced answer" (nor, right
    after a dosing redirect, the same no again); none of it is queued for moderators, and the
    redirect still colours the next message."""
    async with start_bot(knowledge_dir=SHIPPED_KNOWLEDGE) as bot:
        [hello] = await bot.ask(ALICE, "hi")
        [redirect] = await bot.ask(ALICE, "how much ket should a first timer take")
        [thanks] = await bot.ask(ALICE, "thanks a lot 🙏")
        [again] = await bot.ask(ALICE, "same for my gf?")
        [privacy] = await bot.ask(BOB, "do you store my messages?")
        assert bot.data.gaps.top() == []
    assert hello["text"].startswith("Hi! I answer questions about ketamine")
    assert "Is ketamine legal in the UK?" in hello["text"]  # example questions
    assert "I can&#x27;t help with amounts" in redirect["html"]
    assert thanks["text"].startswith("You're welcome.")
    assert "I can't give amounts" not in thanks["text"]
    assert again["text"].startswith("I can't give amounts, strengths or timings for anyone")
    assert "never goes into logs" in privacy["text"]
    assert "/privacy lists everything" in privacy["text"]
    assert bot.data.stats.chats == 3
    assert bot.data.stats.redirects == {"dosing": 2}
    for sent in (hello, thanks, privacy):
        assert "I don't have a sourced answer" not in sent["text"]
        assert telegram_html_error(sent["html"]) is None
