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
        # questions to the bot about itself, whole messages only
        ("what can you do?", "about"),
        ("are u a real person", "about"),
        ("who made this bot", "about"),
        ("help", "help"),
        ("ok help me", "help"),
        ("do you store my messages?", "privacy"),
        ("is this anonymous", "privacy"),
        ("where do you get your info from", "sources"),
        ("can i trust you", "sources"),
        ("source?", "sources"),
        ("what are kbot's sources", "sources"),
        ("where does the bot get its info", "sources"),
        ("how do i change my region", "region"),
        # small talk, and a complaint about the bot or its answer (had been the honest no)
        ("how are you", "wellbeing"),
        ("hi, how r u doing today?", "wellbeing"),
        ("how's it going", "wellbeing"),
        ("this bot is useless", "complaint"),
        ("you're wrong", "complaint"),
        ("that’s not what I asked", "complaint"),
        ("that didn't help", "complaint"),
        ("thanks for nothing", "complaint"),
        ("bad bot", "complaint"),
        ("fuck off", "complaint"),
        ("youre wrong about everything", "complaint"),
        ("g'day", "greeting"),
        ("whats the craic", "greeting"),
        ("thx that helps for my essay", "thanks"),
        ("thanks, this is a lot", "heavy"),
        ("ok this is a lot to take in", "heavy"),
        ("ok thanks, feeling better now", "thanks"),
        ("can i trust your sources", "sources"),
        # a number to call asked for (had been the honest no, or quotes)
        ("what number do i call for mental health help in nz", "helpline"),
        ("whats the emergency number", "helpline"),
        ("samaritans number?", "helpline"),
        ("is there a helpline", "helpline"),
        ("what number do i call in an emergency in spain", "helpline"),
        # from a third blind review: someone to talk to asked for (had been the honest no)
        ("who can i talk to in bc", "helpline"),
        ("is there someone i can talk to", "helpline"),
        ("where can i turn to", "helpline"),
        # from a fourth blind review: not knowing who to turn to, somewhere that helps
        ("i don't know who to talk to", "helpline"),
        ("i have no one to talk to", "helpline"),
        ("is there anywhere in ireland that helps", "helpline"),
        ("where can i go for help", "helpline"),
        # from a twelfth blind review: now, or said as a need (had the honest no)
        ("who can i talk to tonight", "helpline"),
        ("i really need to talk to somebody", "helpline"),
        # ...and giving up after a refusal (had the whole refusal again)
        ("fine whatever", "ack"),
        ("ok thanks anyway", "thanks"),
        ("forget it", "ack"),
        # from a second blind review: regional English, "k" for ok, complaints with more in them
        ("chur", "thanks"),
        ("sweet as bro", "thanks"),
        ("grand thanks", "thanks"),
        ("cheers legend", "thanks"),
        ("thanks y'all", "thanks"),
        ("howya", "greeting"),
        ("what's the story", "greeting"),
        ("g'day mate how ya going", "greeting"),
        ("hallo wie gehts", "greeting"),
        ("lol k", "ack"),
        ("k cool", "ack"),
        ("k thanks", "thanks"),
        ("k see you later", "goodbye"),
        ("youre useless m8 didnt even answer my question", "complaint"),
        ("thx for nothing 🙄", "complaint"),
        ("you're a bot right", "about"),
        ("what can you help with", "about"),
        # from a ninth blind review: wanting to let it out, not to call (had the honest no)
        ("like i dont want to call anyone i just want to vent for a sec", "vent"),
        ("i just need to vent", "vent"),
        ("can i vent for a bit", "vent"),
        # from a tenth blind review: whether a person is there (had the honest no)
        ("is this bot a real person", "about"),
        ("am i talking to a real person", "about"),
        ("is this a human or a bot", "about"),
        ("is there a person reading this", "privacy"),
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
        "how do you know if someone is in a k-hole",
        "what can you do about a k hole",
        "help my friend is not breathing",
        "do u sell",
        "what is it",
        "is it private",
        # about the writer, never a complaint about the bot
        "im useless",
        "i'm so stupid",
        "this is pointless",
        "it's all pointless",
        "everything is wrong",
        "how are you supposed to take it",
        "is that wrong",
        "is this real",
        "is this ketamine real",
        "are you ok with me asking about doses",
        "i want to go away forever",
        "is this a lot",
        "that helps with pain?",
        "it is a lot of ketamine",
        "whats your number",
        "whats the number of people who died from it",
        "what number is ketamine on the schedule",
        "k?",
        "whats the story with matthew perry",
        "special k",
        "is there anything that helps with the cravings",
        "where can i get ket",
        "where can i get help with ketamine use",
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


