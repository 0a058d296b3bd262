"""Directory pages come from the shared cache, and every write is visible on the next request."""

import json

import pytest
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse
from django.utils import timezone

from directory import services
from directory.models import Person
from portal.accounts.services import link_identity
from tests.directory.conftest import RANDOM_TOKENS, assert_no_secret
from tests.directory.test_import import BUNDLE
from tests.factories import ContactPointFactory, PositionFactory, UserFactory

pytestmark = pytest.mark.django_db

PERSON = reverse("directory:person", args=["p1"])
FUNCTION = reverse("directory:function", args=["kurator"])
SCHOOL = reverse("directory:organisation", args=["lek-skola"])


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def stable(page: str) -> str:
    """The page's main content, without per-request CSRF tokens."""
    return RANDOM_TOKENS.sub("", page[page.index("<main") : page.index("</main>")])


def test_a_cached_page_is_served_without_reading_the_directory(
    signed_in_client, world, django_assert_max_num_queries
):
    for url in (PERSON, FUNCTION, SCHOOL):
        first = stable(html(signed_in_client, url))
        with django_assert_max_num_queries(5):
            assert stable(html(signed_in_client, url)) == first


def test_a_profile_edit_is_visible_on_the_next_request(signed_in_client, world):
    for url in (PERSON, FUNCTION, SCHOOL):
        assert "070-123 45 67" not in html(signed_in_client, url)
    services.update_profile(
        person=world["visible"], phone="070-123 45 67", expertise=["Samtal"], languages=["sv"]
    )
    for url in (PERSON, FUNCTION, SCHOOL):
        assert "070-123 45 67" in html(signed_in_client, url)
    assert "Samtal" in html(signed_in_client, PERSON)


def test_a_new_position_is_visible_on_the_next_request(signed_in_client, world):
    assert "Rektorsområde Norr" not in html(signed_in_client, FUNCTION)
    PositionFactory(
        person=world["visible"],
        function=world["kurator"],
        organisation=world["soc"],
        area="Rektorsområde Norr",
    )
    assert "Rektorsområde Norr" in html(signed_in_client, FUNCTION)
    assert "Rektorsområde Norr" in html(signed_in_client, PERSON)


def test_a_new_contact_point_is_visible_on_the_next_request(signed_in_client, world):
    assert "Elevhälsans telefon" not in html(signed_in_client, SCHOOL)
    ContactPointFactory(name="Elevhälsans telefon", organisation=world["school"])
    assert "Elevhälsans telefon" in html(signed_in_client, SCHOOL)


def test_a_person_who_becomes_protected_leaves_every_cached_page(signed_in_client, world):
    for url in (PERSON, FUNCTION, SCHOOL):
        assert "Camilla Wallin" in html(signed_in_client, url)
    person = world["visible"]
    person.protected = True
    person.save()
    assert signed_in_client.get(PERSON).status_code == 404
    for url in (FUNCTION, SCHOOL):
        page = html(signed_in_client, url)
        assert "Camilla Wallin" not in page
        assert_no_secret(page)


@pytest.mark.usefixtures("search_index")
def test_a_directory_import_is_visible_on_the_next_request(signed_in_client, tmp_path):
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(BUNDLE), encoding="utf-8")
    services.import_directory(path=path)
    assert "Elevhälsochef" not in html(signed_in_client, PERSON)
    bundle = json.loads(json.dumps(BUNDLE))
    bundle["people"][0]["title"] = "Elevhälsochef"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    services.import_directory(path=path)
    assert "Elevhälsochef" in html(signed_in_client, PERSON)


@pytest.mark.usefixtures("search_index")
def test_a_dry_run_import_leaves_the_cache_alone(
    signed_in_client, tmp_path, django_assert_max_num_queries
):
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(BUNDLE), encoding="utf-8")
    services.import_directory(path=path)
    html(signed_in_client, PERSON)
    bundle = json.loads(json.dumps(BUNDLE))
    bundle["people"][0]["title"] = "Elevhälsochef"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    services.import_directory(path=path, dry_run=True)
    with django_assert_max_num_queries(5):
        assert "Elevhälsochef" not in html(signed_in_client, PERSON)


def test_the_stale_profile_banner_is_shown_to_its_owner_only(client, world):
    owner = UserFactory()
    Person.objects.filter(pk=world["visible"].pk).update(user=owner, last_verified=None)
    world["visible"].refresh_from_db()
    world["visible"].save()
    other = UserFactory()
    client.force_login(other)
    assert "data-stale-profile" not in html(client, PERSON)
    client.force_login(owner)
    assert "data-stale-profile" in html(client, PERSON)
    client.force_login(other)
    assert "data-stale-profile" not in html(client, PERSON)


def test_a_verified_profile_loses_its_banner_on_the_next_request(client, world):
    owner = UserFactory()
    world["visible"].user = owner
    world["visible"].last_verified = None
    world["visible"].save()
    client.force_login(owner)
    assert "data-stale-profile" in html(client, PERSON)
    services.verify_profile(person=world["visible"])
    assert world["visible"].last_verified == timezone.localdate()
    assert "data-stale-profile" not in html(client, PERSON)


def test_each_page_of_holders_is_its_own_fragment(signed_in_client, world):
    first = stable(html(signed_in_client, FUNCTION))
    assert stable(html(signed_in_client, f"{FUNCTION}?sida=1")) == first
    assert stable(html(signed_in_client, f"{FUNCTION}?sida=junk")) == first
    assert signed_in_client.get(f"{FUNCTION}?sida=99999999").status_code == 200


def test_unknown_and_overlong_keys_are_404(signed_in_client, world):
    for key in ("nope", "x" * 300):
        assert signed_in_client.get(reverse("directory:function", args=[key])).status_code == 404


def test_a_person_linked_at_sign_in_sees_their_banner_on_the_next_request(client, world):
    Person.objects.filter(pk=world["visible"].pk).update(last_verified=None)
    world["visible"].save()
    user = UserFactory()
    client.force_login(user)
    assert "data-stale-profile" not in html(client, PERSON)
    account = SocialAccount.objects.create(user=user, provider="lekeby", uid="camilla")
    link_identity(account=account, issuer="https://idp.lekeby.test", person=world["visible"])
    assert "data-stale-profile" in html(client, PERSON)
