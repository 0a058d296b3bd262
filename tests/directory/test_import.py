"""The directory import (SPEC §4.1): upsert, idempotence, prune, CSV, and every bad input."""

import copy
import json
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from directory import services
from directory.models import ContactPoint, Function, Organisation, Person, Position
from directory.services import DirectoryImportError, import_directory
from search import indexing, service
from search.params import SearchParams

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]

BUNDLE = {
    "organisations": [
        {"id": "lek", "name": "Lekeby kommun", "kind": "municipality", "parent": None},
        {"id": "lek-soc", "name": "Socialförvaltningen", "kind": "administration", "parent": "lek"},
        {"id": "lek-skola", "name": "Fjällby skola", "kind": "school", "parent": "lek"},
    ],
    "functions": [
        {"id": "kurator", "name": "Skolkurator", "sector": "school", "synonyms": ["kurator"]},
    ],
    "people": [
        {
            "id": "p1",
            "given_name": "Camilla",
            "family_name": "Wallin",
            "email": "camilla.wallin@lekeby.test",
            "phone": "070-174 06 05",
            "organisation": "lek-skola",
            "protected": False,
            "expertise": ["MI", "mobbning"],
            "languages": ["sv", "ar"],
            "positions": [
                {
                    "function": "kurator",
                    "organisation": "lek-skola",
                    "area": "Fjällby skola",
                    "age_groups": ["6-12"],
                }
            ],
        },
        {
            "id": "p2",
            "given_name": "Hemlig",
            "family_name": "Skyddadsson",
            "email": "hemlig.skyddadsson@lekeby.test",
            "phone": "070-174 99 99",
            "organisation": "lek-skola",
            "protected": True,
            "positions": [{"function": "kurator", "organisation": "lek-skola"}],
        },
    ],
    "contact_points": [
        {"id": "socjour", "organisation": "lek-soc", "name": "Socialjouren", "phone": "0980-1"},
    ],
}