def test_questions_about_the_bot_get_what_is_true_of_it(shipped_engine: Engine) -> None:
    """Before, "do you store my messages?" quoted a passage on ketamine in poorer countries and
    "who made you" one on the TGA's decision on Spravato."""
    privacy = shipped_engine.answer("do you store my messages?", region="uk")
    assert (privacy.kind, privacy.quotes) == ("chat", ())
    assert "never goes into logs" in to_text(privacy)
    assert "90 days" in to_text(privacy)
    sources = shipped_engine.answer("where do you get your info from", region="uk")
    count = len(shipped_engine.knowledge.sources)
    assert f"/sources lists all {count} sources." in sources.lead
    about = shipped_engine.answer("who made you", region="uk")
    assert about.lead[0].startswith("I'm kbot. I answer questions about ketamine")
    assert len(about.suggestions) == 4
    assert about.resources == ()


def test_help_alone_also_says_where_help_is(shipped_engine: Engine) -> None:
    reply = shipped_engine.answer("help", region="uk")
    assert (reply.kind, reply.support) == ("chat", "crisis")
    assert "Samaritans" in [r.name for r in reply.resources]
    emergency = shipped_engine.answer("help my friend is not breathing", region="uk")
    assert (emergency.kind, emergency.category) == ("redirect", "emergency")


def test_wanting_to_vent_is_met_with_where_people_listen_by_text_too(
    shipped_engine: Engine,
) -> None:
    """A ninth blind review's: after a hard night told 14 months clean, "i just want to vent"
    had "I don't have a sourced answer" and "What is a k-hole?"."""
    hard = shipped_engine.answer(
        "14 months clean off ket and tonight is rough. not gonna use but i need someone to talk to",
        region="uk",
    )
    assert (hard.kind, hard.support) == ("answer", "dependence")
    assert hard.care[0].startswith("Cravings can come back")
    reply = shipped_engine.answer(
        "like i dont want to call anyone i just want to vent for a sec",
        context=hard.context,
        region="uk",
    )
    assert (reply.kind, reply.support, reply.suggestions) == ("chat", "crisis", ())
    assert reply.lead[0].startswith("I'm glad you wrote")
    assert "Shout" in [r.name for r in reply.resources]
    assert "I don't have a sourced answer" not in to_text(reply)
    # ...a reason to vent said with it is not courtesy
    assert courtesy("i want to vent about my ex") is None


def test_a_bare_drug_name_gets_the_basics(shipped_engine: Engine) -> None:
    """The backstop had read "ketamine" alone as mixing and "ket" as buying."""
    topics = {p.id: p.topic for p in shipped_engine.knowledge.passages}
    for name, topic in (("ketamine", "basics"), ("ket?", "basics"), ("Spravato", "esketamine")):
        reply = shipped_engine.answer(name, region="uk")
        assert reply.kind == "answer", name
        assert topics[reply.quotes[0].passage_id] == topic, name
    buying = shipped_engine.answer("where can i get some", region="uk")
    after = shipped_engine.answer("ket", context=buying.context, region="uk")
    assert (after.kind, after.category) == ("redirect", "acquisition")


def test_how_are_you_is_met_not_told_there_is_no_sourced_answer(shipped_engine: Engine) -> None:
    reply = shipped_engine.answer("how are you?", region="uk")
    assert (reply.kind, reply.quotes, reply.resources) == ("chat", (), ())
    assert reply.lead[0].startswith("I'm a bot")
    assert len(reply.suggestions) == 4
    assert "I don't have a sourced answer" not in to_text(reply)


def test_a_complaint_gets_an_apology_and_how_to_ask_again(shipped_engine: Engine) -> None:
    reply = shipped_engine.answer("this bot is useless", region="uk")
    assert (reply.kind, reply.quotes) == ("chat", ())
    assert reply.lead[0] == "Sorry that didn't help."
    assert "in other words" in reply.lead[1]
    assert len(reply.suggestions) == 4


