"""Shared fragments are cached until a write in their scope, in this process and in others."""

import pytest
from django.db import transaction
from django.utils import translation

from directory import caching, selectors
from directory.models import CacheGeneration
from tests.factories import GuidelinePageFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def counting(values: list[str]):
    """A compute function that returns the next value each call."""
    calls = iter(values)
    return lambda: next(calls)


def test_a_fragment_is_computed_once_until_its_scope_changes():
    compute = counting(["first", "second", "third"])
    assert caching.cached("people", [caching.DIRECTORY], compute) == "first"
    assert caching.cached("people", [caching.DIRECTORY], compute) == "first"
    caching.bump(caching.DIRECTORY)
    assert caching.cached("people", [caching.DIRECTORY], compute) == "second"


def test_a_write_in_another_scope_keeps_the_fragment():
    compute = counting(["first", "second"])
    caching.cached("people", [caching.DIRECTORY], compute)
    caching.bump(caching.CONTENT)
    assert caching.cached("people", [caching.DIRECTORY], compute) == "first"


def test_saving_a_person_invalidates_the_directory_scope():
    person = PersonFactory()
    compute = counting(["before", "after"])
    caching.cached("people", [caching.DIRECTORY], compute)
    person.title = "Skolkurator"
    person.save()
    assert caching.cached("people", [caching.DIRECTORY], compute) == "after"


def test_publishing_a_page_invalidates_the_content_scope():
    page = GuidelinePageFactory()
    compute = counting(["before", "after"])
    caching.cached("page", [caching.CONTENT], compute)
    page.save_revision().publish()
    assert caching.cached("page", [caching.CONTENT], compute) == "after"


def test_a_rolled_back_write_leaves_no_fragment_behind():
    compute = counting(["committed", "inside the rolled-back write", "after"])
    before = caching.cached("people", [caching.DIRECTORY], compute)
    with transaction.atomic():
        caching.bump(caching.DIRECTORY)
        caching.cached("people", [caching.DIRECTORY], compute)
        transaction.set_rollback(True)
    assert caching.cached("people", [caching.DIRECTORY], compute) == before
    caching.bump(caching.DIRECTORY)
    assert caching.cached("people", [caching.DIRECTORY], compute) == "after"


def test_another_process_s_write_is_seen_after_the_interval(monkeypatch):
    compute = counting(["before", "after"])
    caching.cached("people", [caching.DIRECTORY], compute)
    CacheGeneration.objects.update_or_create(
        scope=caching.DIRECTORY, defaults={"token": "written-by-another-worker"}
    )
    assert caching.cached("people", [caching.DIRECTORY], compute) == "before"
    monkeypatch.setattr(caching, "GENERATION_INTERVAL", 0)
    assert caching.cached("people", [caching.DIRECTORY], compute) == "after"


def test_each_language_has_its_own_fragment():
    compute = counting(["svenska", "english"])
    with translation.override("sv"):
        assert caching.cached("menu", [caching.CONTENT], compute) == "svenska"
    with translation.override("en"):
        assert caching.cached("menu", [caching.CONTENT], compute) == "english"


def test_a_memoized_value_is_shared_in_process_until_its_scope_changes():
    compute = counting([["first"], ["second"]])
    first = caching.memoized("tree", [caching.DIRECTORY], compute)
    assert caching.memoized("tree", [caching.DIRECTORY], compute) is first
    caching.bump(caching.DIRECTORY)
    assert caching.memoized("tree", [caching.DIRECTORY], compute) == ["second"]


def test_a_memoized_value_follows_another_process_s_write(monkeypatch):
    compute = counting(["before", "after"])
    caching.memoized("tree", [caching.DIRECTORY], compute)
    CacheGeneration.objects.update_or_create(
        scope=caching.DIRECTORY, defaults={"token": "written-by-another-worker"}
    )
    monkeypatch.setattr(caching, "GENERATION_INTERVAL", 0)
    assert caching.memoized("tree", [caching.DIRECTORY], compute) == "after"


def test_the_memoized_organisation_tree_follows_a_move():
    parent, child = OrganisationFactory(name="Kommunen"), OrganisationFactory(name="Skolan")
    assert child.pk not in selectors.shared_org_tree().descendant_ids(parent.pk)
    child.parent = parent
    child.save()
    assert child.pk in selectors.shared_org_tree().descendant_ids(parent.pk)
