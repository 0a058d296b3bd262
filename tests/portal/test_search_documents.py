"""What the portal exposes to search: which municipalities a page is for (`serves`)."""

import pytest

from directory.models import Organisation
from search import registry
from tests.factories import GuidelinePageFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


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
