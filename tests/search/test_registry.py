"""The registry: apps declare what search indexes; search looks records up by their model."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page

from directory.models import Person, Position
from portal.models import GuidelinePage
from search import registry
from search.models import IndexedDocument, PendingIndexChange
from tests.factories import FunctionFactory, OrganisationFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db


def test_a_page_type_finds_the_registration_of_its_base_class():
    assert registry.searchable(GuidelinePage) is registry.searchable(Page)
    assert registry.searchable(Page).saves is False
    assert registry.uid_for(GuidelinePage(title="Rutin", slug="rutin")) == "guideline:rutin"


def test_a_model_nobody_registered_has_no_document_uid_or_dependents():
    group = Group.objects.create(name="Redaktörer")
    assert registry.searchable(group) is None
    assert registry.uid_for(group) is None
    assert registry.document_for(group) is None
    assert registry.dependents(group) == []


def test_a_position_has_no_document_of_its_own_but_reindexes_its_holder():
    position = PositionFactory(person=PersonFactory(key="p7"))
    assert registry.searchable(Position).build is None
    assert registry.uid_for(position) is None
    assert registry.dependents(position) == [Person.objects.get(key="p7")]


def test_every_app_adds_its_documents_to_a_rebuild():
    PositionFactory(person=PersonFactory(key="p8"))
    kinds = {document["kind"] for document in registry.all_documents()}
    assert {"person", "organisation", "function"} <= kinds
    assert registry.synonym_sources()


def test_facet_keys_get_the_names_their_app_registered():
    OrganisationFactory(key="lek", name="Lekeby kommun")
    FunctionFactory(key="kurator", name="Skolkurator")

    labels = registry.facet_labels(
        {"organisation": ["lek", "okand"], "audience": ["kurator"], "tag": ["kurator"]}
    )
    assert labels["organisation"] == {"lek": "Lekeby kommun"}
    assert labels["audience"] == {"kurator": "Skolkurator"}
    assert "tag" not in labels


def test_fields_that_name_the_same_records_share_one_lookup(django_assert_num_queries):
    FunctionFactory(key="kurator", name="Skolkurator")
    FunctionFactory(key="bvc", name="BVC-sjuksköterska")

    with django_assert_num_queries(1):
        labels = registry.facet_labels({"function": ["kurator"], "audience": ["bvc", "kurator"]})
    assert labels["function"] == {"kurator": "Skolkurator"}
    assert labels["audience"] == {"bvc": "BVC-sjuksköterska", "kurator": "Skolkurator"}


def test_only_models_that_concern_search_get_save_and_delete_receivers():
    assert {Person, Position} <= set(registry.watched_models())
    assert post_save.has_listeners(Person) and post_delete.has_listeners(Position)
    for model in (IndexedDocument, PendingIndexChange, Permission):
        assert not post_delete.has_listeners(model), f"{model} lost Django's fast delete"
