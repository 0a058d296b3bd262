"""The content page form: audience and age groups to tick, the owner among the editor's own."""

import re

import pytest
from django.urls import reverse

from portal.models import GuidelinePage
from tests.factories import (
    DirectivePageFactory,
    FunctionFactory,
    GuidelinePageFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.portal.helpers import publish_form_data, shown

# Admin views and the content importer read and write Wagtail's reference and page search indexes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_indexes")]


@pytest.fixture
def organisations():
    ours = OrganisationFactory(name="Ekeså kommun", kind="municipality")
    return {
        "ours": ours,
        "unit": OrganisationFactory(name="Elevhälsan", parent=ours),
        "theirs": OrganisationFactory(name="Region Dalmark", kind="region"),
    }


@pytest.fixture
def editor(make_editor, organisations):
    return make_editor(organisations["ours"], others=[organisations["theirs"]])


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def functions():
    return [
        FunctionFactory(key="skolkurator", name="Skolkurator"),
        FunctionFactory(key="rektor", name="Rektor"),
    ]


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=["portal", "guidelinepage", parent.pk])


def new_page_data(**fields) -> dict:
    data = publish_form_data(GuidelinePage(slug="ny-rutin", summary=""), "Ny rutin")
    return {**data, **fields}


def field_errors(response, name: str) -> list[str]:
    return list(response.context["form"].errors.get(name, []))


def test_audience_and_age_groups_are_ticked_and_stored_as_lists(
    editor_client, organisations, functions
):
    index = GuidelinePageFactory(owner_organisation=organisations["ours"]).get_parent()
    data = new_page_data(
        owner_organisation=organisations["ours"].pk,
        audience=["skolkurator", "rektor"],
        age_groups=["6-12", "13-17"],
    )
    response = editor_client.post(add_url(index), data)
    assert response.status_code == 302
    page = GuidelinePage.objects.get(slug="ny-rutin")
    assert sorted(page.audience) == ["rektor", "skolkurator"]
    assert page.age_groups == ["6-12", "13-17"]


def test_the_form_shows_a_searchable_function_list_and_age_group_checkboxes(
    editor_client, organisations, functions
):
    page = GuidelinePageFactory(
        owner_organisation=organisations["ours"], audience=["rektor"], age_groups=["0-5"]
    )
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    html = response.content.decode()
    assert 'type="search"' in html and shown("Find a function") in html
    assert re.search(r'<input type="checkbox" name="audience" value="rektor"[^>]* checked>', html)
    assert re.search(
        r'<input type="checkbox" name="audience" value="skolkurator"[^>]*id="[^"]*">', html
    )
    assert re.search(r'<input type="checkbox" name="age_groups" value="0-5"[^>]* checked>', html)
    assert "js/admin-searchable-choices.js" in html


def test_audience_that_is_not_a_function_is_refused_with_the_field_named(
    editor_client, organisations, functions
):
    index = GuidelinePageFactory(owner_organisation=organisations["ours"]).get_parent()
    data = new_page_data(owner_organisation=organisations["ours"].pk, audience=["Rektor, Kurator"])
    response = editor_client.post(add_url(index), data)
    assert response.status_code == 200
    assert field_errors(response, "audience") == [
        f"{shown('audience').capitalize()}: {shown('Choose functions from the list.')}"
    ]
    assert not GuidelinePage.objects.filter(slug="ny-rutin").exists()


def test_unknown_age_group_is_refused_with_the_field_named(editor_client, organisations):
    index = GuidelinePageFactory(owner_organisation=organisations["ours"]).get_parent()
    data = new_page_data(owner_organisation=organisations["ours"].pk, age_groups=["99-120"])
    response = editor_client.post(add_url(index), data)
    assert field_errors(response, "age_groups") == [
        f"{shown('age groups').capitalize()}: {shown('Tick one or more of the age groups shown.')}"
    ]


def test_owner_choices_are_the_editors_organisations_with_their_own_as_default(
    editor_client, organisations
):
    index = GuidelinePageFactory(owner_organisation=organisations["ours"]).get_parent()
    response = editor_client.get(add_url(index))
    field = response.context["form"]["owner_organisation"]
    choices = [label for _value, label in field.field.choices]
    assert choices == ["Ekeså kommun", "Elevhälsan"]
    assert field.value() == organisations["ours"].pk
    html = response.content.decode()
    assert shown("Find an organisation") in html
    assert f'type="radio" name="owner_organisation" value="{organisations["ours"].pk}"' in html
    assert "Region Dalmark" not in html


