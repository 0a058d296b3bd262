"""Wagtail admin views for the directory: listing, search and filters."""

import pytest

pytestmark = pytest.mark.django_db


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
