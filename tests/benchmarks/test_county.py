"""The county the relevance benchmark clones from the public collection (benchmarks/county.py)."""

import json
import re

import pytest

from benchmarks.county import EVAL_DIR, LEKEBY, LEKEBY_NAMES, MUNICIPALITIES, build_county
from directory.importers.bundle import validate
from directory.models import Organisation, Person
from directory.services import import_directory
from portal.importers.content import import_content
from portal.importers.front_matter import FRONT_MATTER, split
from portal.importers.front_matter import validate as validate_front_matter
from portal.pages.base import ContentPage
from portal.pages.content import DirectivePage

# The content importer writes Wagtail's reference and page search indexes.
pytestmark = pytest.mark.usefixtures("wagtail_indexes")

KINDS = {"organisations": "organisation", "contact_points": "contact_point", "people": "person"}


@pytest.fixture(scope="module")
def county():
    if not EVAL_DIR.exists():
        pytest.fail(f"{EVAL_DIR} is missing: ../shared must sit beside the checkout")
    return build_county()


@pytest.fixture(scope="module")
def public():
    return json.loads((EVAL_DIR / "directory.json").read_text(encoding="utf-8"))


def _records(county) -> dict[tuple[str, str], dict]:
    found = {
        (KINDS[section], record["id"]): record
        for section, records in county.bundle.items()
        if section in KINDS
        for record in records
    }
    for text in county.content.values():
        data, _ = split(text)
        found[(data["type"], data["slug"])] = data
    return found


def test_the_same_source_gives_byte_identical_output(county, tmp_path):
    again = build_county()
    county.write(tmp_path / "a")
    again.write(tmp_path / "b")

    written = sorted(path.relative_to(tmp_path / "a") for path in (tmp_path / "a").rglob("*.*"))
    assert len(written) == 1 + len(county.content)
    for path in written:
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes()
    assert again.home == county.home
    assert again.clones == county.clones


def test_the_bundle_passes_the_directory_import_validation(county):
    checked = validate(sections=county.bundle, known={}, existing_parents={})

    assert checked.problems == []
    assert checked.warnings == []
    assert len(checked.records["organisations"]) == len(county.bundle["organisations"])


def test_every_page_passes_the_content_import_validation(county):
    organisations = {org["id"]: n for n, org in enumerate(county.bundle["organisations"])}
    functions = {function["id"]: n for n, function in enumerate(county.bundle["functions"])}
    slugs = set()
    for name, text in county.content.items():
        data, _ = split(text)
        _, problems = validate_front_matter(
            FRONT_MATTER[data["type"]], data, organisations=organisations, functions=functions
        )
        assert problems == [], name
        assert name == f"{data['slug']}.md"
        slugs.add(data["slug"])
    replaced = {split(text)[0].get("replaces") for text in county.content.values()}
    assert replaced - {None} <= slugs
    assert len(slugs) == len(county.content)


def test_lekeby_is_kept_as_published(county, public):
    for section, records in public.items():
        assert county.bundle[section][: len(records)] == records
    for path in EVAL_DIR.glob("content/*.md"):
        assert county.content[path.name] == path.read_text(encoding="utf-8")


def test_each_other_municipality_has_one_copy_of_each_cloned_record(county):
    records = _records(county)
    codes = {municipality.code for municipality in MUNICIPALITIES[1:]}

    assert county.clones
    for original, copies in county.clones.items():
        assert county.home[original] == LEKEBY
        assert {county.home[copy] for copy in copies} == codes
        assert len(copies) == len(codes)
        assert all(copy in records for copy in copies)
    assert set(county.home) == set(records) | {
        ("function", function["id"]) for function in county.bundle["functions"]
    }


def test_region_and_police_wide_units_and_the_joint_on_call_service_stay_one(county):
    shared = {"reg", "reg-psyk", "polis", "polis-bmb", "barnahus", "lek-soc-jour"}
    local = {"reg-nara", "reg-vc-norrby", "reg-bup-lekeby", "polis-lpo", "polis-kommunpolis"}

    assert not {("organisation", key) for key in shared} & set(county.clones)
    assert {("organisation", key) for key in local} <= set(county.clones)
    assert ("glossary", "forkortningar") not in county.clones
    assert ("guideline", "orosanmalan-halso-sjukvard") not in county.clones
    assert ("guideline", "orosanmalan-skola") in county.clones


def test_clones_name_their_own_places_and_people(county, public):
    lekeby_words = re.compile(r"\b(" + "|".join(LEKEBY_NAMES) + r")|\blekeby\b", re.IGNORECASE)
    originals = {(person["given_name"], person["family_name"]) for person in public["people"]}
    records = _records(county)
    for copies in county.clones.values():
        for copy in copies:
            text = json.dumps(records[copy], ensure_ascii=False)
            assert not lekeby_words.search(text), copy
    for person in county.bundle["people"][len(public["people"]) :]:
        assert (person["given_name"], person["family_name"]) not in originals
        assert person["email"].endswith(".test")
    names = [(person["given_name"], person["family_name"]) for person in county.bundle["people"]]
    assert len(set(names)) == len(names)


def test_protected_people_stay_protected_and_keep_their_number_to_themselves(county):
    people = {person["id"]: person for person in county.bundle["people"]}
    protected_phones = set()
    for original, copies in county.clones.items():
        if original[0] == "person" and people[original[1]]["protected"]:
            assert all(people[copy[1]]["protected"] for copy in copies)
            protected_phones.add(people[original[1]]["phone"])

    assert protected_phones
    assert not any(
        person["phone"] in protected_phones for person in people.values() if not person["protected"]
    )


def test_every_query_expectation_is_a_lekeby_or_shared_record(county):
    queries = json.loads((EVAL_DIR / "queries.json").read_text(encoding="utf-8"))
    records = _records(county)
    for query in queries:
        for item in query["expect"]:
            pair = (item["kind"], item["id"])
            assert pair in records or item["kind"] == "function", pair
            assert county.home[pair] in (LEKEBY, None), pair


@pytest.mark.django_db
def test_a_small_county_imports_with_the_projects_importers(tmp_path):
    small = build_county(size=2)
    bundle_path, content_dir = small.write(tmp_path)

    import_directory(path=bundle_path, progress=False)
    import_content(directory=content_dir)

    cloned_people = [p for p in small.bundle["people"] if small.home[("person", p["id"])] == "asp"]
    assert Organisation.objects.current().count() == len(small.bundle["organisations"])
    assert ContentPage.objects.live().count() == len(small.content)
    assert Person.objects.visible().filter(key__startswith="asp-").count() == sum(
        1 for person in cloned_people if not person["protected"]
    )
    assert Organisation.objects.get(key="asp-skola-vasterby").parent.key == "asp-utb-grund"
    directive = DirectivePage.objects.get(slug="direktiv-informationsoverforing-2024-aspvik")
    assert directive.replaces.slug == "direktiv-informationsoverforing-2021-aspvik"
    assert directive.owner_organisation.key == "asp-soc"
