"""Directory pages, vCards and self-service; protected people never shown; fixed query counts."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from directory import caching
from directory.models import Organisation, Person
from directory.selectors import HOLDERS_PER_PAGE as PER_PAGE
from portal.accounts.models import BodyChoice
from portal.models import ContentPage
from tests.directory.conftest import assert_no_secret
from tests.factories import (
    ContactPointFactory,
    FunctionFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_pages_require_login(client, world):
    response = client.get(reverse("directory:person", args=["p1"]))
    assert response.status_code == 302


def test_person_page_shows_positions_contact_expertise_languages(signed_in_client, world):
    response = signed_in_client.get(reverse("directory:person", args=["p1"]))

    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Camilla Wallin", "Skolkurator", "Fjällby skola", "Fjällby F–6", "NPF", "العربيّة"):
        assert text in html
    assert world["visible"].email in html


def test_protected_person_page_and_vcard_are_404(signed_in_client, world):
    for name in ("directory:person", "directory:person_vcard"):
        response = signed_in_client.get(reverse(name, args=["p2"]))
        assert response.status_code == 404
        assert_no_secret(response.content.decode())


def test_retired_person_is_404(signed_in_client, world):
    Person.objects.filter(key="p1").update(retired_at=timezone.now())
    assert signed_in_client.get(reverse("directory:person", args=["p1"])).status_code == 404


def test_function_page_lists_holders_and_hides_the_protected_one(signed_in_client, world):
    root = Page.get_first_root_node()
    root.add_child(
        instance=ContentPage(title="Orosanmälan", slug="oro", contact_function=world["kurator"])
    )

    response = signed_in_client.get(reverse("directory:function", args=["kurator"]))

    html = response.content.decode()
    assert "Camilla Wallin" in html
    assert "Orosanmälan" in html
    assert "Fjällby 7–9" in html
    assert "Socialjouren" in html
    assert_no_secret(html)


def test_holder_rows_link_each_part_and_offer_a_stand_in_for_the_protected(signed_in_client, world):
    world["visible"].positions.update(age_groups=["0-5"])
    html = signed_in_client.get(reverse("directory:function", args=["kurator"])).content.decode()
    school = '<a href="/katalog/organisationer/lek-skola/">Fjällby skola</a>'
    assert '<a href="/katalog/personer/p1/">Camilla Wallin</a>, Kurator' in html
    assert '<span class="visually-hidden">Telefon: </span><a href="tel:070-1740000">' in html
    assert '<a href="mailto:p1@lekeby.test">p1@lekeby.test</a>' in html
    assert f'<span class="meta">– {school} – Fjällby F–6 (år 0–5)</span>' in html
    jouren = '<a href="/katalog/kontaktvagar/socjour/">Socialjouren</a>'
    stand_in = f'Skolkurator vid {school}<br>Kontakta via {jouren}, <a href="tel:0980-319201">'
    assert stand_in in html
    assert '<span class="meta">– Fjällby 7–9</span>' in html
    assert_no_secret(html)


def test_organisation_page_shows_units_positions_and_contact_points(signed_in_client, world):
    response = signed_in_client.get(reverse("directory:organisation", args=["lek"]))
    html = response.content.decode()
    assert "Socialförvaltningen" in html and "Fjällby skola" in html
    assert "Socialjouren" in html

    school = signed_in_client.get(reverse("directory:organisation", args=["lek-skola"]))
    html = school.content.decode()
    assert "Lekeby kommun" in html
    assert "Camilla Wallin" in html
    assert "Skolkurator" in html
    assert "Socialjouren" in html
    assert_no_secret(html)


def test_contact_point_page_and_vcards(signed_in_client, world):
    page = signed_in_client.get(reverse("directory:contact_point", args=["socjour"]))
    assert "Socialjouren" in page.content.decode()

    card = signed_in_client.get(reverse("directory:contact_point_vcard", args=["socjour"]))
    assert card["Content-Type"].startswith("text/vcard")
    assert "FN:Socialjouren" in card.content.decode()

    person = signed_in_client.get(reverse("directory:person_vcard", args=["p1"]))
    assert "FN:Camilla Wallin" in person.content.decode()
    assert "attachment" in person["Content-Disposition"]


def test_unknown_records_are_404(signed_in_client, world):
    for name in ("person", "function", "organisation", "contact_point"):
        response = signed_in_client.get(reverse(f"directory:{name}", args=["nope"]))
        assert response.status_code == 404


def grow(world, n: int) -> None:
    """Add n more people, positions, units and contact points."""
    for index in range(n):
        unit = OrganisationFactory(parent=world["school"])
        ContactPointFactory(organisation=unit)
        for organisation in (unit, world["school"]):
            person = PersonFactory(organisation=organisation, protected=index % 3 == 0)
            person.expertise.add(f"tagg{index}")
            PositionFactory(person=person, function=world["kurator"], organisation=organisation)
            PositionFactory(person=world["visible"], function=FunctionFactory(), organisation=unit)


# A page served from the shared cache: session, user, the user's two permission reads (the
# Wagtail user bar) and at most one read of the cache generations.
CACHED_PAGE_QUERIES = 5


@pytest.mark.parametrize(
    ("name", "key", "limit", "cached_limit"),
    [
        ("directory:person", "p1", 9, CACHED_PAGE_QUERIES),
        ("directory:function", "kurator", 11, CACHED_PAGE_QUERIES),
        ("directory:organisation", "lek-skola", 11, CACHED_PAGE_QUERIES),
        ("directory:contact_point", "socjour", 6, 6),
    ],
)
def test_pages_use_a_fixed_number_of_queries(
    signed_in_client, world, django_assert_max_num_queries, name, key, limit, cached_limit
):
    url = reverse(name, args=[key])
    caching.forget_generations()  # the set-up's writes count as committed, as between requests
    with django_assert_max_num_queries(limit):
        assert signed_in_client.get(url).status_code == 200
    with django_assert_max_num_queries(cached_limit):
        assert signed_in_client.get(url).status_code == 200
    grow(world, 12)
    caching.forget_generations()
    with django_assert_max_num_queries(limit):
        assert signed_in_client.get(url).status_code == 200
    with django_assert_max_num_queries(cached_limit):
        assert signed_in_client.get(url).status_code == 200


# Self-service


@pytest.fixture
def own_client(client, world):
    user = UserFactory()
    world["visible"].user = user
    world["visible"].save()
    client.force_login(user)
    return client


def test_my_profile_updates_phone_expertise_languages(own_client, world):
    url = reverse("directory:my_profile")
    assert own_client.get(url).status_code == 200

    response = own_client.post(
        url, {"action": "save", "phone": "070-111", "expertise": "MI, NPF", "languages": "sv, en"}
    )

    assert response.status_code == 302
    person = Person.objects.get(key="p1")
    assert person.phone == "070-111"
    assert sorted(tag.name for tag in person.expertise.all()) == ["MI", "NPF"]
    assert person.languages == ["sv", "en"]


def test_my_profile_rejects_overlong_values(own_client, world):
    response = own_client.post(
        reverse("directory:my_profile"), {"action": "save", "phone": "1" * 80, "expertise": ""}
    )
    assert response.status_code == 200
    assert Person.objects.get(key="p1").phone != "1" * 80


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "ring växeln", "siffror, mellanslag, +, - och parenteser"),
        ("languages", "sv, svenska", "Okänd språkkod svenska"),
    ],
)
def test_my_profile_accepts_only_phone_numbers_and_language_codes(
    own_client, world, field, value, message
):
    before = Person.objects.filter(key="p1").values("phone", "languages").get()
    data = {"action": "save", "phone": "070-111", "expertise": "", "languages": "sv"}

    response = own_client.post(reverse("directory:my_profile"), {**data, field: value})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Person.objects.filter(key="p1").values("phone", "languages").get() == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"phone": "ring mig"}, "phone"), ({"languages": ["sv", "swe"]}, "languages")],
)
def test_the_person_model_refuses_other_text_in_phone_and_language_fields(world, changes, field):
    person = world["visible"]
    for name, value in changes.items():
        setattr(person, name, value)

    with pytest.raises(ValidationError) as error:
        person.full_clean()

    assert field in error.value.message_dict


def test_verify_sets_last_verified_and_removes_the_banner(own_client, world):
    person_url = reverse("directory:person", args=["p1"])
    assert "data-stale-profile" in own_client.get(person_url).content.decode()

    own_client.post(reverse("directory:my_profile"), {"action": "verify"})

    assert Person.objects.get(key="p1").last_verified == timezone.localdate()
    assert "data-stale-profile" not in own_client.get(person_url).content.decode()


def test_others_do_not_see_the_stale_banner(signed_in_client, world):
    html = signed_in_client.get(reverse("directory:person", args=["p1"])).content.decode()
    assert "data-stale-profile" not in html


def test_my_profile_without_a_linked_person_offers_to_choose_a_body(signed_in_client, user):
    response = signed_in_client.get(reverse("directory:my_profile"))
    assert response.status_code == 200
    assert reverse("choose_body") in response.content.decode()
    body = OrganisationFactory(name="Region Dalmark", kind=Organisation.Kind.REGION)
    BodyChoice.objects.create(user=user, organisation=body)
    assert (
        "Region Dalmark" in signed_in_client.get(reverse("directory:my_profile")).content.decode()
    )


def test_flag_stale_profiles_emails_the_organisations_editors(world, capsys):
    editor = UserFactory(email="redaktor@lekeby.test")
    Group.objects.create(name="Redaktörer Lekeby kommun").user_set.add(editor)
    Person.objects.filter(key="p1").update(
        last_verified=timezone.localdate() - datetime.timedelta(days=400)
    )

    call_command("flag_stale_profiles")

    assert "1 stale profile(s); 1 e-mail(s) sent" in capsys.readouterr().out
    assert mail.outbox[0].to == ["redaktor@lekeby.test"]
    assert "Camilla Wallin" in mail.outbox[0].body
    assert_no_secret(mail.outbox[0].body)


def test_recently_verified_profiles_are_not_flagged(world, capsys):
    Person.objects.update(last_verified=timezone.localdate())
    call_command("flag_stale_profiles")
    assert mail.outbox == []


def test_index_lists_functions_and_the_organisation_tree(
    signed_in_client, world, django_assert_max_num_queries
):
    # The first request after signing in also reads the cache generations (cached sessions).
    caching.forget_generations()  # the set-up's writes count as committed, as between requests
    with django_assert_max_num_queries(7):
        response = signed_in_client.get(reverse("directory:index"))
    html = response.content.decode()
    assert "Skolkurator" in html
    assert html.index("Lekeby kommun") < html.index("Fjällby skola")
    assert_no_secret(html)


def test_an_organisation_cycle_made_in_the_admin_is_refused_and_never_crashes_pages(
    signed_in_client, world
):
    kommun, school = world["kommun"], world["school"]
    kommun.parent = school
    with pytest.raises(ValidationError):
        kommun.full_clean()
    kommun.save()

    for key in ("lek", "lek-skola"):
        assert (
            signed_in_client.get(reverse("directory:organisation", args=[key])).status_code == 200
        )
    assert signed_in_client.get(reverse("directory:index")).status_code == 200


# Pagination of holders and positions (SPEC §6: fixed work per page)


def add_holders(world, n: int) -> None:
    """Give the function n more holders in the school, sorted by number, every fifth protected."""
    start = world["kurator"].positions.count()
    for index in range(start, start + n):
        person = PersonFactory(
            organisation=world["school"],
            family_name=f"Efternamn {index:02d}",
            protected=index % 5 == 0,
        )
        PositionFactory(person=person, function=world["kurator"], organisation=world["school"])


def test_function_page_shows_one_page_of_holders_and_links_the_next(signed_in_client, world):
    add_holders(world, PER_PAGE + 8)
    url = reverse("directory:function", args=["kurator"])

    first = signed_in_client.get(url).content.decode()
    second = signed_in_client.get(url, {"sida": 2}).content.decode()

    assert first.count('class="holder"') == PER_PAGE
    assert 'href="?sida=2#holders-heading" rel="next"' in first
    assert f"1–{PER_PAGE}" in first and str(PER_PAGE + 10) in first
    assert second.count('class="holder"') == 10
    assert 'rel="prev"' in second and 'rel="next"' not in second
    assert_no_secret(first + second)


def test_function_page_queries_do_not_grow_with_holders(signed_in_client, world):
    """A page with a protected holder costs two queries more (its unit's contact point), never more."""
    url = reverse("directory:function", args=["kurator"])
    add_holders(world, 3)
    signed_in_client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as five:
        assert signed_in_client.get(url).status_code == 200
    add_holders(world, PER_PAGE + 5)
    caching.generations()  # the new tokens are read once, outside the measured renderings
    with CaptureQueriesContext(connection) as sixty:
        assert signed_in_client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert signed_in_client.get(url, {"sida": 2}).status_code == 200

    assert max(len(sixty), len(second)) <= len(five)


@pytest.mark.parametrize("value", ["0", "-1", "abc", "99999", "", "1" * 5000, "2.5"])
def test_bad_page_numbers_give_a_valid_page(signed_in_client, world, value):
    add_holders(world, PER_PAGE + 8)
    for name, key in (("directory:function", "kurator"), ("directory:organisation", "lek-skola")):
        response = signed_in_client.get(reverse(name, args=[key]), {"sida": value})
        assert response.status_code == 200
        assert response.content.decode().count('class="holder"') in (PER_PAGE, 10)


def test_organisation_page_paginates_positions(signed_in_client, world):
    add_holders(world, PER_PAGE + 8)
    url = reverse("directory:organisation", args=["lek-skola"])

    first = signed_in_client.get(url).content.decode()
    last = signed_in_client.get(url, {"sida": 99999}).content.decode()

    assert first.count('class="holder"') == PER_PAGE
    assert 'rel="next"' in first
    assert last.count('class="holder"') == 10
    assert_no_secret(first + last)


def test_function_page_lists_the_newest_twenty_related_guidelines_and_the_total(
    signed_in_client, world
):
    root = Page.get_first_root_node()
    for index in range(21):
        root.add_child(
            instance=ContentPage(
                title=f"Rutin {index:02d}",
                slug=f"rutin-{index}",
                contact_function=world["kurator"],
                last_published_at=timezone.now() + datetime.timedelta(minutes=index),
            )
        )

    html = signed_in_client.get(reverse("directory:function", args=["kurator"])).content.decode()

    assert "Rutin 20" in html and "Rutin 01" in html
    assert "Rutin 00" not in html
    assert re.search(r'<p class="meta">[^<]*\b20\b[^<]*\b21\b[^<]*</p>', html)


def test_my_profile_asks_whether_the_details_are_correct_and_confirms_with_one_post(
    own_client, world
):
    page = own_client.get(reverse("directory:my_profile")).content.decode()
    assert "Stämmer uppgifterna?" in page
    assert 'name="action" value="verify"' in page

    response = own_client.post(reverse("directory:my_profile"), {"action": "verify"})

    assert response.status_code == 302
    assert Person.objects.get(key="p1").last_verified == timezone.localdate()
    assert Person.objects.get(key="p2").last_verified != timezone.localdate()
    confirmed = own_client.get(reverse("directory:my_profile")).content.decode()
    assert "Din profil är markerad som bekräftad i dag." in confirmed
