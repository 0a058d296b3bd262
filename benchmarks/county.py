"""A county of eight municipalities cloned from the public collection (SPEC §5.2, `make bench`).

Lekeby is kept exactly as ../shared/eval has it (same ids, names and slugs); seven invented
municipalities get a copy of everything that is a municipality's own, with their own places and
people. The clones share Region Bergslagen and Polisområde Bergslagen with Lekeby. Deterministic:
no clock, no randomness, so the same source gives byte-identical output.

What is cloned, per municipality (what a real county looks like):
- the municipality's organisation tree (kommun, förvaltningar, units, schools, preschools), except
  Socialjouren Bergslagen, the joint on-call service Lekeby runs for its neighbours: it stays one;
- the region's and the police area's local units, those whose name names the municipality or one
  of its places (Närsjukvården X, Vårdcentralen …, BVC …, UMO, BUP-mottagningen X, Lokalpolisområde
  X, Kommunpolisen X, Ungdomsgruppen X); the region, the police area and their area-wide units (BUP
  Bergslagen, Utredningsgruppen brott mot barn, Barnahus) stay one, and so do the functions (one
  county-wide catalogue of roles);
- the people and contact points of every cloned organisation, with invented names, `.test`
  e-mails and the same fictional numbers (the ranges kept for fiction hold 500 numbers, too few
  for a county, so a clone keeps its original's number; a protected person's number is therefore
  shared only with their own clones, who stay protected too);
- the content owned by a cloned organisation: every municipality has its own routines
  (guidelines), its own agreements with the region and the police (directives, with their own
  diary numbers and replacement chain) and its own forums. The glossaries (one vocabulary for the
  county) and the region's and Barnahus's guidelines stay one.

Renaming: the municipality's name and every Lekeby place or proper name (Norrby, Fjällby, Kvarnby,
Solberga, Ekhaga, Tallbacken, the preschools Solrosen, Ugglan, Björken, Myran, the youth houses
Navet and Kvarnen) is replaced in names, addresses, areas, e-mails, web addresses and texts, so
Norrbyskolan becomes Västerbyskolan in Aspvik. Centralskolan keeps its name everywhere: many
Swedish municipalities have one, and the searcher's context has to tell them apart. Clone ids:
the municipality's code in front of the original id (`asp-p001`, `asp-reg-vc-aspvik`); Lekeby's
municipal ids (`lek-…`) get the code instead of `lek` (`asp-soc-utr`); page slugs get the
municipality's name at the end (`orosanmalan-skola-aspvik`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from portal.importers.front_matter import split

EVAL_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"

LEKEBY = "lek"
SHARED_MUNICIPAL_UNITS = frozenset({"lek-soc-jour"})
SHARED_CONTENT_TYPES = frozenset({"glossary"})

# Lekeby's proper names, in the order every municipality below gives its own.
LEKEBY_NAMES = (
    "Lekeby",
    "Norrby",
    "Fjällby",
    "Kvarnby",
    "Solberga",
    "Ekhaga",
    "Tallbacken",
    "Solrosen",
    "Ugglan",
    "Björken",
    "Myran",
    "Navet",
    "Kvarnen",
)
PLACE_NAMES = LEKEBY_NAMES[:7]


@dataclass(frozen=True)
class Municipality:
    """One municipality of the county: its import-id code and its proper names (LEKEBY_NAMES)."""

    code: str
    names: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.names[0]

    @property
    def slug(self) -> str:
        return fold(self.name.lower())


MUNICIPALITIES = (
    Municipality(LEKEBY, LEKEBY_NAMES),
    Municipality(
        "asp",
        (
            "Aspvik",
            "Västerby",
            "Hällby",
            "Mölnby",
            "Rosendal",
            "Lindhaga",
            "Granbacken",
            "Vitsippan",
            "Lärkan",
            "Rönnen",
            "Humlan",
            "Hubben",
            "Smedjan",
        ),
    ),
    Municipality(
        "bjo",
        (
            "Björnås",
            "Österby",
            "Bergsby",
            "Sågby",
            "Hagalund",
            "Askhaga",
            "Furubacken",
            "Blåklockan",
            "Tranan",
            "Aspen",
            "Ekorren",
            "Fyren",
            "Sågen",
        ),
    ),
    Municipality(
        "dal",
        (
            "Dalsjö",
            "Söderby",
            "Åsby",
            "Kyrkby",
            "Marielund",
            "Björkhaga",
            "Enbacken",
            "Maskrosen",
            "Svalan",
            "Linden",
            "Nyckelpigan",
            "Ankaret",
            "Logen",
        ),
    ),
    Municipality(
        "ekm",
        (
            "Ekmora",
            "Nyby",
            "Myrby",
            "Bruksby",
            "Solvik",
            "Almhaga",
            "Lönnbacken",
            "Prästkragen",
            "Kotten",
            "Hägern",
            "Trollsländan",
            "Kompassen",
            "Ladan",
        ),
    ),
    Municipality(
        "gra",
        (
            "Granholm",
            "Storby",
            "Sjöby",
            "Backby",
            "Ängsvik",
            "Rönnhaga",
            "Hasselbacken",
            "Vallmon",
            "Duvan",
            "Almen",
            "Fjärilen",
            "Porten",
            "Hyttan",
        ),
    ),
    Municipality(
        "hag",
        (
            "Hagnäs",
            "Lillby",
            "Kärrby",
            "Skogsby",
            "Bergalund",
            "Ormhaga",
            "Sandbacken",
            "Liljan",
            "Staren",
            "Pilen",
            "Snigeln",
            "Bryggan",
            "Dammen",
        ),
    ),
    Municipality(
        "lju",
        (
            "Ljungå",
            "Kullby",
            "Forsby",
            "Bäckby",
            "Ekudden",
            "Videhaga",
            "Lövbacken",
            "Klövern",
            "Måsen",
            "Granen",
            "Bävern",
            "Stationen",
            "Tornet",
        ),
    ),
)

GIVEN_NAMES = (
    "Agneta",
    "Alva",
    "Anton",
    "Arvid",
    "Astrid",
    "Bengt",
    "Birgitta",
    "Carl",
    "Dennis",
    "Ebba",
    "Edvin",
    "Elias",
    "Elsa",
    "Emelie",
    "Erik",
    "Felix",
    "Filip",
    "Gustav",
    "Hampus",
    "Hedvig",
    "Hugo",
    "Ines",
    "Isak",
    "Jakob",
    "Joel",
    "Julia",
    "Kerstin",
    "Klara",
    "Leo",
    "Lina",
    "Lisa",
    "Ludvig",
    "Lukas",
    "Maria",
    "Melvin",
    "Moa",
    "Mohammed",
    "Nadia",
    "Noah",
    "Olivia",
    "Olle",
    "Pernilla",
    "Rebecka",
    "Ronja",
    "Selma",
    "Stina",
    "Svea",
    "Teodor",
    "Tilda",
    "Ulf",
    "Vera",
    "Viktor",
    "Wilma",
    "Zainab",
)
FAMILY_NAMES = (
    "Abrahamsson",
    "Andersén",
    "Aronsson",
    "Backlund",
    "Blom",
    "Borg",
    "Dahl",
    "Ek",
    "Ekberg",
    "Falk",
    "Forsgren",
    "Granlund",
    "Gustavsson",
    "Hallberg",
    "Hedberg",
    "Holmqvist",
    "Hult",
    "Jonasson",
    "Karlberg",
    "Kjellberg",
    "Lind",
    "Lindahl",
    "Ljung",
    "Lundqvist",
    "Malm",
    "Moberg",
    "Norberg",
    "Nyberg",
    "Palm",
    "Petersson",
    "Rosén",
    "Sandell",
    "Schultz",
    "Selin",
    "Skoglund",
    "Stenberg",
    "Strand",
    "Söderlund",
    "Thorén",
    "Vallin",
    "Viklund",
    "Wahlberg",
    "Westerberg",
    "Åkesson",
    "Öhman",
    "Östlund",
)
NAME_STRIDE = 1009  # a prime: visiting every (k * stride) mod n mixes given and family names


def fold(text: str) -> str:
    """Text without diacritics (å → a, ö → o, č → c), as in e-mail addresses and ids."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def renamer(municipality: Municipality):
    """A function replacing Lekeby's proper names by the municipality's, in one pass.

    Capitalised names are replaced where a word starts (Norrbyskolan, Tallbackens; a genitive s
    after a name ending in s is dropped), and so are their lower-case and folded forms (e-mails,
    web addresses, ids).
    """
    table: dict[str, str] = {}
    patterns = []
    for old, new in zip(LEKEBY_NAMES, municipality.names, strict=True):
        table[old] = new
        table[f"{old}s"] = new if new.endswith("s") else f"{new}s"
        patterns += [rf"\b{re.escape(old)}", rf"\b{re.escape(old)}s\b"]
        for variant, replacement in ((old.lower(), new.lower()), (fold(old.lower()), None)):
            table[variant] = replacement or fold(new.lower())
            patterns.append(rf"\b{re.escape(variant)}")
    ordered = sorted(set(patterns), key=len, reverse=True)
    pattern = re.compile("|".join(ordered))
    return lambda text: pattern.sub(lambda match: table[match.group(0)], text)


