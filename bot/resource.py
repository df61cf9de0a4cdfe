"""Support resources by region (knowledge/resources.yaml), and the region of a Telegram user.

Each region lists services with a `kind` (emergency, crisis, poison, drugs, health, directory)
and the source they were checked against. `show` says which kinds each redirect lists, in order,
and which an answer about dependence adds (`dependence`).
`Directory.pick(category, region)` takes each kind from the region, else from its `fallback`
chain (ie → eu → intl), so every reply names at least one real service.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from bot.models import CATEGORIES, DEPENDENCE, Problem, Resource
from bot.text import words
from bot.yamlfile import LineDict

REGIONS = ("us", "uk", "au", "ca", "nz", "ie", "eu", "intl")
KINDS = ("emergency", "crisis", "poison", "drugs", "health", "directory")
DEFAULT_REGION = "intl"
_TOP = {"show", "regions"}
_SHOWN = (*CATEGORIES, DEPENDENCE)  # the keys of `show`: every redirect, and dependence support
_REGION_FIELDS = {"id", "name", "emergency", "fallback", "aliases", "markers", "resources"}
_RESOURCE_FIELDS = {"name", "contact", "url", "kinds", "source", "note"}

# Telegram sends an IETF language tag (language_code), e.g. "en", "en-GB", "pt-br". A country in
# the tag decides; a bare language only when nearly everyone writing it lives in one region.
_COUNTRY = {"us": "us", "gb": "uk", "uk": "uk", "au": "au", "ca": "ca", "nz": "nz", "ie": "ie"}
_EU_COUNTRIES = frozenset(
    "at be bg hr cy cz dk ee fi fr de gr hu it lv lt lu mt nl pl pt ro sk si es se".split()
)
# Languages spoken almost only inside the EU (plus Irish → Ireland). Not en, es, pt, fr, ru:
# most of their speakers live elsewhere, so they stay international.
_EU_LANGUAGES = frozenset("bg cs da de el et fi hr hu it lt lv mt nl pl ro sk sl sv".split())


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    emergency: str  # what {emergency} in a reply text becomes: "911", "999 or 112"
    fallback: str | None
    resources: tuple[tuple[Resource, frozenset[str]], ...]
    # Words that name the region or one of its services in a question ("usa", "samaritans"):
    # its helpline passages are quoted to someone elsewhere only when the question names it.
    aliases: frozenset[str] = frozenset()
    # ...and further words that show a passage is about it, which would name it too often in a
    # question ("us", "fda"): a passage on the law names the country it is about.
    markers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Directory:
    """Support resources by region; empty when there is no resources.yaml."""

    regions: Mapping[str, Region] = field(default_factory=dict)
    show: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.regions)

    def _chain(self, region: str | None) -> list[Region]:
        chain: list[Region] = []
        current = self.regions.get(region or DEFAULT_REGION) or self.regions.get(DEFAULT_REGION)
        while current is not None and current not in chain:
            chain.append(current)
            current = self.regions.get(current.fallback) if current.fallback else None
        fallback = self.regions.get(DEFAULT_REGION)
        if fallback is not None and fallback not in chain:
            chain.append(fallback)
        return chain

    def pick(self, category: str, region: str | None) -> tuple[Resource, ...]:
        """The resources a redirect of `category` lists for `region`, in order, no repeats."""
        chain = self._chain(region)
        chosen: list[Resource] = []
        for kind in self.show.get(category, ()):
            for place in chain:
                found = [r for r, kinds in place.resources if kind in kinds]
                if found:
                    chosen.extend(r for r in found if r not in chosen)
                    break
        return tuple(chosen)

    def here(self, region: str | None) -> frozenset[str]:
        """`region` and where it falls back to (ie → eu → intl): whose services are local."""
        return frozenset(place.id for place in self._chain(region))

    def named(self, tokens: Iterable[str]) -> frozenset[str]:
        """The regions whose `aliases` (or name) are among the words `tokens`: "is samaritans
        free" names the UK, "helplines in australia" Australia, "poison control number" the US
        (an alias of several words is found as a phrase)."""
        found = list(tokens)
        single, text = frozenset(found), f" {' '.join(found)} "
        return frozenset(
            r.id
            for r in self.regions.values()
            if any(a in single if " " not in a else f" {a} " in text for a in r.aliases)
        )

    def mentions(self, region: str, tokens: Iterable[str]) -> bool:
        """Whether the words `tokens` (a passage's) name `region` (its aliases, name or
        `markers`): "Ketamine is a Schedule III drug in the US" is about the US."""
        place = self.regions.get(region)
        if place is None:
            return False
        found = list(tokens)
        single, text = frozenset(found), f" {' '.join(found)} "
        return any(
            a in single if " " not in a else f" {a} " in text for a in place.aliases | place.markers
        )

    def emergency_number(self, region: str | None) -> str:
        """How to reach emergency services in `region` ("911"), for reply texts."""
        for place in self._chain(region):
            if place.emergency:
                return place.emergency
        return "your local emergency number"


def region_from_language(code: str | None) -> str:
    """A region for a Telegram language_code: "en-GB" → uk, "de" → eu, "pt-BR" → intl.

    The country part decides when there is one (EU members → eu, others not listed → intl);
    a bare language maps to eu only for languages spoken almost only in the EU, and "ga"
    (Irish) to ie. Everything else, including bare "en", "es", "fr", "pt" and "ru", is intl.
    """
    if not code:
        return DEFAULT_REGION
    parts = code.strip().lower().replace("_", "-").split("-")
    language = parts[0]
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            if part in _COUNTRY:
                return _COUNTRY[part]
            return "eu" if part in _EU_COUNTRIES else DEFAULT_REGION
    if language == "ga":
        return "ie"
    return "eu" if language in _EU_LANGUAGES else DEFAULT_REGION


def parse_resources(
    doc: Any, file: str, source_ids: frozenset[str]
) -> tuple[Directory, list[Problem]]:
    """Validate and load resources.yaml; problems name file, line and entry."""
    problems: list[Problem] = []

    def problem(line: int, entry: str, message: str) -> None:
        problems.append(Problem(file, line, entry, message))

    top = getattr(doc, "line", 1)
    if not isinstance(doc, dict):
        problem(top, "-", "expected a mapping with `show:` and `regions:`")
        return Directory(), problems
    for key in sorted(set(doc) - _TOP):
        problem(top, "-", f"unknown top-level key `{key}` (allowed: regions, show)")
    show: dict[str, tuple[str, ...]] = {}
    raw_show = doc.get("show")
    if not isinstance(raw_show, dict):
        problem(top, "show", "`show` must map each category to a list of kinds")
        raw_show = {}
    for category in _SHOWN:
        kinds = raw_show.get(category)
        if not isinstance(kinds, list) or not kinds:
            problem(getattr(raw_show, "line", top), category, "`show` needs a list of kinds")
            continue
        bad = [k for k in kinds if k not in KINDS]
        if bad:
            problem(getattr(raw_show, "line", top), category, f"unknown kind(s): {bad}")
        show[category] = tuple(str(k) for k in kinds)
    for extra in sorted(set(raw_show) - set(_SHOWN)):
        problem(getattr(raw_show, "line", top), str(extra), "unknown category in `show`")

    regions: dict[str, Region] = {}
    raw_regions = doc.get("regions")
    if not isinstance(raw_regions, list):
        problem(top, "-", "missing `regions:` list")
        raw_regions = []
    for raw in raw_regions:
        region = _parse_region(raw, file, source_ids, problems)
        if region is None:
            continue
        if region.id in regions:
            problem(getattr(raw, "line", 0), region.id, "duplicate region")
        regions[region.id] = region
    for region in regions.values():
        if region.fallback is not None and region.fallback not in regions:
            problem(top, region.id, f"fallback {region.fallback!r} is not a region in this file")
    ids = {r.get("id") for r in raw_regions if isinstance(r, dict)}
    if raw_regions and DEFAULT_REGION not in ids:
        problem(top, DEFAULT_REGION, "the international fallback region `intl` is missing")
    if problems:
        return Directory(), problems
    return Directory(regions, show), problems


def _parse_region(
    raw: Any, file: str, source_ids: frozenset[str], problems: list[Problem]
) -> Region | None:
    if not isinstance(raw, LineDict):
        problems.append(Problem(file, 0, "?", "a region must be a mapping"))
        return None
    region_id = str(raw.get("id", "?"))
    before = len(problems)

    def problem(line: int, message: str, entry: str = region_id) -> None:
        problems.append(Problem(file, line, entry, message))

    for key in sorted(set(raw) - _REGION_FIELDS):
        problem(raw.line, f"unknown field `{key}`")
    if region_id not in REGIONS:
        problem(raw.line, f"unknown region (one of: {', '.join(REGIONS)})")
    emergency = raw.get("emergency")
    if not isinstance(emergency, str) or not emergency.strip():
        problem(raw.line, "`emergency` must say how to reach emergency services")
        emergency = ""
    fallback = raw.get("fallback")
    if fallback is not None and fallback not in REGIONS:
        problem(raw.line, f"unknown fallback {fallback!r}")
    resources: list[tuple[Resource, frozenset[str]]] = []
    entries = raw.get("resources")
    if not isinstance(entries, list) or not entries:
        problem(raw.line, "`resources` must list at least one service")
        entries = []
    for item in entries:
        if not isinstance(item, LineDict):
            problem(raw.line, "a resource must be a mapping")
            continue
        name = item.get("name")
        shown = name if isinstance(name, str) and name.strip() else "?"
        for key in sorted(set(item) - _RESOURCE_FIELDS):
            problem(item.line, f"unknown field `{key}`", shown)
        contact, url, source = item.get("contact"), item.get("url"), item.get("source")
        if shown == "?":
            problem(item.line, "missing `name`", shown)
        if not isinstance(contact, str) or not contact.strip():
            problem(item.line, "missing `contact` (how to reach it: call, text, chat)", shown)
        if url is not None and not _valid_url(url):
            problem(item.line, f"`url` {url!r} is not a valid http(s) address", shown)
        if not isinstance(source, str) or source not in source_ids:
            problem(item.line, f"`source` {source!r} is not an id in sources.yaml", shown)
        kinds = item.get("kinds")
        if not isinstance(kinds, list) or not kinds or any(k not in KINDS for k in kinds):
            problem(item.line, f"`kinds` must list some of: {', '.join(KINDS)}", shown)
            kinds = []
        if len(problems) == before:
            resource = Resource(" ".join(str(name).split()), " ".join(str(contact).split()), url)
            resources.append((resource, frozenset(str(k) for k in kinds)))
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        problem(raw.line, "`aliases` must list words that name the region or its services")
        aliases = []
    markers = raw.get("markers", [])
    if not isinstance(markers, list) or not all(isinstance(a, str) and a.strip() for a in markers):
        problem(raw.line, "`markers` must list words that show a passage is about the region")
        markers = []
    if len(problems) > before:
        return None
    name = str(raw.get("name", region_id))
    return Region(
        region_id,
        name,
        " ".join(str(emergency).split()),
        str(fallback) if fallback else None,
        tuple(resources),
        frozenset(" ".join(words(a)) for a in aliases) | frozenset(words(name)) - _COMMON,
        frozenset(" ".join(words(a)) for a in markers),
    )


# Words of a region's name that name nothing on their own ("united", "new").
_COMMON = frozenset({"united", "new", "states", "kingdom", "european", "union", "international"})


def _valid_url(url: Any) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and "." in parts.netloc and " " not in url
