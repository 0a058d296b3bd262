"""Which municipalities a directory record is for (`serves`, SPEC §5.3), from the organisation tree."""

import pytest

from directory.models import Organisation
from directory.selectors import MunicipalityPlaces, organisation_serves, place_name
from search import registry
from tests.factories import (
    ContactPointFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db
Kind = Organisation.Kind


@pytest.fixture
def county():
    """Two municipalities sharing a region and a police area, as in ../shared/eval."""
    lek = OrganisationFactory(key="lek", name="Lekeby kommun", kind=Kind.MUNICIPALITY)
    fja = OrganisationFactory(key="fja", name="Fjällby kommun", kind=Kind.MUNICIPALITY)
    soc = OrganisationFactory(
        key="lek-soc", name="Socialförvaltningen", kind=Kind.ADMINISTRATION, parent=lek
    )
    region = OrganisationFactory(key="reg", name="Region Bergslagen", kind=Kind.REGION)
    police = OrganisationFactory(key="polis", name="Polisområde Bergslagen", kind=Kind.POLICE)
    nara = OrganisationFactory(key="reg-nara", name="Närsjukvården Lekeby", parent=region)
    orgs = {
        "lek": lek,
        "fja": fja,
        "lek-soc": soc,
        "reg": region,
        "polis": police,
        "reg-nara": nara,
        "lek-jour": OrganisationFactory(key="lek-jour", name="Socialjouren Bergslagen", parent=soc),
        "reg-vc-norrby": OrganisationFactory(
            key="reg-vc-norrby", name="Vårdcentralen Norrby", parent=nara
        ),
        "reg-umo-fja": OrganisationFactory(key="reg-umo-fja", name="UMO FJÄLLBY", parent=region),
        "reg-bup": OrganisationFactory(key="reg-bup", name="BUP Bergslagen", parent=region),
        "reg-lekebyhuset": OrganisationFactory(
            key="reg-lekebyhuset", name="Lekebyhuset", parent=region
        ),
        "polis-lpo": OrganisationFactory(
            key="polis-lpo", name="Lokalpolisområde Fjällby", parent=police
        ),
        "barnahus": OrganisationFactory(
            key="barnahus", name="Barnahus Bergslagen", kind=Kind.OTHER
        ),
    }
    orgs["polis-kp"] = OrganisationFactory(
        key="polis-kp", name="Kommunpolisen", parent=orgs["polis-lpo"]
    )
    return orgs


def test_place_name_is_the_municipality_name_without_kommun():
    assert place_name("Lekeby kommun") == "Lekeby"
    assert place_name("Upplands Väsby Kommun ") == "Upplands Väsby"
    assert place_name("Region Bergslagen") == "Region Bergslagen"


def test_places_are_whole_words_in_any_case_never_parts_of_a_compound():
    places = MunicipalityPlaces([("lek", "Lekeby kommun"), ("uv", "Upplands Väsby kommun")])
    assert places.named_in("BVC LEKEBY") == ["lek"]
    assert places.named_in("Elevhälsan Upplands Väsby och Lekeby") == ["uv", "lek"]
    assert places.named_in("Lekebyskolan") == []
    assert places.named_in("Väsby") == []
    assert MunicipalityPlaces([]).named_in("Lekeby") == []


def test_each_organisation_serves_its_municipality_or_the_places_its_chain_names(county):
    serves = {
        Organisation.objects.get(pk=pk).key: keys for pk, keys in organisation_serves().items()
    }
    assert serves == {
        "lek": ["lek"],
        "fja": ["fja"],
        "lek-soc": ["lek"],
        # a municipal record serves its municipality whatever its name says
        "lek-jour": ["lek"],
        "reg": [],
        "polis": [],
        "reg-nara": ["lek"],
        # the nearest organisation naming a place decides: "Norrby" is no municipality
        "reg-vc-norrby": ["lek"],
        "reg-umo-fja": ["fja"],
        "reg-bup": [],
        "reg-lekebyhuset": [],
        "polis-lpo": ["fja"],
        "polis-kp": ["fja"],
        "barnahus": [],
    }


def test_organisation_and_contact_point_documents_carry_serves(county):
    point = ContactPointFactory(organisation=county["polis-kp"])
    assert registry.document_for(county["reg-vc-norrby"])["serves"] == ["lek"]
    assert registry.document_for(county["reg"])["serves"] == []
    assert registry.document_for(point)["serves"] == ["fja"]


def test_a_person_serves_the_union_of_their_home_and_their_positions(county):
    person = PersonFactory(organisation=county["lek-soc"])
    PositionFactory(person=person, organisation=county["reg-umo-fja"])
    PositionFactory(person=person, organisation=county["reg-bup"])
    region_wide = PersonFactory(organisation=county["reg-bup"])
    assert registry.document_for(person)["serves"] == ["fja", "lek"]
    assert registry.document_for(region_wide)["serves"] == []


def test_every_document_of_a_rebuild_carries_serves(county):
    PersonFactory(organisation=county["polis-kp"])
    documents = {document["uid"]: document for document in registry.all_documents()}
    assert documents["organisation:polis-kp"]["serves"] == ["fja"]
    assert all("serves" in document for document in documents.values())
