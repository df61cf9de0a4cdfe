"""Support resources by region, the region of a Telegram user, and the redirect replies built
from them (lead, resources, sourced quotes), including that no dose amount is ever quoted."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from bot import resource, safety
from bot.config import SHIPPED_KNOWLEDGE
from bot.core import Engine
from bot.dose import find_dose_amount
from bot.knowledge import load_dir, validate_dir
from bot.models import CATEGORIES, Passage
from bot.render import to_html, to_text
from tests.conftest import TINY, write_kb


@pytest.fixture(scope="module")
def directory() -> resource.Directory:
    return load_dir(SHIPPED_KNOWLEDGE).resources


@pytest.mark.parametrize(
    ("code", "region"),
    [
        ("en-GB", "uk"),
        ("en-gb", "uk"),
        ("en_AU", "au"),
        ("en-US", "us"),
        ("fr-CA", "ca"),
        ("en-NZ", "nz"),
        ("en-IE", "ie"),
        ("ga", "ie"),
        ("de", "eu"),
        ("de-AT", "eu"),
        ("pt-PT", "eu"),
        ("es-ES", "eu"),
        ("nl", "eu"),
        ("pt-BR", "intl"),
        ("es-MX", "intl"),
        ("de-CH", "intl"),
        ("en", "intl"),
        ("es", "intl"),
        ("fr", "intl"),
        ("ru", "intl"),
        ("zh-hans", "intl"),
        ("", "intl"),
        (None, "intl"),
    ],
)
def test_region_from_telegram_language(code: str | None, region: str) -> None:
    assert resource.region_from_language(code) == region


def test_every_region_is_there_with_its_emergency_number(directory: resource.Directory) -> None:
    assert set(directory.regions) == set(resource.REGIONS)
    numbers = {r: directory.emergency_number(r) for r in resource.REGIONS}
    assert numbers == {
        "us": "911",
        "uk": "999",
        "au": "000",
        "ca": "911",
        "nz": "111",
        "ie": "112 or 999",
        "eu": "112",
        "intl": "your local emergency number",
    }
    assert directory.emergency_number(None) == "your local emergency number"


@pytest.mark.parametrize("region", [*resource.REGIONS, None])
@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_names_real_help_in_every_region(
    directory: resource.Directory, category: str, region: str | None
) -> None:
    found = directory.pick(category, region)
    assert found
    assert len(found) == len(set(found))
    if category == "emergency":
        assert found[0].name.startswith("Emergency services")


def test_crisis_lists_the_crisis_line_then_the_emergency_number(
    directory: resource.Directory,
) -> None:
    us = directory.pick("crisis", "us")
    assert [r.name for r in us] == ["988 Suicide & Crisis Lifeline", "Emergency services"]
    assert "text" in us[0].contact
    assert "chat" in us[0].contact
    uk = [r.name for r in directory.pick("crisis", "uk")]
    assert uk[:2] == ["Samaritans", "Shout"]


def test_an_emergency_lists_the_number_first_and_the_crisis_line_last(
    directory: resource.Directory,
) -> None:
    """An overdose taken on purpose is an emergency first (bot/safety.py): the crisis line is
    there too, after the emergency number and the poison line."""
    us = [r.name for r in directory.pick("emergency", "us")]
    assert us == ["Emergency services", "Poison Help", "988 Suicide & Crisis Lifeline"]
    uk = [r.name for r in directory.pick("emergency", "uk")]
    assert uk[0] == "Emergency services"
    assert uk[-2:] == ["Samaritans", "Shout"]


def test_dependence_support_lists_the_regions_drug_service(directory: resource.Directory) -> None:
    """An answer to someone worried about their use adds the drug helpline of their region."""
    assert [r.name for r in directory.pick("dependence", "uk")] == ["FRANK"]
    assert [r.name for r in directory.pick("dependence", "us")] == ["SAMHSA National Helpline"]
    assert [r.name for r in directory.pick("dependence", "ie")] == [
        "HSE Drugs and Alcohol Helpline"
    ]


def test_missing_kinds_fall_back_to_eu_then_international(
    directory: resource.Directory,
) -> None:
    assert [r.name for r in directory.pick("crisis", "eu")] == [
        "Find A Helpline",
        "Emergency services",
    ]
    ie = [r.name for r in directory.pick("dosing", "ie")]
    assert ie == ["HSE Drugs and Alcohol Helpline", "Find A Helpline"]
    assert directory.pick("crisis", "xx") == directory.pick("crisis", "intl")


BAD_RESOURCES = """\
show:
  emergency: [emergency]
  crisis: [crisis, rumours]
  dosing: [drugs]
  acquisition: [drugs]
  mixing: [drugs]
regions:
  - id: uk
    emergency: "999"
    fallback: mars
    resources:
      - name: Helpline
        contact: call 123
        url: not a url
        kinds: [crisis]
        source: no-such-source
