"""Content page bodies come from the shared cache; publishing, imports and directory edits show at once."""

import io
import textwrap

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site
from wagtail.rich_text import RichText

from directory import services
from portal.models import GlossaryTerm, GuidelinePage, HomePage
from tests.directory.conftest import RANDOM_TOKENS
from tests.factories import (
    FunctionFactory,
    GlossaryPageFactory,
    GuidelinePageFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)
from tests.portal.test_import_content import GUIDELINE

pytestmark = pytest.mark.django_db


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def main(page: str) -> str:
    """The page's main content, without per-request CSRF tokens."""
    return RANDOM_TOKENS.sub("", page[page.index("<main") : page.index("</main>")])


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def guideline():
    owner = OrganisationFactory(name="Socialförvaltningen")
    function = FunctionFactory(name="Socialsekreterare mottagning")
    person = PersonFactory(given_name="Anna", family_name="Berg", organisation=owner)
    PositionFactory(person=person, function=function, organisation=owner)
    page = GuidelinePageFactory(
        title="Orosanmälan",
        owner_organisation=owner,
        contact_function=function,
        body=[("text", RichText("<p>Ring samma dag.</p>"))],
    )
    return publish(page)


def test_a_published_body_is_served_from_the_cache_without_a_query(signed_in_client, guideline):
    first = main(html(signed_in_client, guideline.url))
    assert "Ring samma dag." in first and "Anna Berg" in first
    with CaptureQueriesContext(connection) as queries:
        assert main(html(signed_in_client, guideline.url)) == first
    # The session, the user with their rights, the site, the routed page, its view restrictions
    # and its body all come from the cache. The generation tokens are read afresh for each
    # (the test's transaction holds uncommitted bumps), once a second in a server.
    assert [query["sql"] for query in queries if "cachegeneration" not in query["sql"]] == []


def test_a_published_edit_is_visible_on_the_next_request(signed_in_client, guideline):
    assert "Ring samma dag." in html(signed_in_client, guideline.url)
    guideline.body = [("text", RichText("<p>Ring inom en timme.</p>"))]
    publish(guideline)
    page = html(signed_in_client, guideline.url)
    assert "Ring inom en timme." in page and "Ring samma dag." not in page


def test_a_draft_is_neither_served_to_readers_nor_stored(signed_in_client, guideline):
    assert "Ring samma dag." in html(signed_in_client, guideline.url)
    guideline.body = [("text", RichText("<p>Utkast: ring aldrig.</p>"))]
    draft = guideline.save_revision()
    page = html(signed_in_client, guideline.url)
    assert "Ring samma dag." in page and "Utkast" not in page

    request = RequestFactory().get(guideline.url)
    request.user = UserFactory(is_superuser=True)
    preview = draft.as_object().make_preview_request(request, "")
    assert "Utkast: ring aldrig." in preview.content.decode()
    page = html(signed_in_client, guideline.url)
    assert "Ring samma dag." in page and "Utkast" not in page


def test_a_profile_edit_in_the_contact_box_is_visible_on_the_next_request(
    signed_in_client, guideline
):
    assert "070-555 12 34" not in html(signed_in_client, guideline.url)
    person = guideline.contact_function.positions.get().person
    services.update_profile(person=person, phone="070-555 12 34", expertise=[], languages=[])
    assert "070-555 12 34" in html(signed_in_client, guideline.url)


def test_a_holder_who_becomes_protected_leaves_the_cached_contact_box(signed_in_client, guideline):
    assert "Anna Berg" in html(signed_in_client, guideline.url)
    person = guideline.contact_function.positions.get().person
    person.protected = True
    person.save()
    page = html(signed_in_client, guideline.url)
    assert "Anna Berg" not in page and person.email not in page


def test_an_editor_s_view_leaks_no_editor_link_to_readers(client, guideline):
    editor = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(editor)
    html(client, guideline.url)
    client.force_login(UserFactory())
    page = html(client, guideline.url)
    assert "/admin/" not in page and "wagtail-userbar" not in page


