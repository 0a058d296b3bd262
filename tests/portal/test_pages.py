"""Content pages: metadata, who-to-contact box, directives' successor and history, index filters."""

import re
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.rich_text import RichText

from directory import caching
from portal import selectors
from portal.models import HomePage
from tests.factories import (
    ContactPointFactory,
    DirectivePageFactory,
    FunctionFactory,
    GlossaryPageFactory,
    GuidelinePageFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

GUIDELINE_MAX_QUERIES = 20


@pytest.fixture
def owner():
    return OrganisationFactory(key="lek-soc", name="Socialförvaltningen")


@pytest.fixture
def function():
    return FunctionFactory(key="socsek", name="Socialsekreterare barn och unga")


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_guideline_shows_metadata_and_current_holders(signed_in_client, owner, function):
    unit = OrganisationFactory(name="Mottagningsgruppen", parent=owner)
    PositionFactory(
        person=PersonFactory(given_name="Anna", family_name="Berg", organisation=unit),
        function=function,
    )
    PositionFactory(
        person=PersonFactory(given_name="Före", family_name="Detta", organisation=unit),
        function=function,
        end=timezone.localdate() - timedelta(days=1),
    )
    page = GuidelinePageFactory(
        title="Orosanmälan", owner_organisation=owner, contact_function=function,
        audience=["socsek"], age_groups=["6-12"], review_by=timezone.localdate() + timedelta(days=300),
        body=[("text", RichText("<p>Ring samma dag.</p>"))],
    )  # fmt: skip
    page.tags.add("orosanmälan")
    publish(page)
    html = signed_in_client.get(page.url).content.decode()
    assert "Ring samma dag." in html
    assert "Socialförvaltningen" in html
    assert "orosanmälan" in html and "6–12" in html
    assert 'class="card contact-box"' in html
    assert "Anna Berg" in html
    assert "Före Detta" not in html


def test_protected_holder_is_replaced_by_the_units_contact_point(signed_in_client, owner, function):
    unit = OrganisationFactory(name="Mottagningsgruppen", parent=owner)
    secret = PersonFactory(
        given_name="Hemlig", family_name="Person", protected=True, organisation=unit, key="p-hidden"
    )
    PositionFactory(person=secret, function=function)
    ContactPointFactory(name="Mottagningens telefon", organisation=unit, phone="0980-300 00")
    page = GuidelinePageFactory(owner_organisation=owner, contact_function=function)
    html = signed_in_client.get(page.url).content.decode()
    for leak in ("Hemlig", "p-hidden", secret.email, secret.phone):
        assert leak not in html
    assert "Mottagningens telefon" in html and "0980-300 00" in html


def test_without_holders_the_owner_contact_point_is_shown(signed_in_client, owner, function):
    ContactPointFactory(name="Socialjouren", organisation=owner)
    page = GuidelinePageFactory(owner_organisation=owner, contact_function=function)
    assert "Socialjouren" in signed_in_client.get(page.url).content.decode()


def test_guideline_renders_with_a_fixed_number_of_queries(
    signed_in_client, owner, function, django_assert_max_num_queries
):
    for _ in range(5):
        PositionFactory(person=PersonFactory(organisation=owner), function=function)
    ContactPointFactory(organisation=owner)
    page = GuidelinePageFactory(
        owner_organisation=owner, contact_function=function, audience=["socsek"]
    )
    page.tags.add("a", "b", "c")
    publish(page)
    signed_in_client.get(page.url)
    with django_assert_max_num_queries(GUIDELINE_MAX_QUERIES):
        response = signed_in_client.get(page.url)
    assert response.status_code == 200


def test_replaced_directive_links_its_successor_and_shows_history(signed_in_client, owner):
    old = publish(
        DirectivePageFactory(
            title="Direktiv 2021", owner_organisation=owner, diary_number="SN 2021/1"
        )
    )
    new = publish(
        DirectivePageFactory(title="Direktiv 2024", replaces=old, owner_organisation=owner)
    )
    publish(old)
    old_html = signed_in_client.get(old.url).content.decode()
    assert "banner--replaced" in old_html
    assert new.url in old_html
    assert "SN 2021/1" in old_html
    history = old_html[old_html.index('id="versions-heading"') :]
    assert history[: history.index("</ol>")].count("<li>") == 2
    new_html = signed_in_client.get(new.url).content.decode()
    assert old.url in new_html
    assert "banner--replaced" not in new_html


def test_glossary_lists_terms_with_synonyms(signed_in_client):
    from portal.models import GlossaryTerm

    page = GlossaryPageFactory()
    GlossaryTerm.objects.create(
        page=page, term="SIP", definition="Samordnad individuell plan.", is_abbreviation=True,
        expansion="samordnad individuell plan", synonyms=["samordnad plan"],
    )  # fmt: skip
    html = signed_in_client.get(page.url).content.decode()
    assert 'id="sip"' in html and "samordnad plan" in html


def test_index_filters_by_tag_organisation_age_group_audience_and_status(signed_in_client, owner):
    today = timezone.localdate()
    other = OrganisationFactory(key="reg", name="Region")
    valid = GuidelinePageFactory(
        title="Giltig rutin", owner_organisation=owner, age_groups=["6-12"], audience=["kurator"]
    )
    valid.tags.add("skola")
    publish(valid)
    GuidelinePageFactory(
        title="Utgången rutin", owner_organisation=other, valid_to=today - timedelta(days=1)
    )
    GuidelinePageFactory(
        title="Snart granskas", owner_organisation=other, review_by=today + timedelta(days=5)
    )
    index = valid.get_parent()

    def titles(query):
        html = signed_in_client.get(index.url + query).content.decode()
        return {
            title for title in ("Giltig rutin", "Utgången rutin", "Snart granskas") if title in html
        }

    assert titles("") == {"Giltig rutin", "Utgången rutin", "Snart granskas"}
    assert titles("?tag=skola") == {"Giltig rutin"}
    assert titles("?organisation=reg") == {"Utgången rutin", "Snart granskas"}
    assert titles("?age_group=6-12") == {"Giltig rutin"}
    assert titles("?audience=kurator") == {"Giltig rutin"}
    assert titles("?status=expired") == {"Utgången rutin"}
    assert titles("?status=valid") == {"Giltig rutin", "Snart granskas"}
    assert (
        signed_in_client.get(index.url + "?status=%00&page=abc&tag=" + "x" * 500).status_code == 200
    )


def test_index_pages_share_the_pagination_component_and_keep_the_filters(
    signed_in_client, owner, monkeypatch
):
    monkeypatch.setattr(selectors, "INDEX_PAGE_SIZE", 2)
    pages = [GuidelinePageFactory(title=f"Rutin {n}", owner_organisation=owner) for n in range(3)]
    index = pages[0].get_parent()

    first = signed_in_client.get(index.url, {"organisation": owner.key}).content.decode()
    last = signed_in_client.get(index.url, {"organisation": owner.key, "page": "-1"})

    assert f'href="?organisation={owner.key}&amp;page=2" rel="next"' in first
    assert "1–2" in first and "Rutin 2" not in first
    assert "Rutin 0" in last.content.decode()


def test_home_page_is_search_first_with_shortcuts_and_recent_pages(signed_in_client):
    page = GuidelinePageFactory(title="Ny rutin")
    home = HomePage.objects.get()
    html = signed_in_client.get(home.url).content.decode()
    assert 'id="home-search-input"' in html
    assert html.index('id="home-search-input"') < html.index("Ny rutin")
    assert "/katalog/" in html and "/min-introduktion/" in html and page.get_parent().url in html
    assert 'id="due-heading"' not in html


def test_home_page_lists_pages_due_for_review_to_editors(client):
    editor = UserFactory(is_superuser=True)
    GuidelinePageFactory(title="Gammal rutin", review_by=timezone.localdate() - timedelta(days=3))
    client.force_login(editor)
    html = client.get(HomePage.objects.get().url).content.decode()
    assert 'id="due-heading"' in html
    assert "Gammal rutin" in html[html.index('id="due-heading"') :]


# The home page with an empty shared cache (session, user, route, onboarding, recent pages,
# sections, user bar, and the cache generations for each cached read: the test's own transaction
# holds uncommitted bumps) reads the same number of rows however many pages are published.
HOME_PAGE_QUERIES = 14


def test_home_page_uses_a_fixed_number_of_queries(signed_in_client, owner):
    home = HomePage.objects.get()
    for _ in range(2):
        publish(GuidelinePageFactory(owner_organisation=owner))
    signed_in_client.get(home.url)
    cache.clear()
    caching.forget_generations()  # the set-up's writes count as committed, as between requests
    with CaptureQueriesContext(connection) as small:
        assert signed_in_client.get(home.url).status_code == 200
    for _ in range(12):
        publish(GuidelinePageFactory(owner_organisation=owner))
    cache.clear()
    caching.forget_generations()
    with CaptureQueriesContext(connection) as larger:
        assert signed_in_client.get(home.url).status_code == 200
    assert len(larger) <= len(small) <= HOME_PAGE_QUERIES, [q["sql"] for q in larger]


def test_every_page_names_an_icon_the_static_files_serve(client, signed_in_client):
    for response in (client.get("/login/"), signed_in_client.get("/")):
        icon = re.search(r'<link rel="icon" href="/static/([^"]+)"', response.content.decode())
        assert icon and finders.find(icon.group(1)), "no icon: browsers ask for /favicon.ico (404)"