def test_administrators_choose_among_all_organisations_with_no_default(client, organisations):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    index = GuidelinePageFactory(owner_organisation=organisations["ours"]).get_parent()
    response = client.get(add_url(index))
    field = response.context["form"]["owner_organisation"]
    labels = [label for _value, label in field.field.choices]
    assert {"Ekeså kommun", "Elevhälsan", "Region Dalmark"} <= set(labels)
    assert not field.value()


def test_forged_owner_outside_the_editors_organisations_is_refused_with_a_field_error(
    editor_client, organisations
):
    index = GuidelinePageFactory(owner_organisation=organisations["ours"]).get_parent()
    data = new_page_data(owner_organisation=organisations["theirs"].pk)
    response = editor_client.post(add_url(index), data)
    assert response.status_code == 200
    assert field_errors(response, "owner_organisation") == [
        f"{shown('owner organisation').capitalize()}: "
        f"{shown('Choose one of your own organisations in the list.')}"
    ]
    assert not GuidelinePage.objects.filter(slug="ny-rutin").exists()


def test_forged_owner_on_edit_leaves_the_page_unchanged(editor_client, organisations):
    page = GuidelinePageFactory(title="Vår rutin", owner_organisation=organisations["ours"])
    data = {
        **publish_form_data(page, "Kapad"),
        "owner_organisation": organisations["theirs"].pk,
    }
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert field_errors(response, "owner_organisation")
    page.refresh_from_db()
    assert page.title == "Vår rutin" and page.owner_organisation == organisations["ours"]


def test_date_errors_name_the_field_and_the_format(editor_client, organisations):
    index = GuidelinePageFactory(owner_organisation=organisations["ours"]).get_parent()
    data = new_page_data(owner_organisation=organisations["ours"].pk, review_by="1 mars")
    response = editor_client.post(add_url(index), data)
    assert field_errors(response, "review_by") == [
        f"{shown('review by').capitalize()}: "
        f"{shown('Write the date as YYYY-MM-DD, for example 2026-03-31.')}"
    ]


def test_valid_to_before_valid_from_is_refused(editor_client, organisations):
    index = GuidelinePageFactory(owner_organisation=organisations["ours"]).get_parent()
    data = new_page_data(
        owner_organisation=organisations["ours"].pk,
        valid_from="2026-05-01",
        valid_to="2026-04-01",
    )
    response = editor_client.post(add_url(index), data)
    assert field_errors(response, "valid_to") == [
        f"{shown('valid to').capitalize()}: "
        f"{shown('Choose a date on or after the valid from date.')}"
    ]


def test_a_required_title_names_the_field(editor_client, organisations):
    index = GuidelinePageFactory(owner_organisation=organisations["ours"]).get_parent()
    data = new_page_data(owner_organisation=organisations["ours"].pk, title="")
    response = editor_client.post(add_url(index), data)
    [error] = field_errors(response, "title")
    assert error.startswith(f"{shown('title').capitalize()}: ")


def test_related_functions_are_ticked_in_a_searchable_list(editor_client, organisations, functions):
    page = GuidelinePageFactory(owner_organisation=organisations["ours"])
    page.related_functions.set([functions[1]])
    page.save_revision()
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'id="id_related_functions-search"' in html
    rektor = functions[1].pk
    assert re.search(
        rf'<input type="checkbox" name="related_functions" value="{rektor}"[^>]* checked>', html
    )


def test_directive_parties_are_ticked_in_a_searchable_list(client, organisations):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    directive = DirectivePageFactory(owner_organisation=organisations["ours"])
    url = reverse(
        "wagtailadmin_pages:add", args=["portal", "directivepage", directive.get_parent().pk]
    )
    html = client.get(url).content.decode()
    assert 'id="id_parties-search"' in html
    theirs = organisations["theirs"].pk
    assert f'<input type="checkbox" name="parties" value="{theirs}"' in html