"""


def test_resource_errors_are_reported_with_file_line_and_entry(tmp_path: Path) -> None:
    folder = write_kb(tmp_path / "kb", {**TINY, "resources.yaml": BAD_RESOURCES})
    knowledge, problems = validate_dir(folder)
    assert knowledge is None
    shown = "\n".join(str(p) for p in problems)
    assert "resources.yaml:2: crisis: unknown kind(s): ['rumours']" in shown
    assert "resources.yaml:2: dependence: `show` needs a list of kinds" in shown
    assert "resources.yaml:8: uk: unknown fallback 'mars'" in shown
    assert "resources.yaml:12: Helpline: `url` 'not a url' is not a valid http(s) address" in shown
    assert "resources.yaml:12: Helpline: `source` 'no-such-source' is not an id" in shown
    assert "the international fallback region `intl` is missing" in shown


# ----------------------------------------------------------------------------- redirect replies


def test_an_emergency_reply_starts_with_the_number_and_quotes_first_aid(
    shipped_engine: Engine,
) -> None:
    reply = shipped_engine.answer("my friend won't wake up after ket", region="au")
    assert (reply.kind, reply.category) == ("redirect", "emergency")
    assert "Call 000 now" in reply.lead[0]
    assert reply.resources[0].contact == "call 000"
    assert {q.passage_id for q in reply.quotes} <= {
        "first-aid-recovery-position",
        "first-aid-tell-the-crew",
    }
    assert reply.quotes
    assert "recovery position" in to_text(reply)


@pytest.mark.parametrize("category_message", ["i want to die", "where can i buy ket"])
def test_crisis_and_acquisition_replies_quote_nothing(
    shipped_engine: Engine, category_message: str
) -> None:
    reply = shipped_engine.answer(category_message, region="uk")
    assert reply.kind == "redirect"
    assert reply.quotes == ()
    assert reply.resources


def test_a_crisis_reply_is_kind_and_invites_to_keep_talking(shipped_engine: Engine) -> None:
    text = to_text(shipped_engine.answer("i want to end it all", region="us"))
    assert "sorry" in text
    assert "keep talking" in text
    assert "988" in text
    assert "911" in text
    assert "ketamine" not in text.lower()  # never a method or an amount


def test_a_mixing_reply_quotes_a_sourced_warning(shipped_engine: Engine) -> None:
    reply = shipped_engine.answer("is it safe to mix ket and alcohol", region="uk")
    assert reply.category == "mixing"
    assert reply.quotes
    topics = {p.id: p.topic for p in shipped_engine.knowledge.passages}
    assert all(topics[q.passage_id] == "mixing" for q in reply.quotes)


def test_redirects_never_show_a_dose_amount(shipped_engine: Engine) -> None:
    for message in [
        "how much ket should i take",
        "is 2 bumps of ket enough",
        "what's the spravato dose",
        "how many mg of ketamine for a k hole",
    ]:
        reply = shipped_engine.answer(message, region="us")
        assert reply.category == "dosing"
        assert find_dose_amount(to_text(reply)) is None
        assert find_dose_amount(to_html(reply)) is None


def test_the_redirect_path_never_quotes_a_passage_with_a_dose_amount(
    shipped_engine: Engine,
) -> None:
    """Defence in depth: even a passage that slipped past the validator is never quoted."""
    knowledge = shipped_engine.knowledge
    risky = Passage(
        id="mix-risky",
        topic="mixing",
        text="Mixing ketamine with alcohol: people take 2 bumps and a pint, which is risky.",
        source=knowledge.passages[0].source,
        reviewed=dt.date(2026, 1, 1),
    )
    engine = Engine(replace(knowledge, passages=(*knowledge.passages, risky)))
    reply = engine.answer("mixing ketamine with alcohol and a pint", region="uk")
    assert reply.category == "mixing"
    assert reply.quotes
    assert "mix-risky" not in {q.passage_id for q in reply.quotes}
    assert find_dose_amount(to_text(reply)) is None


def test_a_message_in_another_language_gets_the_note_and_the_help(shipped_engine: Engine) -> None:
    reply = shipped_engine.answer("quiero morir", region=None)
    assert reply.category == "crisis"
    assert "Respondo solo en inglés, pero estos servicios pueden ayudarte." in reply.lead
    assert reply.resources[0].name == "Find A Helpline"


@pytest.mark.parametrize(
    ("text", "category", "note"),
    [
        (
            "mijn broer ademt niet meer",
            "emergency",
            "Ik antwoord alleen in het Engels, maar deze hulpdiensten kunnen je helpen.",
        ),
        (
            "voglio farla finita",
            "crisis",
            "Rispondo solo in inglese, ma questi servizi possono aiutarti.",
        ),
        ("chcę umrzeć", "crisis", "Odpowiadam tylko po angielsku, ale te służby mogą pomóc."),
    ],
)
def test_dutch_italian_and_polish_get_their_note_and_the_eu_number(
    shipped_engine: Engine, text: str, category: str, note: str
) -> None:
    """In the EU region (what a Telegram app in Dutch, Italian or Polish gives by default), the
    reply has 112 and the language's line."""
    reply = shipped_engine.answer(text, region="eu")
    assert reply.category == category
    assert note in reply.lead
    assert any("112" in r.contact for r in reply.resources)