@dataclass
class County:
    """The cloned bundle and content, and where each record belongs.

    `home[(kind, id)]`: the municipality code a record is for (None: shared by the county);
    `clones[(kind, id)]`: the other municipalities' copies of a Lekeby record.
    """

    bundle: dict
    content: dict[str, str]
    home: dict[tuple[str, str], str | None] = field(default_factory=dict)
    clones: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)

    def write(self, directory: Path) -> tuple[Path, Path]:
        """Write directory.json and content/*.md under `directory`; return both paths."""
        bundle_path = directory / "directory.json"
        content_dir = directory / "content"
        content_dir.mkdir(parents=True, exist_ok=True)
        bundle_path.write_text(
            json.dumps(self.bundle, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        for name, text in self.content.items():
            (content_dir / name).write_text(text, encoding="utf-8")
        return bundle_path, content_dir


def build_county(source: Path = EVAL_DIR, *, size: int = len(MUNICIPALITIES)) -> County:
    """Lekeby as published plus `size - 1` cloned municipalities sharing the region and police."""
    bundle = json.loads((source / "directory.json").read_text(encoding="utf-8"))
    content = {
        path.name: path.read_text(encoding="utf-8") for path in sorted(source.glob("content/*.md"))
    }
    organisations = {org["id"]: org for org in bundle["organisations"]}
    cloned = _cloned_organisations(organisations)
    county = County(
        bundle={name: list(records) for name, records in bundle.items()}, content=dict(content)
    )
    _record_homes(county, bundle, content, organisations, cloned)
    names = _name_source(bundle["people"])
    for municipality in MUNICIPALITIES[1:size]:
        clone = _Cloner(municipality, cloned, county, names)
        for section in ("organisations", "contact_points", "people"):
            for record in bundle[section]:
                if _organisation_of(section, record) in cloned:
                    county.bundle[section].append(clone.record(section, record))
        for text in content.values():
            data, body = split(text)
            if data.get("owner") in cloned and data["type"] not in SHARED_CONTENT_TYPES:
                file_name, clone_text = clone.page(data, body)
                county.content[file_name] = clone_text
    return county


def _cloned_organisations(organisations: dict[str, dict]) -> set[str]:
    """Lekeby's own tree (minus the joint units) and the local units of the region and police."""
    places = re.compile(r"\b(" + "|".join(PLACE_NAMES) + ")")
    cloned = set()
    for key, org in organisations.items():
        chain = _ancestors(key, organisations)
        if key in SHARED_MUNICIPAL_UNITS:
            continue
        if chain[-1] == LEKEBY or places.search(org["name"]):
            cloned.add(key)
    return cloned


def _ancestors(key: str, organisations: dict[str, dict]) -> list[str]:
    chain = [key]
    while organisations[chain[-1]].get("parent"):
        chain.append(organisations[chain[-1]]["parent"])
    return chain


def _organisation_of(section: str, record: dict) -> str:
    return record["id"] if section == "organisations" else record["organisation"]


def _record_homes(county, bundle, content, organisations, cloned) -> None:
    """Where Lekeby's and the shared records belong: Lekeby's own, or the whole county (None)."""

    def home_of(org_key: str) -> str | None:
        return (
            LEKEBY
            if org_key in cloned or _ancestors(org_key, organisations)[-1] == LEKEBY
            else None
        )

    kinds = {"organisations": "organisation", "contact_points": "contact_point", "people": "person"}
    for section, kind in kinds.items():
        for record in bundle[section]:
            county.home[(kind, record["id"])] = home_of(_organisation_of(section, record))
    for function in bundle["functions"]:
        county.home[("function", function["id"])] = None
    for text in content.values():
        data, _ = split(text)
        shared = data["type"] in SHARED_CONTENT_TYPES
        county.home[(data["type"], data["slug"])] = None if shared else home_of(data["owner"])


def _name_source(people: list[dict]):
    """A fixed sequence of invented full names that no original person has."""
    pairs = [(given, family) for given in GIVEN_NAMES for family in FAMILY_NAMES]
    pairs = [pairs[k * NAME_STRIDE % len(pairs)] for k in range(len(pairs))]
    taken = {(person["given_name"], person["family_name"]) for person in people}
    return iter([pair for pair in pairs if pair not in taken])


class _Cloner:
    """Copies Lekeby records into one municipality, recording the copies in the county."""

    def __init__(self, municipality: Municipality, cloned: set[str], county: County, names):
        self.municipality = municipality
        self.cloned = cloned
        self.county = county
        self.names = names
        self.rename = renamer(municipality)

    def key(self, key: str) -> str:
        """The clone's import id of a Lekeby organisation, person or contact point."""
        code = self.municipality.code
        if key == LEKEBY or key.startswith(f"{LEKEBY}-"):
            return code + self.rename(key[len(LEKEBY) :])
        return f"{code}-{self.rename(key)}"

    def organisation(self, key: str | None) -> str | None:
        return self.key(key) if key in self.cloned else key

    def remember(self, kind: str, original: str, copy: str) -> None:
        self.county.clones.setdefault((kind, original), []).append((kind, copy))
        self.county.home[(kind, copy)] = self.municipality.code

    def record(self, section: str, record: dict) -> dict:
        """The clone of one organisation, contact point or person."""
        copy = json.loads(self.rename(json.dumps(record, ensure_ascii=False)))
        copy["id"] = self.key(record["id"])
        if section == "organisations":
            copy["parent"] = self.organisation(record.get("parent"))
        else:
            copy["organisation"] = self.organisation(record["organisation"])
        if section == "people":
            self.rename_person(record, copy)
        kind = {"organisations": "organisation", "contact_points": "contact_point"}
        self.remember(kind.get(section, "person"), record["id"], copy["id"])
        return copy

    def rename_person(self, record: dict, copy: dict) -> None:
        given, family = next(self.names)
        user, domain = record["email"].split("@")
        if domain == "lekeby.test":
            domain = f"{self.municipality.slug}.test"
        copy["given_name"], copy["family_name"] = given, family
        copy["email"] = f"{fold(given.lower())}.{fold(family.lower())}@{domain}"
        copy["positions"] = [
            {**position, "organisation": self.organisation(original["organisation"])}
            for position, original in zip(copy["positions"], record["positions"], strict=True)
        ]

    def page(self, data: dict, body: str) -> tuple[str, str]:
        """The file name and text of the municipality's own copy of a content page."""
        copy = json.loads(self.rename(json.dumps(data, ensure_ascii=False)))
        copy["slug"] = self.slug(data["slug"])
        copy["owner"] = self.organisation(data["owner"])
        if "parties" in data:
            copy["parties"] = [self.organisation(party) for party in data["parties"]]
        if "replaces" in data:
            copy["replaces"] = self.slug(data["replaces"])
        if "diary_number" in data:
            copy["diary_number"] = self.diary_number(data["diary_number"])
        self.remember(data["type"], data["slug"], copy["slug"])
        front = yaml.safe_dump(copy, allow_unicode=True, sort_keys=False, width=10_000)
        return f"{copy['slug']}.md", f"---\n{front}---\n{self.rename(body)}"

    def slug(self, slug: str) -> str:
        return f"{slug}-{self.municipality.slug}"

    def diary_number(self, number: str) -> str:
        """Another registry's number: the same year, a serial shifted per municipality."""
        prefix, year, serial = re.fullmatch(r"(.*?)(\d{4})/(\d+)", number).groups()
        shift = 211 * MUNICIPALITIES.index(self.municipality)
        return f"{prefix}{year}/{int(serial) + shift:03d}"
