"""Shared fixtures: a tiny knowledge folder, the shipped one, and an environment free of .env."""

from __future__ import annotations

import os
import platform
import textwrap
from pathlib import Path


def _has_avx2() -> bool:
    try:
        return "avx2" in Path("/proc/cpuinfo").read_text(encoding="utf-8").split()
    except OSError:
        return False


# The shipped backstop was fitted with OpenBLAS's Haswell kernels (the Makefile's `backstop`
# target pins them). On another x86 CPU OpenBLAS picks others (Zen on an AMD EPYC), which sum in
# another order: refitted there, the model differed from the shipped one by 5.5e-4, so
# test_backstop's check that it is up to date failed. Pinned before numpy loads, where the CPU
# has the instructions those kernels need.
if platform.machine() in {"x86_64", "AMD64"} and _has_avx2():
    os.environ.setdefault("OPENBLAS_CORETYPE", "Haswell")

import pytest  # noqa: E402

from bot.config import SHIPPED_KNOWLEDGE, VARIABLES  # noqa: E402
from bot.core import Engine  # noqa: E402
from bot.knowledge import load_dir  # noqa: E402

TINY = {
    "sources.yaml": """
        sources:
          - id: gov-penalties
            title: Drugs penalties
            publisher: GOV.UK
            date: n.d.
            url: https://www.gov.uk/penalties-drug-possession-dealing
          - id: fda-spravato
            title: FDA approves new nasal spray medication for treatment-resistant depression
            publisher: US Food and Drug Administration
            date: "2019-03-05"
            url: https://www.fda.gov/news-events/press-announcements/fda-approves-new-nasal-spray
          - id: bladder-review
            title: What urologists need to know about ketamine-induced uropathy
            publisher: Neurourology and Urodynamics
            date: "2020-04"
            url: https://www.pubmed.gov/32212278/
          - id: tga-spravato
            title: "Australian prescription medicine decision summary: Spravato"
            publisher: Therapeutic Goods Administration
            date: "2021-03-17"
            url: https://www.tga.gov.au/apm-summary/spravato
          - id: seed-article
            title: "The Ketamine Question: Miracle Cure or Dangerous Illusion?"
            publisher: Online article
            date: "2025-06-11"
        """,
    "topics.yaml": """
        topics:
          - {id: law, label: Law and legal status, example: "Is ketamine legal in the UK?"}
          - {id: esketamine, label: Esketamine (Spravato), example: "What is Spravato?"}
          - {id: long-term-harms, label: Long-term harms, example: "Does ketamine damage the bladder?"}
          - {id: basics, label: What ketamine is, example: "What is ketamine?"}
        """,
    "synonyms.yaml": """
        synonyms:
          - canonical: ketamine
            variants: [special k, ket, k]
          - canonical: urinary
            variants: [pee, wee]
          - canonical: esketamine
            variants: [spravato]
          - canonical: prison
            variants: [jail]
        """,
    "law.yaml": """
        passages:
          - id: uk-class-b
            topic: law
            text: >-
              In the UK, ketamine is a Class B drug. Possession can lead to up to 5 years in
              prison, an unlimited fine or both.
            source: gov-penalties
            reviewed: 2026-11-01
            region: uk
            keywords: [legal, illegal]
          - id: au-schedule-8
            topic: law
            text: >-
              In Australia, esketamine is a Schedule 8 controlled medicine, approved by the
              Therapeutic Goods Administration in March 2021.
            source: tga-spravato
            reviewed: 2026-11-01
            region: au
            keywords: [legal, australian]
        """,
    "esketamine.yaml": """
        passages:
          - id: spravato-approval
            topic: esketamine
            text: >-
              Esketamine (Spravato) is a nasal spray approved by the FDA in March 2019 for
              treatment-resistant depression. It is used only in certified clinics, under
              supervision.
            source: fda-spravato
            reviewed: 2026-11-01
        """,
    "long-term-harms.yaml": """
        passages:
          - id: bladder-damage
            topic: long-term-harms
            text: >-
              Heavy, long-term ketamine use can damage the bladder, a condition called ketamine
              cystitis. It causes pain and a frequent, urgent need to pass urine. Stopping
              ketamine is the first step of treatment.
            source: bladder-review
            reviewed: 2026-11-01
            keywords: [bladder, cystitis]
          - id: what-is-ketamine
            topic: basics
            text: >-
              Ketamine is a dissociative anaesthetic first made in the 1960s.
            source: seed-article
            reviewed: 2026-11-01
        """,
}


def write_kb(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never see a developer's environment or .env file."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def tiny_kb_dir(tmp_path: Path) -> Path:
    return write_kb(tmp_path / "kb", TINY)


@pytest.fixture
def tiny_engine(tiny_kb_dir: Path) -> Engine:
    return Engine(load_dir(tiny_kb_dir))


@pytest.fixture(scope="session")
def shipped_engine() -> Engine:
    return Engine(load_dir(SHIPPED_KNOWLEDGE))
