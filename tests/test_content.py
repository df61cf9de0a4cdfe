"""The shipped knowledge base: every passage sourced, reviewed, dose-free; every topic covered."""

from __future__ import annotations

import re

import pytest

from bot.config import SHIPPED_KNOWLEDGE
from bot.dose import find_dose_amount
from bot.knowledge import Knowledge, load_dir


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_dir(SHIPPED_KNOWLEDGE)


def test_every_passage_has_a_known_source_a_review_date_and_no_dose(knowledge: Knowledge) -> None:
    assert len(knowledge.passages) >= 120
    for passage in knowledge.passages:
        assert passage.source in knowledge.sources, passage.id
        assert passage.reviewed.year >= 2025, passage.id
        assert find_dose_amount(passage.text) is None, passage.id
        assert all(find_dose_amount(k) is None for k in passage.keywords), passage.id


def test_every_topic_has_at_least_three_passages(knowledge: Knowledge) -> None:
    counts = {t.id: 0 for t in knowledge.topics}
    for passage in knowledge.passages:
        counts[passage.topic] += 1
    assert {t: n for t, n in counts.items() if n < 3} == {}


def test_no_source_url_is_left_blank_or_invented_as_a_placeholder(knowledge: Knowledge) -> None:
    for source in knowledge.sources.values():
        assert source.url is None or not re.search(r"example\.(org|com)|TODO|xxx", source.url)


# Each subject the content issue names, and a pattern its passages must match (at least 3
# passages each: a subject covered by one sentence is not covered).
SUBJECTS = {
    "history and the 1960s": r"196\d",
    "approval in 1970": r"1970",
    "veterinary use": r"\bvet|animal",
    "children and low-resource settings": r"child|low-resource|developing",
    "anaesthesia": r"an(a)?esthe",
    "treatment-resistant depression": r"treatment-resistant depression",
    "suicidal thoughts": r"suicid",
    "PTSD": r"PTSD|post-traumatic",
    "chronic pain": r"pain",
    "nasal spray and IV": r"nasal|intravenous|\bIV\b",
    "esketamine / Spravato": r"Spravato|esketamine",
    "NICE and Scotland": r"NICE|Scotland|Scottish",
    "clinics and costs": r"clinic",
    "Oxford NHS service": r"Oxford",
    "NMDA / glutamate / BDNF / mTOR": r"NMDA|glutamate|BDNF|mTOR|synap",
    "SSRIs": r"SSRI|serotonin",
    "side effects": r"side effect|dissociat|blood pressure|nausea",
    "bladder damage": r"bladder|cystitis|urin",
    "dependence and withdrawal": r"dependen|withdrawal|addict",
    "overdose": r"overdose|breathing|die|death|fatal",
    "compounded ketamine and the FDA": r"compounded",
    "street names and adulteration": r"Special K|street|cut with",
    "Matthew Perry": r"Perry",
    "Elon Musk": r"Musk",
    "Donald Trump": r"Trump",
    "celebrity influence": r"celebrit|public figure|Jolie|attention",
    "ethics and access": r"fair|two-tier|exploit|access|afford",
    "UK Class B (2014)": r"Class B",
    "UK Schedule 2": r"Schedule 2",
    "reclassification review": r"Class A|reclassif|ACMD",
    "US Schedule III": r"Schedule III",
    "telehealth": r"telehealth|telemedicine",
    "Australia Schedule 8": r"Schedule 8|S8",
    "psychedelic research": r"psilocybin|MDMA|psychedelic",
    "patient experiences": r"patient|reported|describe",
    "mixing with other drugs": r"alcohol|opioid|benzodiazepine|combin",
}


@pytest.mark.parametrize(("subject", "pattern"), SUBJECTS.items(), ids=list(SUBJECTS))
def test_each_subject_of_the_seed_documents_is_covered(
    knowledge: Knowledge, subject: str, pattern: str
) -> None:
    matching = [p.id for p in knowledge.passages if re.search(pattern, p.text, re.IGNORECASE)]
    assert len(matching) >= 3, (subject, matching)