def write(tmp_path, data, name="bundle.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return str(path)


def counts(result) -> dict:
    return {section: dict(value) for section, value in result.counts.items()}


def snapshot() -> list:
    return [
        list(model.objects.order_by("pk").values())
        for model in (Organisation, Function, Person, Position, ContactPoint)
    ]


def test_import_creates_everything_and_links_it(tmp_path):
    result = import_directory(path=write(tmp_path, BUNDLE))

    assert counts(result)["people"] == {"created": 2, "updated": 0, "unchanged": 0, "retired": 0}
    person = Person.objects.get(key="p1")
    assert person.organisation.key == "lek-skola"
    assert person.languages == ["sv", "ar"]
    assert sorted(tag.name for tag in person.expertise.all()) == ["MI", "mobbning"]
    position = person.positions.get()
    assert (position.function.key, position.area, position.age_groups) == (
        "kurator",
        "Fjällby skola",
        ["6-12"],
    )
    assert Organisation.objects.get(key="lek-soc").parent.key == "lek"
    assert Person.objects.get(key="p2").protected is True
    assert ContactPoint.objects.get(key="socjour").organisation.key == "lek-soc"


def test_second_import_reports_everything_unchanged_and_rewrites_nothing(tmp_path):
    path = write(tmp_path, BUNDLE)
    import_directory(path=path)
    before = snapshot()

    result = import_directory(path=path)

    assert all(c["unchanged"] == len(BUNDLE[s]) for s, c in counts(result).items())
    assert all(c["created"] + c["updated"] + c["retired"] == 0 for c in counts(result).values())
    assert snapshot() == before


def test_changes_are_counted_as_updates(tmp_path):
    import_directory(path=write(tmp_path, BUNDLE))
    changed = copy.deepcopy(BUNDLE)
    changed["people"][0]["phone"] = "070-174 06 06"
    changed["people"][1]["positions"][0]["area"] = "Hela skolan"
    changed["organisations"][2]["parent"] = "lek-soc"
    changed["functions"][0]["expertise_typo"] = "ignored"

    result = import_directory(path=write(tmp_path, changed))

    assert counts(result)["people"]["updated"] == 2
    assert counts(result)["organisations"]["updated"] == 1
    assert Person.objects.get(key="p1").phone == "070-174 06 06"
    assert Position.objects.get(person__key="p2").area == "Hela skolan"
    assert Organisation.objects.get(key="lek-skola").parent.key == "lek-soc"
    assert any("expertise_typo" in warning for warning in result.warnings)


def test_prune_retires_records_missing_from_a_full_bundle(tmp_path):
    import_directory(path=write(tmp_path, BUNDLE))
    smaller = copy.deepcopy(BUNDLE)
    smaller["people"] = smaller["people"][:1]
    smaller["contact_points"] = []

    kept = import_directory(path=write(tmp_path, smaller))
    assert counts(kept)["people"]["retired"] == 0
    result = import_directory(path=write(tmp_path, smaller), prune=True)

    assert counts(result)["people"]["retired"] == 1
    assert counts(result)["contact_points"]["retired"] == 1
    assert Person.objects.get(key="p2").retired_at is not None
    assert ContactPoint.objects.get(key="socjour").retired_at is not None
    again = import_directory(path=write(tmp_path, BUNDLE))
    assert counts(again)["people"]["updated"] == 1
    assert Person.objects.get(key="p2").retired_at is None


def test_dry_run_counts_but_writes_nothing(tmp_path):
    result = import_directory(path=write(tmp_path, BUNDLE), dry_run=True)

    assert counts(result)["people"]["created"] == 2
    assert Person.objects.count() == 0
    assert Organisation.objects.count() == 0


def test_csv_people_with_positions(tmp_path):
    import_directory(path=write(tmp_path, BUNDLE))
    csv_text = (
        "id,given_name,family_name,email,phone,title,organisation,protected,expertise,languages,positions\n"
        "p9,Ali,Hassan,ali.hassan@lekeby.test,070-1,Kurator,lek-skola,false,NPF;MI,sv;so,"
        "kurator:lek-skola;kurator:lek-soc\n"
    )

    result = import_directory(path=write(tmp_path, csv_text, "people.csv"))

    assert counts(result) == {"people": {"created": 1, "updated": 0, "unchanged": 0, "retired": 0}}
    person = Person.objects.get(key="p9")
    assert person.languages == ["sv", "so"]
    assert sorted(p.organisation.key for p in person.positions.all()) == ["lek-skola", "lek-soc"]


def test_index_is_told_about_each_created_record(tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(indexing, "record_changed", lambda instance: seen.append(instance.key))

    import_directory(path=write(tmp_path, BUNDLE))
    assert set(seen) == {record["id"] for section in BUNDLE.values() for record in section}
    seen.clear()
    import_directory(path=write(tmp_path, BUNDLE))
    assert seen == []


def test_command_prints_counts(tmp_path, capsys):
    call_command("import_directory", write(tmp_path, BUNDLE))

    out = capsys.readouterr().out
    assert "people: 2 created, 0 updated, 0 unchanged, 0 retired" in out


def test_import_logs_no_personal_data_of_protected_people(tmp_path, caplog):
    broken = copy.deepcopy(BUNDLE)
    broken["people"][1]["email"] = "not-an-address"
    with caplog.at_level(logging.DEBUG):
        import_directory(path=write(tmp_path, BUNDLE))
        with pytest.raises(DirectoryImportError) as error:
            import_directory(path=write(tmp_path, broken))

    text = caplog.text + " ".join(str(problem) for problem in error.value.problems)
    assert caplog.records
    for secret in (
        "Hemlig",
        "Skyddadsson",
        "hemlig.skyddadsson",
        "070-174 99 99",
        "not-an-address",
    ):
        assert secret not in text


def test_shared_bundle_imports_twice_to_the_same_state(shared_eval):
    path = shared_eval / "directory.json"
    first = import_directory(path=path)
    before = snapshot()
    second = import_directory(path=path)

    assert counts(first)["people"]["created"] == 150
    assert all(c["created"] + c["updated"] + c["retired"] == 0 for c in counts(second).values())
    assert snapshot() == before
    assert Person.objects.filter(protected=True).count() == 5


# Bad input: non-zero exit, every error with record id and field, database unchanged.


def bad(**changes) -> dict:
    data = copy.deepcopy(BUNDLE)
    for section, edit in changes.items():
        edit(data[section])
    return data


BAD_CASES = {
    "unknown organisation": (
        bad(people=lambda people: people[0].update(organisation="nowhere")),
        ["people[p1].organisation: unknown organisation 'nowhere'"],
    ),
    "unknown function in position": (
        bad(people=lambda people: people[0]["positions"][0].update(function="nope")),
        ["people[p1].positions[0].function: unknown function 'nope'"],
    ),
    "duplicate ids": (
        bad(functions=lambda functions: functions.append(dict(functions[0]))),
        ["functions[kurator].id: duplicate id"],
    ),
    "cycle": (
        bad(organisations=lambda orgs: orgs[0].update(parent="lek-skola")),
        ["organisations[lek].parent: the organisation tree has a cycle"],
    ),
    "missing required fields": (
        bad(
            people=lambda people: people[0].pop("family_name"),
            organisations=lambda orgs: orgs[1].pop("name"),
        ),
        ["people[p1].family_name: is required", "organisations[lek-soc].name: is required"],
    ),
    "wrong types": (
        bad(
            people=lambda people: people[0].update(protected="yes", languages="sv"),
            contact_points=lambda points: points[0].update(name=42),
        ),
        [
            "people[p1].protected: must be true or false",
            "people[p1].languages: must be a list of strings",
            "contact_points[socjour].name: must be a string",
        ],
    ),
    "unknown kind": (
        bad(organisations=lambda orgs: orgs[2].update(kind="castle")),
        ["organisations[lek-skola].kind: unknown value"],
    ),
    "bad age group and e-mail": (
        bad(
            people=lambda people: (
                people[0].update(email="nope")
                or people[0]["positions"][0].update(age_groups=["99"])
            )
        ),
        [
            "people[p1].email: is not a valid e-mail address",
            "people[p1].positions[0].age_groups: age groups must be among",
        ],
    ),
    "NUL bytes": (
        bad(
            people=lambda people: people[0].update(title="Kur\x00ator", expertise=["M\x00I"]),
        ),
        [
            "people[p1].title: contains a NUL character",
            "people[p1].expertise: contains a NUL character",
        ],
    ),
    "a number with 100,000 digits": (
        json.dumps(BUNDLE).replace('"070-174 06 05"', "7" * 100_000),
        ["people[p1].phone: is a number with more than 18 digits"],
    ),
    "phone with letters": (
        bad(contact_points=lambda points: points[0].update(phone="ring växeln")),
        ["contact_points[socjour].phone: must be a phone number: digits, spaces, +, -"],
    ),
    "unknown language": (
        bad(people=lambda people: people[0].update(languages=["sv", "svenska"])),
        ["people[p1].languages: unknown language code svenska"],
    ),
    "overlong mandate": (
        bad(functions=lambda functions: functions[0].update(mandate="a " * 500_001)),
        ["functions[kurator].mandate: must be at most 1000000 characters"],
    ),
    "malformed JSON": ('{"organisations": [', ["file: malformed JSON at line 1"]),
    "not a bundle": ("[1, 2]", ["file: must be a JSON object"]),
}


@pytest.mark.parametrize("case", BAD_CASES, ids=list(BAD_CASES))
def test_bad_input_fails_with_every_error_and_changes_nothing(tmp_path, capsys, case):
    import_directory(path=write(tmp_path, BUNDLE, "good.json"))
    before = snapshot()
    data, expected = BAD_CASES[case]

    with pytest.raises(CommandError):
        call_command("import_directory", write(tmp_path, data))

    err = capsys.readouterr().err
    for message in expected:
        assert message in err
    assert snapshot() == before


def test_malformed_csv_fails(tmp_path, capsys):
    path = write(tmp_path, 'id,given_name\np1,"unterminated\n', "people.csv")

    with pytest.raises(CommandError):
        call_command("import_directory", path)

    assert "malformed CSV" in capsys.readouterr().err
    assert Person.objects.count() == 0


def test_csv_with_bad_position_and_unknown_reference(tmp_path, capsys):
    import_directory(path=write(tmp_path, BUNDLE))
    before = snapshot()
    csv_text = (
        "id,given_name,family_name,organisation,positions\n"
        "p9,Ali,Hassan,lek-skola,kurator\n"
        "p10,Sara,Berg,ingenstans,kurator:lek-skola\n"
    )

    with pytest.raises(CommandError):
        call_command("import_directory", write(tmp_path, csv_text, "people.csv"))

    err = capsys.readouterr().err
    assert "people[p9].positions[0]: must be an object" in err
    assert "people[p10].organisation: unknown organisation 'ingenstans'" in err
    assert snapshot() == before


def test_oversized_file_is_refused(tmp_path, settings, capsys):
    settings.IMPORT_MAX_BYTES = 100

    with pytest.raises(CommandError):
        call_command("import_directory", write(tmp_path, BUNDLE))

    assert "larger than the limit 100" in capsys.readouterr().err
    assert Organisation.objects.count() == 0


def test_missing_file_is_an_error_not_a_crash(tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command("import_directory", str(tmp_path / "missing.json"))

    assert "cannot read" in capsys.readouterr().err


def test_references_must_be_in_the_bundle_when_pruning(tmp_path):
    import_directory(path=write(tmp_path, BUNDLE))
    partial = copy.deepcopy(BUNDLE)
    partial["organisations"] = partial["organisations"][:2]

    with pytest.raises(DirectoryImportError) as error:
        import_directory(path=write(tmp_path, partial), prune=True)

    assert "people[p1].organisation: unknown organisation 'lek-skola'" in {
        str(problem) for problem in error.value.problems
    }


def test_imported_functions_get_a_published_revision_per_change(tmp_path):
    import_directory(path=write(tmp_path, BUNDLE))
    changed = copy.deepcopy(BUNDLE)
    changed["functions"][0]["mandate"] = "Nytt uppdrag."

    import_directory(path=write(tmp_path, changed))
    import_directory(path=write(tmp_path, changed))

    function = Function.objects.get(key="kurator")
    assert function.revisions.count() == 2
    assert function.get_latest_revision_as_object().mandate == "Nytt uppdrag."
    assert function.live and not function.has_unpublished_changes


@pytest.mark.parametrize("kind", ["device", "fifo", "directory"])
def test_only_regular_files_are_read(tmp_path, capsys, kind):
    target = {"device": "/dev/zero", "fifo": str(tmp_path / "pipe.json"), "directory": "/"}[kind]
    if kind == "fifo":
        os.mkfifo(target)

    with pytest.raises(CommandError, match="1 error"):
        call_command("import_directory", target)

    assert (
        capsys.readouterr().err
        == "error: file: is not a regular file (a directory, device or pipe)\n"
    )


def test_dev_zero_ends_with_one_line_and_exit_code_1(tmp_path):
    done = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", "import_directory", "/dev/zero"],
        cwd=Path(__file__).resolve().parent.parent.parent,
        env={**os.environ, "VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        "error: file: is not a regular file (a directory, device or pipe)",
        "CommandError: 1 error(s); nothing was changed.",
    ]


def test_semicolon_csv_from_swedish_excel_with_a_bom(tmp_path):
    import_directory(path=write(tmp_path, BUNDLE))
    csv_text = (
        "\ufeffid;given_name;family_name;organisation;expertise;languages;positions\r\n"
        'p9;Ali;Hassan;lek-skola;"NPF;MI";sv;"kurator:lek-skola;kurator:lek-soc"\r\n'
    )

    result = import_directory(path=write(tmp_path, csv_text, "people.csv"))

    assert counts(result)["people"]["created"] == 1
    person = Person.objects.get(key="p9")
    assert (person.given_name, person.family_name) == ("Ali", "Hassan")
    assert sorted(tag.name for tag in person.expertise.all()) == ["MI", "NPF"]
    assert person.positions.count() == 2


def test_a_second_import_waits_a_bounded_time_then_stops_with_one_line(tmp_path, settings):
    settings.IMPORT_LOCK_WAIT = 0.3
    holding, release = threading.Event(), threading.Event()

    def first_import():
        try:
            with services._exclusive_import(wait=5):
                holding.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=first_import)
    thread.start()
    try:
        assert holding.wait(10)
        with pytest.raises(CommandError) as error:
            call_command("import_directory", write(tmp_path, BUNDLE))
    finally:
        release.set()
        thread.join()

    assert str(error.value) == (
        "another directory import is still running after 0.3 s; nothing was changed, "
        "try again when it has finished"
    )
    assert Person.objects.count() == 0
    import_directory(path=write(tmp_path, BUNDLE))
    assert Person.objects.count() == 2


def test_a_million_character_word_in_a_mandate_imports_in_linear_time(tmp_path):
    long_word = copy.deepcopy(BUNDLE)
    long_word["functions"][0]["mandate"] = "skola" * 200_000
    long_word["functions"][0]["summary"] = "Elevhälsa i skolan."
    started = time.monotonic()

    import_directory(path=write(tmp_path, long_word))

    assert time.monotonic() - started < 5
    assert "kurator" in {
        result.id for result in service.search(SearchParams(q="elevhälsa")).results
    }


def test_import_keeps_the_last_verified_date_the_bundle_carries(tmp_path):
    bundle = copy.deepcopy(BUNDLE)
    bundle["people"][0]["last_verified"] = "2025-03-14"
    import_directory(path=write(tmp_path, bundle))
    assert str(Person.objects.get(key="p1").last_verified) == "2025-03-14"
    assert Person.objects.get(key="p2").last_verified is None

    for carried in (None, ""):
        bundle["people"][0]["last_verified"] = carried
        result = import_directory(path=write(tmp_path, bundle))
        assert counts(result)["people"]["updated"] == 0
        assert str(Person.objects.get(key="p1").last_verified) == "2025-03-14"
    del bundle["people"][0]["last_verified"]
    import_directory(path=write(tmp_path, bundle))
    assert str(Person.objects.get(key="p1").last_verified) == "2025-03-14"

    bundle["people"][0]["last_verified"] = "2026-01-02"
    result = import_directory(path=write(tmp_path, bundle))
    assert counts(result)["people"]["updated"] == 1
    assert str(Person.objects.get(key="p1").last_verified) == "2026-01-02"


def test_import_refuses_a_last_verified_that_is_no_date(tmp_path):
    bundle = copy.deepcopy(BUNDLE)
    bundle["people"][0]["last_verified"] = "i fjol"
    with pytest.raises(DirectoryImportError) as error:
        import_directory(path=write(tmp_path, bundle))
    problems = [str(problem) for problem in error.value.problems]
    assert any("last_verified" in problem and "YYYY-MM-DD" in problem for problem in problems)
    assert not Person.objects.exists()


def test_import_sets_a_functions_owner_and_refuses_an_unknown_one(tmp_path):
    bundle = copy.deepcopy(BUNDLE)
    bundle["functions"][0]["owner"] = "lek-skola"
    import_directory(path=write(tmp_path, bundle))
    assert Function.objects.get(key="kurator").owner_organisation.key == "lek-skola"
    del bundle["functions"][0]["owner"]
    result = import_directory(path=write(tmp_path, bundle))
    assert counts(result)["functions"]["unchanged"] == 1
    assert Function.objects.get(key="kurator").owner_organisation.key == "lek-skola"

    bundle["functions"][0]["owner"] = "ingen-sadan"
    with pytest.raises(DirectoryImportError) as error:
        import_directory(path=write(tmp_path, bundle))
    assert any("owner" in str(problem) for problem in error.value.problems)
    assert Function.objects.get(key="kurator").owner_organisation.key == "lek-skola"
