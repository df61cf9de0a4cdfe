"""Validation: every kind of error is reported as file:line: entry-id: message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.config import SHIPPED_KNOWLEDGE
from bot.error import KnowledgeError
from bot.knowledge import count_sentences, load_dir, split_sentences, validate_dir
from tests.conftest import TINY, write_kb

TODAY = dt.date(2026, 11, 22)


def _with(tmp_path: Path, name: str, text: str) -> list[str]:
    folder = write_kb(tmp_path / "kb", {**TINY, name: text})
    knowledge, problems = validate_dir(folder, today=TODAY)
    assert knowledge is None
    return [str(p) for p in problems if p.severity == "error"]


PASSAGE = """
    passages:
      - id: ok-entry
        topic: law
        text: Ketamine is a Class B drug in the UK.
        source: gov-penalties
        reviewed: 2026-11-01
      - id: bad-entry
        topic: law
        text: {text}
        source: {source}
        reviewed: {reviewed}
        {extra}
    """


def _passage(**overrides: str) -> str:
    values = {
        "text": "A fine sentence about the law.",
        "source": "gov-penalties",
        "reviewed": "2026-11-01",
        "extra": "",
    }
    values.update(overrides)
    return PASSAGE.format(**values)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"extra": "colour: blue"}, "unknown field `colour`"),
        ({"source": "nowhere"}, "unknown source 'nowhere'"),
        ({"reviewed": "2026-13-45"}, "must be a date"),
        ({"reviewed": "2027-01-01"}, "is in the future"),
        ({"text": "''"}, "`text` must be non-empty text"),
        ({"text": "x" * 601}, "`text` is 601 characters; the limit is 600"),
        ({"text": "It takes 0.5 mg/kg."}, "states a dose amount ('0.5 mg/kg')"),
        ({"text": "One. Two. Three. Four. Five."}, "has 5 sentences; the limit is 4"),
        ({"extra": "region: mars"}, "unknown region 'mars'"),
        ({"extra": "keywords: [a gram]"}, "`keywords` states a dose amount"),
    ],
    ids=[
        "unknown field",
        "unknown source id",
        "bad date",
        "date in the future",
        "empty text",
        "over-long text",
        "dose amount in text",
        "too many sentences",
        "unknown region",
        "dose amount in keywords",
    ],
)
def test_each_passage_error_names_file_line_and_entry(
    tmp_path: Path, overrides: dict[str, str], message: str
) -> None:
    errors = _with(tmp_path, "extra.yaml", _passage(**overrides))
    assert any(e.startswith("kb/extra.yaml:7: bad-entry: ") and message in e for e in errors), (
        errors
    )


def test_missing_fields_are_listed(tmp_path: Path) -> None:
    errors = _with(tmp_path, "extra.yaml", "passages:\n  - id: lonely\n    topic: law\n")
    assert "kb/extra.yaml:2: lonely: missing field `text`" in errors
    assert "kb/extra.yaml:2: lonely: missing field `source`" in errors
    assert "kb/extra.yaml:2: lonely: missing field `reviewed`" in errors


def test_duplicate_ids_point_to_the_first(tmp_path: Path) -> None:
    text = _passage().replace("bad-entry", "uk-class-b")
    errors = _with(tmp_path, "extra.yaml", text)
    assert any(
        e == "kb/law.yaml:2: uk-class-b: duplicate id (first defined at kb/extra.yaml:7)"
        for e in errors
    ), errors


def test_unknown_topic(tmp_path: Path) -> None:
    errors = _with(
        tmp_path,
        "extra.yaml",
        _passage().replace("topic: law\n        text: A", "topic: weather\n        text: A"),
    )
    assert any("unknown topic 'weather'" in e for e in errors), errors


def test_a_topics_examples_by_region_are_validated(tmp_path: Path) -> None:
    text = TINY["topics.yaml"].replace(
        'example: "Is ketamine legal in the UK?"}',
        'example: "Is ketamine legal in the UK?", examples: {us: ""}}',
    )
    assert text != TINY["topics.yaml"]
    errors = _with(tmp_path, "topics.yaml", text)
    assert any("`examples` maps region ids to an example question" in e for e in errors), errors


def test_yaml_syntax_error_has_its_line(tmp_path: Path) -> None:
    errors = _with(tmp_path, "broken.yaml", "passages:\n  - id: x\n    text: [unclosed\n")
    assert len(errors) == 1
    assert errors[0].startswith("kb/broken.yaml:4: -: YAML syntax error")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("url", "ftp://example.org/x", "is not a valid http(s) address"),
        ("url", "https://no spaces.org", "is not a valid http(s) address"),
        ("date", "'5 March 2019'", "must be YYYY-MM-DD, YYYY-MM, YYYY or n.d."),
    ],
    ids=["non-http url", "url with a space", "free-text date"],
)
def test_bad_source_fields(tmp_path: Path, field: str, value: str, message: str) -> None:
    sources = TINY["sources.yaml"].replace(
        "date: n.d.\n            url: https://www.gov.uk/penalties-drug-possession-dealing",
        f"date: n.d.\n            url: https://www.gov.uk/penalties-drug-possession-dealing\n"
        f"          - id: extra-source\n            title: T\n            publisher: P\n"
        f"            date: '2020'\n            {field}: {value}",
    )
    errors = _with(tmp_path, "sources.yaml", sources)
    assert any(
        e.startswith("kb/sources.yaml:7: extra-source: ") and message in e for e in errors
    ), errors


def test_stale_review_is_a_warning_not_an_error(tmp_path: Path) -> None:
    folder = write_kb(tmp_path / "kb", {**TINY, "extra.yaml": _passage(reviewed="2025-01-01")})
    knowledge, problems = validate_dir(folder, today=TODAY)
    assert knowledge is not None
    assert [str(p) for p in problems] == [
        "kb/extra.yaml:7: bad-entry: warning: not reviewed since 2025-01-01 (over 12 months)"
    ]


def test_load_dir_raises_with_every_problem(tmp_path: Path) -> None:
    write_kb(tmp_path / "kb", {**TINY, "extra.yaml": _passage(source="nowhere", reviewed="bad")})
    with pytest.raises(KnowledgeError) as caught:
        load_dir(tmp_path / "kb", today=TODAY)
    assert len(caught.value.problems) == 2


def test_missing_folder(tmp_path: Path) -> None:
    _, problems = validate_dir(tmp_path / "absent")
    assert "knowledge folder not found" in str(problems[0])


def test_sentences_split_on_sentence_ends_only() -> None:
    text = "Esketamine (Spravato) was approved in 2019. It is used in clinics, e.g. in the U.S. too! Why?"
    assert count_sentences(text) == 3
    assert split_sentences("One 1.5 thing. Two.") == ["One 1.5 thing.", "Two."]


def test_the_shipped_knowledge_base_validates_cleanly() -> None:
    knowledge, problems = validate_dir(SHIPPED_KNOWLEDGE)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert errors == []
    assert knowledge is not None
    assert len(knowledge.passages) >= 20