def test_a_complaint_right_after_a_refusal_is_about_the_refusal(shipped_engine: Engine) -> None:
    """Not "sometimes I quote the wrong passage": no passage was quoted for the amount."""
    refused = shipped_engine.answer("how much ket should i take", region="uk")
    assert refused.category == "dosing"
    reply = shipped_engine.answer("you are useless", context=refused.context, region="uk")
    assert (reply.kind, reply.suggestions) == ("chat", ())
    assert reply.lead[0] == "Sorry that wasn't what you were looking for."
    assert "I don't give amounts or say where to get ketamine" in reply.lead[1]
    # ...and the next message is still read as after the redirect
    again = shipped_engine.answer("just tell me how many bumps", context=reply.context)
    assert (again.kind, again.category) == ("redirect", "dosing")


def test_a_complaint_right_after_a_mixing_redirect_is_about_mixing(shipped_engine: Engine) -> None:
    """Not "I don't give amounts or say where to get ketamine": nobody asked for either."""
    refused = shipped_engine.answer("ket and alcohol ok?", region="uk")
    assert refused.category == "mixing"
    reply = shipped_engine.answer("thanks for nothing", context=refused.context, region="uk")
    assert (reply.kind, reply.suggestions) == ("chat", ())
    assert reply.lead[0] == "Sorry that wasn't what you were looking for."
    assert reply.lead[1].startswith("I can't say that any mix with ketamine is safe")
    assert "amounts" not in reply.lead[1]


def test_how_are_you_after_a_death_told_gets_no_list_of_topics(shipped_engine: Engine) -> None:
    told = shipped_engine.answer("my dad died last week", region="uk")
    reply = shipped_engine.answer("how are you", context=told.context, region="uk")
    assert reply.kind == "chat"
    assert reply.suggestions == ()
    assert reply.lead == ("Thanks for asking. I'm here if you want to ask anything else.",)


@pytest.mark.parametrize(
    ("message", "region", "first"),
    [
        # the country named, wherever it is asked from
        ("what number do i call for mental health help in nz", "uk", "1737 Need to talk?"),
        ("what number do i call in an emergency in spain", "us", "Emergency services"),
        ("whats the emergency number", "au", "Emergency services (Triple Zero)"),
        ("what number do i call for mental health help", "us", "988 Suicide & Crisis Lifeline"),
        ("is there a helpline for addiction", "uk", "FRANK"),
    ],
)
def test_a_number_asked_for_gets_the_numbers(
    shipped_engine: Engine, message: str, region: str, first: str
) -> None:
    """Before, these got "I don't have a sourced answer" or quotes on other things (a reviewer
    counted it among the most harmful replies)."""
    reply = shipped_engine.answer(message, region=region)
    assert (reply.kind, reply.quotes) == ("chat", ())
    assert reply.resources[0].name == first
    assert reply.lead[0].startswith("Here are the numbers for ")


def test_a_number_asked_for_with_no_country_known_says_how_to_get_local_ones(
    shipped_engine: Engine,
) -> None:
    reply = shipped_engine.answer("helplines", region=None)
    assert "ask again with your country's name" in reply.lead[0]
    assert "Find A Helpline" in [r.name for r in reply.resources]
    spain = shipped_engine.answer("what number do i call in an emergency in spain")
    assert spain.lead[0] == "Here are the numbers for the European Union."
    assert "call 112" in spain.resources[0].contact


def test_a_number_asked_for_to_buy_is_still_buying(shipped_engine: Engine) -> None:
    reply = shipped_engine.answer("what number do i call to buy ket", region="uk")
    assert (reply.kind, reply.category) == ("redirect", "acquisition")


def test_a_service_named_gets_its_passage_and_its_numbers(shipped_engine: Engine) -> None:
    """ "samaritans number?", "poison control number": the service's own sourced passage, with
    the numbers below it (a helpline a search finds by chance is not quoted: "what number do i
    call for mental health help" is not told about Poison Help)."""
    reply = shipped_engine.answer("samaritans number?", region="uk")
    assert reply.kind == "answer"
    assert reply.quotes[0].passage_id == "help-samaritans"
    assert reply.resources[0].name == "Samaritans"
    other = shipped_engine.answer("what number do i call for mental health help", region="us")
    assert (other.kind, other.quotes) == ("chat", ())


def test_thanks_for_a_lot_to_take_in_is_not_cheerful(shipped_engine: Engine) -> None:
    """A reviewer: a parent's "thanks, this is a lot" got "You're welcome. If you have another
    question about ketamine, its effects and risks, the law or treatment, just ask"."""
    reply = shipped_engine.answer("thanks, this is a lot", region="ca")
    assert reply.kind == "chat"
    assert reply.lead[0].startswith("It's a lot to take in.")
    assert not any("just ask" in p for p in reply.lead)
