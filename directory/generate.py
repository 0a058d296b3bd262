"""A deterministic synthetic directory bundle (SPEC §4.1) for benchmarks and load tests.

Protected people (every 97th) get family names no visible person has, so a benchmark that finds
one of their names in a response has found a leak, not a namesake.
"""

import random

from directory.models import AGE_GROUPS

GIVEN = ["Anna", "Erik", "Sara", "Johan", "Maria", "Karl", "Elin", "Ali", "Noor", "Lars", "Ida"]
FAMILY = ["Andersson", "Berg", "Lind", "Holm", "Nilsson", "Ek", "Sjöberg", "Yilmaz", "Hassan"]
PROTECTED_FAMILY = ["Lejonhufvud", "Örnhjelm", "Silfversparre", "Gyllenstierna", "Rosenblad"]
EXPERTISE = ["NPF", "MI", "mobbning", "skolfrånvaro", "BBIC", "SIP", "våld i nära relationer"]
KINDS = ["administration", "department", "unit", "school", "preschool", "clinic"]
SECTORS = ["social", "school", "preschool", "health", "police", "leisure", "joint", "other"]


def generate_bundle(
    *, people: int, organisations: int, functions: int = 40, seed: int = 1
) -> dict[str, list[dict]]:
    """Return a bundle of the given size; the same arguments always give the same bundle."""
    rng = random.Random(seed)  # noqa: S311 - deterministic test data, not secrets
    orgs = [
        {"id": "gen-0", "name": "Genby kommun", "kind": "municipality", "parent": None},
    ]
    for index in range(1, organisations):
        parent = orgs[rng.randrange(max(1, index // 4 + 1))]["id"] if index > 1 else "gen-0"
        orgs.append(
            {
                "id": f"gen-{index}",
                "name": f"Enhet {index}",
                "kind": rng.choice(KINDS),
                "parent": parent,
                "phone": f"0980-{index:06d}",
                "email": f"enhet{index}@genby.test",
                "address": f"Storgatan {index}, 719 80 Genby",
            }
        )
    funcs = [
        {
            "id": f"fn-{index}",
            "name": f"Funktion {index}",
            "sector": SECTORS[index % len(SECTORS)],
            "synonyms": [f"funktion{index}"],
            "summary": f"Sammanfattning av funktion {index}.",
            "mandate": f"Uppdraget för funktion {index} beskrivs här.",
        }
        for index in range(functions)
    ]
    ages = [key for key, _label in AGE_GROUPS]
    persons = []
    for index in range(people):
        org = orgs[rng.randrange(len(orgs))]["id"]
        protected = index % 97 == 0
        persons.append(
            {
                "id": f"gp{index:06d}",
                "given_name": rng.choice(GIVEN),
                "family_name": rng.choice(PROTECTED_FAMILY if protected else FAMILY),
                "email": f"person{index}@genby.test",
                "phone": f"070-{index:07d}",
                "title": "Handläggare",
                "organisation": org,
                "protected": protected,
                "expertise": rng.sample(EXPERTISE, 2),
                "languages": ["sv"],
                "positions": [
                    {
                        "function": funcs[rng.randrange(functions)]["id"],
                        "organisation": org,
                        "area": f"Område {rng.randrange(100)}",
                        "age_groups": [rng.choice(ages)],
                    }
                ],
            }
        )
    points = [
        {
            "id": f"cp-{index}",
            "organisation": orgs[index]["id"],
            "name": f"Mottagning {index}",
            "phone": f"0980-{index:06d}",
            "hours": "Vardagar 08.00–16.30",
            "topics": ["mottagning"],
        }
        for index in range(0, organisations, 5)
    ]
    return {"organisations": orgs, "functions": funcs, "people": persons, "contact_points": points}
