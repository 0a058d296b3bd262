"""Wagtail admin views for the directory: listing, search, filters and protected people."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import translation

from directory.models import Person
from directory.selectors import editor_group_name

# Admin views and the content importer read and write Wagtail's reference and page search indexes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_indexes")]


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@x.test", "pw-admin-123")
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    ("model", "query", "expected"),
    [
        ("organisation", "?q=Fjällby", "Fjällby skola"),
        ("organisation", "?kind=municipality", "Lekeby kommun"),
        ("function", "?q=kurator", "Skolkurator"),
        ("person", "?q=Wallin", "Camilla Wallin"),
        ("person", "?protected=true", "Hemlig Skyddadsson"),
        ("contactpoint", "?q=jour", "Socialjouren"),
    ],
)
def test_admin_lists_search_and_filter(admin_client, world, model, query, expected):
    response = admin_client.get(f"/admin/snippets/directory/{model}/{query}")
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_function_edit_view_offers_drafts(admin_client, world):
    response = admin_client.get(f"/admin/snippets/directory/function/edit/{world['kurator'].pk}/")
    assert response.status_code == 200
    assert "Save draft" in response.content.decode() or "Spara utkast" in response.content.decode()


def test_function_preview_renders_the_public_page(rf, admin_user, world):
    request = rf.get("/")
    request.user = admin_user
    html = world["kurator"].serve_preview(request, "").rendered_content
    assert "Skolkurator" in html
    assert "Camilla Wallin" in html
    assert "Skyddadsson" not in html


CHOOSER = "/admin/snippets/choose/directory/person"
SNIPPETS = "/admin/snippets/directory/person"


def names_hidden(html: str) -> bool:
    return all(value not in html for value in ("Skyddadsson", "Hemlig", "hemlig@x.test"))


@pytest.fixture
def editor_client(client, django_user_model):
    """An organisation editor: admin access, no rights on people."""
    editor = django_user_model.objects.create_user("redaktor", password="pw-red-123")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    return client


@pytest.fixture
def manager_client(client, django_user_model, world):
    """A non-administrator who may view, change and delete the municipality's people in the admin."""
    manager = django_user_model.objects.create_user("katalog", password="pw-kat-123")
    manager.groups.add(Group.objects.create(name=editor_group_name(world["kommun"])))
    manager.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="directory",
            codename__in=["view_person", "change_person", "delete_person"],
        ),
    )
    client.force_login(manager)
    return client


def test_person_chooser_lists_searches_and_counts_only_visible_people(editor_client, world):
    listing = editor_client.get(f"{CHOOSER}/")
    assert listing.status_code == 200
    assert "Camilla Wallin" in listing.content.decode()
    assert names_hidden(listing.content.decode())
    for query, count in (("Skyddadsson", 0), ("Hemlig", 0), ("Kurator", 1), ("Wallin", 1)):
        results = editor_client.get(f"{CHOOSER}/results/", {"q": query})
        assert results.context["results"].paginator.count == count, query
    everyone = editor_client.get(f"{CHOOSER}/results/")
    assert everyone.context["results"].paginator.count == 1
    assert names_hidden(everyone.content.decode())


def test_chosen_json_refuses_a_protected_person(editor_client, world):
    hidden, visible = world["hidden"], world["visible"]
    assert editor_client.get(f"{CHOOSER}/chosen/{hidden.pk}/").status_code == 404
    chosen = editor_client.get(f"{CHOOSER}/chosen/{visible.pk}/")
    assert chosen.json()["result"]["string"] == "Camilla Wallin"
    both = editor_client.get(f"{CHOOSER}/chosen-multiple/", {"id": [hidden.pk, visible.pk]})
    assert [item["id"] for item in both.json()["result"]] == [str(visible.pk)]


def test_bulk_delete_never_names_or_deletes_a_protected_person(manager_client, world):
    hidden, visible = world["hidden"], world["visible"]
    url = "/admin/bulk/directory/person/delete/"
    assert manager_client.get(url, {"id": hidden.pk}).status_code == 404
    for ids in ([hidden.pk, visible.pk], ["all"]):
        confirmation = manager_client.get(url, {"id": ids})
        assert confirmation.status_code == 200
        assert "Camilla Wallin" in confirmation.content.decode()
        assert names_hidden(confirmation.content.decode())
    manager_client.post(f"{url}?id={hidden.pk}")
    assert Person.objects.filter(pk=hidden.pk).exists()


def test_listing_and_object_views_hide_protected_people_from_non_administrators(
    manager_client, world
):
    hidden = world["hidden"]
    listing = manager_client.get(f"{SNIPPETS}/")
    assert "Camilla Wallin" in listing.content.decode()
    assert names_hidden(listing.content.decode())
    for query in ({"protected": "true"}, {"q": "Skyddadsson"}):
        assert names_hidden(manager_client.get(f"{SNIPPETS}/results/", query).content.decode())
    for view in ("edit", "delete", "history", "usage", "inspect", "copy"):
        assert manager_client.get(f"{SNIPPETS}/{view}/{hidden.pk}/").status_code == 404, view
    manager_client.post(f"{SNIPPETS}/delete/{hidden.pk}/")
    assert Person.objects.filter(pk=hidden.pk).exists()


def test_administrators_still_see_and_edit_protected_people(admin_client, world):
    hidden = world["hidden"]
    assert "Hemlig Skyddadsson" in admin_client.get(f"{SNIPPETS}/").content.decode()
    assert admin_client.get(f"{CHOOSER}/chosen/{hidden.pk}/").status_code == 200
    found = admin_client.get(f"{CHOOSER}/results/", {"q": "Skyddadsson"})
    assert found.context["results"].paginator.count == 1
    edit = admin_client.get(f"{SNIPPETS}/edit/{hidden.pk}/")
    assert edit.status_code == 200
    assert "Skyddadsson" in edit.content.decode()


def test_a_protected_person_is_labelled_without_name_in_the_admin(world):
    with translation.override("sv"):
        assert str(world["hidden"]) == "Skyddad person"
        assert str(world["visible"]) == "Camilla Wallin"
