"""Errors get the portal's own Swedish pages: header, search, a way home, and no technical detail."""

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    client.force_login(UserFactory())
    return client


def assert_portal_error_page(page: str) -> None:
    assert '<html lang="sv">' in page
    assert 'class="site-header"' in page
    assert 'role="search"' in page
    assert '<a href="/">Till startsidan</a>' in page
    assert "Traceback" not in page
    assert "secret" not in page


def test_a_missing_page_is_a_swedish_404(reader):
    response = reader.get("/finns-inte/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Sidan finns inte" in page
    assert "Not Found" not in page
    assert_portal_error_page(page)


def test_a_missing_directory_record_is_a_swedish_404(reader):
    response = reader.get("/katalog/personer/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


@pytest.mark.urls("tests.portal.error_urls")
def test_a_forbidden_page_is_a_swedish_403(reader):
    response = reader.get("/test-forbids/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Du har inte behörighet till sidan" in page
    assert_portal_error_page(page)


def test_a_failed_csrf_check_explains_what_to_do():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Formuläret hade gått ut" in page
    assert "CSRF" not in page
    assert_portal_error_page(page)


@pytest.mark.urls("tests.portal.error_urls")
def test_a_failing_view_is_a_swedish_500_without_the_stack_trace(reader):
    reader.raise_request_exception = False
    response = reader.get("/test-fails/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Något gick fel" in page
    assert "RuntimeError" not in page
    assert_portal_error_page(page)


def test_a_404_does_not_echo_the_address_asked_for(reader):
    page = reader.get("/katalog/personer/hemlig-nyckel/?q=hemligt").content.decode()
    assert "hemlig" not in page