def test_quotes_about_services_follow_the_region(shipped_engine: Engine) -> None:
    reply = shipped_engine.answer("my friend is unconscious after ket", region="uk")
    regions = {p.id: p.region for p in shipped_engine.knowledge.passages}
    assert all(regions[q.passage_id] in (None, "intl", "uk") for q in reply.quotes)


@pytest.mark.parametrize("region", ["us", "ie", "au", "intl", None])
def test_an_answer_quotes_the_helplines_of_the_persons_region_only(
    shipped_engine: Engine, region: str | None
) -> None:
    """A US or Irish reader asking where to get help had been told "In the UK, FRANK is…"
    first: a helpline passage of another country is left out, and the region's drug service is
    beside the answer (support-dependence-help)."""
    reply = shipped_engine.answer("where can i get help for ketamine addiction", region=region)
    passages = {p.id: p for p in shipped_engine.knowledge.passages}
    here = shipped_engine.directory.here(region) | {None}
    assert all(
        passages[q.passage_id].region in here
        for q in reply.quotes
        if passages[q.passage_id].topic == "getting-help"
    )
    assert "help-frank" not in [q.passage_id for q in reply.quotes]
    assert reply.support == "dependence"
    assert reply.resources == shipped_engine.directory.pick("dependence", region)


@pytest.mark.parametrize(
    ("region", "first"),
    [
        ("uk", "help-frank"),
        ("us", "help-samhsa-helpline"),
        ("au", "help-australia-aod-hotline"),
        ("ie", "help-talk-to-doctor"),  # no Irish passage: a doctor (HSE is listed below)
        (None, "help-find-a-helpline"),
    ],
)
def test_where_to_get_help_quotes_the_readers_own_service_first(
    shipped_engine: Engine, region: str | None, first: str
) -> None:
    reply = shipped_engine.answer("Where can I get help with ketamine use?", region=region)
    assert reply.quotes[0].passage_id == first
    # named in the question, wherever it is asked from: that country's service first
    named = shipped_engine.answer("where can i get help with ketamine use in the uk", region=region)
    assert named.quotes[0].passage_id == "help-frank"


def test_a_helpline_of_another_country_is_quoted_when_the_question_names_it(
    shipped_engine: Engine,
) -> None:
    uk = shipped_engine.answer("where can i get help for ketamine addiction", region="uk")
    assert "help-frank" in [q.passage_id for q in uk.quotes]
    for question in ("is samaritans free", "can i call samaritans from the uk for free"):
        named = shipped_engine.answer(question, region="us")
        assert "help-samaritans" in [q.passage_id for q in named.quotes], question


def test_region_aliases_name_regions_and_are_validated(
    directory: resource.Directory, tmp_path: Path
) -> None:
    assert directory.named(["is", "samaritans", "free"]) == frozenset({"uk"})
    assert directory.named(["helplines", "in", "australia"]) == frozenset({"au"})
    assert directory.named(["ireland"]) == frozenset({"ie"})
    assert directory.named(["poison", "control", "number"]) == frozenset({"us"})
    assert directory.named(["birth", "control", "and", "poison"]) == frozenset()
    assert directory.named(["help", "us", "please", "united"]) == frozenset()
    assert directory.here("ie") == frozenset({"ie", "eu", "intl"})
    # markers show a passage is about a region, never that a question names it ("help us")
    assert directory.mentions("us", ["schedule", "iii", "in", "the", "us"])
    assert directory.mentions("us", ["the", "surgeon", "general", "warns"])
    assert not directory.mentions("uk", ["schedule", "iii", "in", "the", "us"])
    assert directory.named(["help", "us"]) == frozenset()
    broken = BAD_RESOURCES.replace(
        "    fallback: mars\n", "    fallback: mars\n    aliases: [3]\n    markers: x\n"
    )
    assert broken != BAD_RESOURCES
    folder = write_kb(tmp_path / "kb", {**TINY, "resources.yaml": broken})
    _, problems = validate_dir(folder)
    shown = "\n".join(str(p) for p in problems)
    assert "uk: `aliases` must list words that name the region or its services" in shown
    assert "uk: `markers` must list words that show a passage is about the region" in shown


def test_a_knowledge_folder_without_safety_files_still_has_the_safety_layer(
    tiny_engine: Engine,
) -> None:
    assert not tiny_engine.knowledge.safety
    reply = tiny_engine.answer("where can i buy ket", region="uk")
    assert (reply.kind, reply.category) == ("redirect", "acquisition")
    assert reply.resources
    assert tiny_engine.answer("does ketamine damage the bladder?").kind == "answer"


def test_a_verdict_for_an_unknown_category_still_gets_help(shipped_engine: Engine) -> None:
    reply = shipped_engine._redirect(safety.Verdict("emergency", "test", "xx"), "uk", "help")
    assert reply.lead[0].startswith("Call 999 now if someone is unresponsive")
    assert reply.resources[0].contact == "call 999"
