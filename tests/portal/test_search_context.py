"""Who is searching: a signed-in user or a directory person as a search context (SPEC §5.3)."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from directory.models import Organisation
from portal.accounts import services
from portal.accounts.models import BodyChoice
from search import registry
from search.context import SearchContext
from tests.factories import OrganisationFactory, PersonFactory, PositionFactory, UserFactory

pytestmark = pytest.mark.django_db
Kind = Organisation.Kind


@pytest.fixture
def county():
    lek = OrganisationFactory(key="lek", name="Lekeby kommun", kind=Kind.MUNICIPALITY)
    OrganisationFactory(key="fja", name="Fjällby kommun", kind=Kind.MUNICIPALITY)
    soc = OrganisationFactory(
        key="lek-soc", name="Socialförvaltningen", kind=Kind.ADMINISTRATION, parent=lek
    )
    bou = OrganisationFactory(key="lek-bou", name="Barn och unga", kind=Kind.DEPARTMENT, parent=soc)
    region = OrganisationFactory(key="reg", name="Region Bergslagen", kind=Kind.REGION)
    nara = OrganisationFactory(
        key="reg-nara", name="Närsjukvården Fjällby", kind=Kind.ADMINISTRATION, parent=region
    )
    return {
        "lek": lek,
        "lek-soc": soc,
        "lek-mott": OrganisationFactory(key="lek-mott", name="Mottagningen", parent=bou),
        "reg": region,
        "reg-umo": OrganisationFactory(key="reg-umo", name="UMO Fjällby", parent=nara),
        "reg-bup": OrganisationFactory(key="reg-bup", name="BUP Bergslagen", parent=region),
    }


SOCIAL_WORKER = SearchContext(
    units=("lek-mott",), administrations=("lek-soc",), bodies=("lek",), municipalities=("lek",)
)


def test_a_linked_person_searches_from_their_unit_administration_body_and_municipality(county):
    user = UserFactory()
    person = PersonFactory(key="sara", organisation=county["lek-mott"], user=user)
    PositionFactory(person=person)
    assert registry.context_for_user(user) == SOCIAL_WORKER
    assert registry.context_for_person("sara") == SOCIAL_WORKER


def test_a_protected_person_still_searches_in_their_own_context(county):
    user = UserFactory()
    PersonFactory(organisation=county["lek-mott"], user=user, protected=True)
    assert registry.context_for_user(user) == SOCIAL_WORKER


def test_a_person_with_positions_in_two_bodies_gets_both_bodies_and_municipalities(county):
    user = UserFactory()
    person = PersonFactory(organisation=county["lek-mott"], user=user)
    PositionFactory(person=person, organisation=county["reg-umo"])
    assert registry.context_for_user(user) == SearchContext(
        units=("lek-mott", "reg-umo"),
        administrations=("lek-soc", "reg-nara"),
        bodies=("lek", "reg"),
        municipalities=("lek", "fja"),
    )


def test_a_region_employee_searches_for_the_municipalities_their_unit_serves(county):
    user = UserFactory()
    PersonFactory(organisation=county["reg-umo"], user=user)
    wide = PersonFactory(key="bup", organisation=county["reg-bup"])
    assert registry.context_for_user(user) == SearchContext(
        units=("reg-umo",), administrations=("reg-nara",), bodies=("reg",), municipalities=("fja",)
    )
    assert registry.context_for_person(wide.key) == SearchContext(
        units=("reg-bup",), bodies=("reg",)
    )


def test_an_unlinked_user_searches_in_the_body_they_chose(county):
    municipal, regional = UserFactory(), UserFactory()
    BodyChoice.objects.create(user=municipal, organisation=county["lek"])
    BodyChoice.objects.create(user=regional, organisation=county["reg"])
    assert registry.context_for_user(municipal) == SearchContext(
        bodies=("lek",), municipalities=("lek",)
    )
    assert registry.context_for_user(regional) == SearchContext(bodies=("reg",))


def test_nobody_a_retired_person_and_the_anonymous_user_have_no_context(county):
    nobody, retired = UserFactory(), UserFactory()
    PersonFactory(organisation=county["lek-mott"], user=retired, retired_at=timezone.now())
    assert registry.context_for_user(nobody) is None
    assert registry.context_for_user(retired) is None
    assert registry.context_for_user(AnonymousUser()) is None


def test_searching_as_a_person_needs_a_current_person_others_may_see(county):
    PersonFactory(key="hidden", organisation=county["lek-mott"], protected=True)
    PersonFactory(key="gone", organisation=county["lek-mott"], retired_at=timezone.now())
    assert registry.context_for_person("hidden") is None
    assert registry.context_for_person("gone") is None
    assert registry.context_for_person("nobody") is None


def test_a_users_context_takes_a_few_queries_whatever_the_directory_size(
    county, django_assert_max_num_queries
):
    user = UserFactory()
    person = PersonFactory(organisation=county["lek-mott"], user=user)
    PositionFactory(person=person, organisation=county["reg-umo"])
    for number in range(30):
        OrganisationFactory(name=f"Enhet {number}", parent=county["reg"])
    with django_assert_max_num_queries(11):
        assert registry.context_for_user(user)
    # Cached: inside this test's transaction only the generation tokens are read again.
    with django_assert_max_num_queries(1):
        assert registry.context_for_user(user)


def test_a_new_position_changes_the_cached_context(county):
    user = UserFactory()
    person = PersonFactory(organisation=county["lek-mott"], user=user)
    assert registry.context_for_user(user) == SOCIAL_WORKER
    PositionFactory(person=person, organisation=county["reg-umo"])
    assert registry.context_for_user(user).units == ("lek-mott", "reg-umo")


def test_a_new_body_choice_changes_the_cached_context(county):
    user = UserFactory()
    assert registry.context_for_user(user) is None
    BodyChoice.objects.create(user=user, organisation=county["lek"])
    assert registry.context_for_user(user) == SearchContext(
        bodies=("lek",), municipalities=("lek",)
    )


def test_linking_a_person_by_update_changes_the_cached_context(county):
    user = UserFactory()
    person = PersonFactory(organisation=county["lek-mott"])
    assert registry.context_for_user(user) is None
    account = SocialAccount.objects.create(user=user, provider="openid_connect", uid="sub-1")
    services.link_identity(account=account, issuer="https://idp.test", person=person)
    assert registry.context_for_user(user) == SOCIAL_WORKER


def test_each_user_gets_their_own_cached_context(county):
    worker, chooser = UserFactory(), UserFactory()
    PersonFactory(organisation=county["lek-mott"], user=worker)
    BodyChoice.objects.create(user=chooser, organisation=county["reg"])
    for _ in range(2):
        assert registry.context_for_user(worker) == SOCIAL_WORKER
        assert registry.context_for_user(chooser).bodies == ("reg",)
    assert registry.context_for_user(AnonymousUser()) is None
