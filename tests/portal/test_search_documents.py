"""What the portal exposes to search: which municipalities a page is for (`serves`), in bulk."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from directory.models import Organisation
from directory.selectors import organisation_serves
from portal.pages.base import ContentPage
from portal.search_documents import PAGE_RELATIONS, page_document, page_documents
from search import registry
from search.backends.base import document_digest
from tests.factories import GuidelinePageFactory, OrganisationFactory

# Admin views and the content importer read and write Wagtail's reference and page search indexes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_indexes")]


def test_a_page_serves_what_its_owner_organisation_serves():
    lek = OrganisationFactory(key="lek", name="Lekeby kommun", kind=Organisation.Kind.MUNICIPALITY)
    region = OrganisationFactory(key="reg", name="Region Bergslagen", kind=Organisation.Kind.REGION)
    clinic = OrganisationFactory(key="reg-bvc", name="BVC Lekeby", parent=region)
    school = OrganisationFactory(key="lek-skola", name="Norrbyskolan", parent=lek)
    municipal = GuidelinePageFactory(owner_organisation=school)
    regional = GuidelinePageFactory(owner_organisation=clinic)
    region_wide = GuidelinePageFactory(owner_organisation=region)
    ownerless = GuidelinePageFactory()

    assert registry.document_for(municipal)["serves"] == ["lek"]
    assert registry.document_for(regional)["serves"] == ["lek"]
    assert registry.document_for(region_wide)["serves"] == []
    assert registry.document_for(ownerless)["serves"] == []
    rebuilt = {document["uid"]: document for document in registry.all_documents()}
    assert rebuilt[f"guideline:{regional.slug}"]["serves"] == ["lek"]


def test_the_batched_build_gives_each_page_the_document_of_its_own_build(
    shared_eval, django_assert_max_num_queries
):
    call_command("import_directory", str(shared_eval / "directory.json"), stdout=io.StringIO())
    call_command("import_content", str(shared_eval / "content"), stdout=io.StringIO())
    pages = list(Page.objects.type(ContentPage))
    serves = organisation_serves()
    one_by_one = {
        document["uid"]: document_digest(document)
        for page in pages
        if (document := page_document(Page.objects.get(pk=page.pk), serves))
    }
    with django_assert_max_num_queries(5 * len(PAGE_RELATIONS)):
        batched = list(page_documents(pages, serves))
    assert len(one_by_one) == len(pages) == 25
    assert {document["uid"]: document_digest(document) for document in batched} == one_by_one
