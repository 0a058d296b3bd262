"""Deterministic synthetic content (SPEC §4.2 Markdown with front matter) for the benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

TOPICS = [
    ("Orosanmälan", ["orosanmälan", "anmälningsplikt"]),
    ("Samordnad individuell plan", ["SIP", "samordning"]),
    ("Skolfrånvaro", ["skolfrånvaro", "närvaro"]),
    ("Våld i nära relationer", ["våld", "skydd"]),
    ("Elevhälsans arbete", ["elevhälsa", "EHT"]),
    ("Hedersrelaterat våld och förtryck", ["heder", "skydd"]),
    ("Barn som anhöriga", ["anhöriga", "missbruk"]),
    ("Psykisk ohälsa hos unga", ["psykisk ohälsa", "BUP"]),
    ("Tidiga samordnade insatser", ["TSI", "tidiga insatser"]),
    ("Informationsöverföring mellan förskola och skola", ["överlämning", "sekretess"]),
    ("Unga i riskmiljö", ["SSPF", "kriminalitet"]),
    ("Nätmobbning och kränkningar", ["kränkande behandling", "mobbning"]),
    ("Barn i familjehem", ["familjehem", "placering"]),
    ("Föräldrastöd", ["föräldraskap", "familjecentral"]),
    ("Suicidprevention för unga", ["suicid", "krisstöd"]),
    ("Barnets bästa i beslut", ["barnkonventionen", "barnrätt"]),
]
SETTINGS = [
    "i förskolan",
    "i grundskolan",
    "på gymnasiet",
    "på barnavårdscentralen",
    "inom socialtjänsten",
    "på fritidsgården",
    "för kuratorer",
    "för skolsköterskor",
    "efter kontorstid",
    "vid akut oro",
    "på ungdomsmottagningen",
    "i öppenvården",
]
SUBJECTS = [
    "Kuratorn",
    "Rektorn",
    "Skolsköterskan",
    "Socialsekreteraren",
    "BVC-sjuksköterskan",
    "Kommunpolisen",
    "Fritidsledaren",
    "Förskolläraren",
    "Elevhälsoteamet",
]
ACTIONS = [
    "kontaktar mottagningsgruppen samma dag",
    "dokumenterar barnets egna ord",
    "informerar vårdnadshavarna när det inte skadar barnet",
    "tar upp ärendet i elevhälsoteamet",
    "kallar till ett samordningsmöte",
    "ringer socialjouren efter kontorstid",
    "gör en orosanmälan skriftligt",
    "stämmer av med närmaste chef",
    "följer upp insatsen efter fyra veckor",
    "frågar barnet hur det vill bli delaktigt",
]
REASONS = [
    "så att barnet får stöd utan dröjsmål",
    "eftersom anmälningsplikten gäller alla som arbetar med barn",
    "för att ingen ska behöva berätta sin historia flera gånger",
    "så att ansvaret är tydligt mellan verksamheterna",
    "eftersom sekretessen inte hindrar en anmälan",
    "för att insatserna ska samordnas",
]
LAWS = [
    "14 kap. 1 § SoL",
    "10 kap. 2 § OSL",
    "10 kap. 28 § OSL",
    "2 kap. 25 § skollagen",
    "29 kap. 13 § skollagen",
    "5 kap. 1 § SoL",
    "25 kap. 12 § OSL",
]
BODIES = ["Socialnämnden", "Barn- och utbildningsnämnden", "Regionstyrelsen", "Styrgruppen"]
AGES = ["0-5", "6-12", "13-17", "18-20"]


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {rng.choice(REASONS)}."


def _body(rng: random.Random, topic: str) -> str:
    paragraphs = [
        "## Syfte",
        f"Rutinen beskriver hur vi arbetar med {topic.lower()}. "
        + " ".join(_sentence(rng) for _ in range(3)),
        "## Så här gör du",
        *(f"{step}. {_sentence(rng)}" for step in range(1, rng.randint(4, 7))),
        "## Ansvar och samverkan",
        " ".join(_sentence(rng) for _ in range(rng.randint(4, 8))),
        "## Lagstöd",
        f"Se {rng.choice(LAWS)} och {rng.choice(LAWS)}. " + _sentence(rng),
    ]
    return "\n\n".join(paragraphs) + "\n"


def _front_matter(fields: dict) -> str:
    lines = ["---"]
    for key, value in fields.items():
        if isinstance(value, list):
            value = "[" + ", ".join(f'"{item}"' for item in value) + "]"
        elif isinstance(value, str) and key not in ("valid_from", "review_by", "decided_on"):
            value = '"' + value.replace('"', "'") + '"'
        lines.append(f"{key}: {value}")
    return "\n".join([*lines, "---", ""])


def generate_content(
    directory: Path,
    *,
    pages: int,
    organisations: list[str],
    functions: list[str],
    seed: int = 1,
) -> list[str]:
    """Write `pages` guideline and directive files into `directory`; return their slugs."""
    rng = random.Random(seed)  # noqa: S311 - deterministic test data, not secrets
    directory.mkdir(parents=True, exist_ok=True)
    slugs = []
    for index in range(pages):
        topic, tags = TOPICS[index % len(TOPICS)]
        setting = SETTINGS[(index // len(TOPICS)) % len(SETTINGS)]
        directive = index % 4 == 3
        slug = f"{'direktiv' if directive else 'rutin'}-{index:05d}"
        year = 2019 + index % 6
        fields: dict = {
            "type": "directive" if directive else "guideline",
            "title": f"{'Direktiv: ' if directive else ''}{topic} {setting} ({index})",
            "slug": slug,
            "summary": f"{topic} {setting}: vem gör vad och när. {_sentence(rng)}",
            "owner": rng.choice(organisations),
            "contact_function": rng.choice(functions),
            "tags": tags,
            "audience": rng.sample(functions, min(2, len(functions))),
            "age_groups": rng.sample(AGES, 2),
            "valid_from": f"{year}-01-01",
            "review_by": f"{year + 2}-06-30",
        }
        if directive:
            fields |= {
                "diary_number": f"SN {year}/{100 + index}",
                "parties": rng.sample(organisations, min(2, len(organisations))),
                "decided_by": rng.choice(BODIES),
                "decided_on": f"{year - 1}-11-{10 + index % 18:02d}",
            }
        text = _front_matter(fields) + _body(rng, topic)
        (directory / f"{slug}.md").write_text(text, encoding="utf-8")
        slugs.append(slug)
    return slugs
