"""Swedish is the default interface language; English can be chosen."""

import gettext
from pathlib import Path

import pytest

from tests.factories import GuidelinePageFactory, UserFactory

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "sv" / "LC_MESSAGES"

pytestmark = pytest.mark.django_db


def test_login_page_is_swedish_by_default(client):
    response = client.get("/login/")
    assert response.status_code == 200
    assert 'lang="sv"' in response.content.decode()
    assert "Logga in" in response.content.decode()
    assert "Användarnamn" in response.content.decode()


def test_english_can_be_chosen_and_sticks(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert response.status_code == 302
    page = client.get("/login/").content.decode()
    assert 'lang="en"' in page
    assert "Log in" in page
    assert "Logga in" not in page


def test_unknown_language_keeps_swedish(client):
    client.post("/i18n/setlang/", {"language": "xx", "next": "/login/"})
    assert "Logga in" in client.get("/login/").content.decode()


def test_an_english_browser_gets_the_swedish_portal(client):
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = response.content.decode()
    assert '<html lang="sv">' in page
    assert "Logga in" in page
    assert response["Content-Language"] == "sv"


def test_the_language_cookie_chooses_english_whatever_the_browser_says(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="sv-SE,sv").content.decode()
    assert '<html lang="en">' in page
    assert "Log in" in page


def test_an_unknown_language_cookie_keeps_swedish(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="sv">' in page


def test_english_can_be_chosen_from_the_login_page_and_back(client):
    page = client.get("/login/").content.decode()
    assert 'action="/i18n/setlang/"' in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert '<html lang="en">' in client.get("/login/").content.decode()
    client.post("/i18n/setlang/", {"language": "sv", "next": "/login/"})
    assert '<html lang="sv">' in client.get("/login/").content.decode()


def test_swedish_content_is_marked_swedish_under_an_english_interface(client, settings):
    guideline = GuidelinePageFactory(title="Orosanmälan", summary="Så anmäler du oro.")
    client.force_login(UserFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(guideline.url).content.decode()
    assert '<html lang="en">' in page
    assert '<h1 lang="sv">Orosanmälan</h1>' in page
    assert '<p class="lead" lang="sv">Så anmäler du oro.</p>' in page
    assert '<div class="content-page__body" lang="sv">' in page


def _po_entries() -> list[tuple[str, list[str], bool]]:
    """(msgid, msgstrs, fuzzy) for every live entry of the Swedish catalogue."""
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    entries = []
    for block in text.split("\n\n")[1:]:
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid") for line in lines):
            continue
        fields: dict[str, list[str]] = {}
        key = ""
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                fields[key].append(line[1:-1])
                continue
            key, _, value = line.partition(" ")
            fields[key] = [value[1:-1]]
        msgstrs = ["".join(v) for k, v in fields.items() if k.startswith("msgstr")]
        entries.append(("".join(fields["msgid"]), msgstrs, "#, fuzzy" in block))
    return entries


def test_every_swedish_message_is_translated_and_compiled():
    catalogue = gettext.GNUTranslations((LOCALE / "django.mo").open("rb"))
    entries = _po_entries()
    assert len(entries) > 100
    assert [msgid for msgid, _, fuzzy in entries if fuzzy] == []
    assert [msgid for msgid, msgstrs, _ in entries if not all(msgstrs)] == []
    unescaped = [msgid.replace('\\"', '"').replace("\\n", "\n") for msgid, _, _ in entries]
    assert [
        m for m in unescaped if m not in catalogue._catalog and (m, 0) not in catalogue._catalog
    ] == []
