"""The synthetic bundle generator used by benchmarks."""

import json

import pytest
from django.core.management import call_command

from directory.generate import generate_bundle
from directory.models import Person
from directory.services import import_directory


def test_generated_bundle_is_deterministic():
    assert generate_bundle(people=50, organisations=10) == generate_bundle(
        people=50, organisations=10
    )
    assert generate_bundle(people=50, organisations=10, seed=2) != generate_bundle(
        people=50, organisations=10
    )


@pytest.mark.django_db
def test_generated_bundle_imports_cleanly(tmp_path):
    path = tmp_path / "gen.json"
    call_command("generate_directory", str(path), people=120, organisations=12, functions=5)

    result = import_directory(path=path)

    assert result.counts["people"]["created"] == 120
    assert Person.objects.filter(protected=True).count() == 2
    assert len(json.loads(path.read_text())["organisations"]) == 12


def test_no_visible_person_shares_a_protected_persons_family_name():
    people = generate_bundle(people=400, organisations=10)["people"]

    protected = {person["family_name"] for person in people if person["protected"]}
    visible = {person["family_name"] for person in people if not person["protected"]}

    assert protected
    assert not protected & visible