def test_a_glossary_term_saved_on_its_own_is_visible_on_the_next_request(signed_in_client):
    page = publish(GlossaryPageFactory())
    assert "Samordnad individuell plan" not in html(signed_in_client, page.url)
    GlossaryTerm.objects.create(page=page, term="SIP", definition="Samordnad individuell plan.")
    assert "Samordnad individuell plan" in html(signed_in_client, page.url)


@pytest.mark.usefixtures("wagtail_indexes")
def test_a_content_import_is_visible_on_the_next_request(signed_in_client, tmp_path):
    OrganisationFactory(key="lek-utb", name="Utbildningsförvaltningen")
    FunctionFactory(key="socsek-mott", name="Socialsekreterare mottagning")
    source = tmp_path / "a.md"
    source.write_text(textwrap.dedent(GUIDELINE), encoding="utf-8")
    call_command("import_content", str(tmp_path), stdout=io.StringIO())
    url = GuidelinePage.objects.get(slug="orosanmalan-skola").url
    assert "Ring mottagningen." in html(signed_in_client, url)
    source.write_text(GUIDELINE.replace("Ring mottagningen.", "Ring socialjouren."), "utf-8")
    call_command("import_content", str(tmp_path), stdout=io.StringIO())
    page = html(signed_in_client, url)
    assert "Ring socialjouren." in page and "Ring mottagningen." not in page


def test_a_routed_page_that_is_unpublished_or_moved_is_routed_afresh(signed_in_client, guideline):
    url = guideline.url
    html(signed_in_client, url)
    guideline.unpublish()
    assert signed_in_client.get(url).status_code == 404
    publish(guideline)
    assert "Ring samma dag." in html(signed_in_client, url)
    guideline.slug = "orosanmalan-ny"
    publish(guideline)
    assert signed_in_client.get(url).status_code == 404
    assert "Ring samma dag." in html(signed_in_client, guideline.url)


def test_a_deep_or_unknown_path_under_a_routed_page_is_404(signed_in_client, guideline):
    html(signed_in_client, guideline.url)
    assert signed_in_client.get(f"{guideline.url}finns-inte/").status_code == 404
    assert signed_in_client.get("/rutiner/finns-inte/").status_code == 404


def test_a_new_page_is_on_the_home_page_on_the_next_request(signed_in_client, guideline):
    home = HomePage.objects.get()
    assert "Orosanmälan" in html(signed_in_client, home.url)
    publish(GuidelinePageFactory(title="Skolfrånvaro"))
    assert "Skolfrånvaro" in html(signed_in_client, home.url)


def test_a_view_restriction_set_on_a_remembered_page_applies_on_the_next_request(
    signed_in_client, guideline
):
    html(signed_in_client, guideline.url)
    restriction = PageViewRestriction.objects.create(
        page=guideline, restriction_type=PageViewRestriction.PASSWORD, password="hemligt-123"
    )
    response = signed_in_client.get(guideline.url)
    assert response.status_code == 200 and "Ring samma dag." not in response.content.decode()
    assert 'name="password"' in response.content.decode()
    restriction.delete()
    assert "Ring samma dag." in html(signed_in_client, guideline.url)


def test_a_restriction_on_an_ancestor_of_a_remembered_page_applies_on_the_next_request(
    signed_in_client, guideline
):
    html(signed_in_client, guideline.url)
    PageViewRestriction.objects.create(
        page=guideline.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="x1"
    )
    assert "Ring samma dag." not in signed_in_client.get(guideline.url).content.decode()


def test_a_remembered_route_follows_a_site_moved_to_another_root(signed_in_client, guideline):
    html(signed_in_client, guideline.url)
    site = Site.objects.get(is_default_site=True)
    other_root = site.root_page.add_child(instance=HomePage(title="Annan", slug="annan"))
    site.root_page = other_root
    site.save()
    assert signed_in_client.get(guideline.url).status_code == 404
