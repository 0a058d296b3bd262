"""Readers give feedback on pages and directory records; bad input gets a clear Swedish 4xx."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.feedback import services
from portal.feedback.models import Feedback
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

SUBMIT = "/aterkoppling/"
TARGET_KINDS = ["page", "function", "contact_point", "person", "organisation"]


def page_url(targets, target_kind: str) -> str:
    if target_kind == "page":
        return targets.page.url
    if target_kind == "organisation":
        return targets.owner.get_absolute_url()
    return getattr(targets, target_kind).get_absolute_url()


def test_the_submit_address_is_the_named_one():
    assert reverse("feedback:submit") == SUBMIT


@pytest.mark.parametrize("target_kind", TARGET_KINDS)
def test_every_target_page_shows_the_form_outside_cached_parts(
    signed_in_client, targets, target_kind
):
    url = page_url(targets, target_kind)
    for _request in range(2):  # the second view comes from the cache
        html = signed_in_client.get(url).content.decode()
        assert "Var sidan till hjälp?" in html
        assert "Rapportera fel eller inaktuell uppgift" in html
        assert f'name="target_kind" value="{target_kind}"' in html
        assert 'name="csrfmiddlewaretoken"' in html
        assert "<legend>" in html and 'aria-live="polite"' in html


@pytest.mark.parametrize("target_kind", TARGET_KINDS)
@pytest.mark.parametrize(
    ("kind", "text"),
    [("helpful", ""), ("not_helpful", ""), ("error", "Telefonnumret är fel.")],
)
def test_each_kind_on_each_target_is_stored_for_the_owner(
    signed_in_client, user, targets, target_kind, kind, text
):
    response = signed_in_client.post(SUBMIT, targets.post_data(target_kind, kind=kind, text=text))
    url = page_url(targets, target_kind)
    assert response.status_code == 302
    thanks = "nej" if kind == "not_helpful" else "tack"
    assert response["Location"] == f"{url}?feedback={thanks}#feedback"
    feedback = Feedback.objects.get()
    assert feedback.kind == kind
    assert feedback.text == text
    assert feedback.reader == (user if kind == "error" else None)  # kept only to reply
    assert len(feedback.reader_token) == 64 and feedback.reader_token != str(user.pk)
    assert feedback.status == Feedback.Status.NEW
    assert feedback.owner == targets.owner
    record = targets.owner if target_kind == "organisation" else getattr(targets, target_kind)
    assert feedback.target.pk == record.pk
    thanked = signed_in_client.get(response["Location"]).content.decode()
    assert "Tack för din återkoppling!" in thanked
    assert ("Berätta gärna nedan vad som var fel" in thanked) == (kind == "not_helpful")


def test_the_thank_you_is_only_shown_after_sending(signed_in_client, targets):
    assert (
        "Tack för din återkoppling!" not in signed_in_client.get(targets.page.url).content.decode()
    )


def test_signed_out_visitors_cannot_send_feedback(client, targets):
    response = client.post(SUBMIT, targets.post_data("page", kind="helpful"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "person_fields",
    [{"protected": True}, {"retired_at": timezone.now()}],
    ids=["protected", "retired"],
)
def test_protected_or_retired_people_cannot_be_named(signed_in_client, targets, person_fields):
    person = PersonFactory(organisation=targets.owner, **person_fields)
    assert signed_in_client.get(person.get_absolute_url()).status_code == 404
    response = signed_in_client.post(
        SUBMIT,
        {"target_kind": "person", "target_key": person.key, "kind": "error", "text": "Fel."},
    )
    assert response.status_code == 404
    assert person.full_name not in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    ("target_kind", "target_key", "status"),
    [
        ("page", "999999", 404),
        ("page", "abc", 404),
        ("page", "9" * 100, 404),
        ("page", "-1", 404),
        ("person", "no-such-person", 404),
        ("function", "x" * 101, 400),
        ("user", "1", 400),
        ("", "", 400),
    ],
)
def test_unknown_or_forged_targets_are_refused(
    signed_in_client, targets, target_kind, target_key, status
):
    response = signed_in_client.post(
        SUBMIT,
        {"target_kind": target_kind, "target_key": target_key, "kind": "helpful"},
    )
    assert response.status_code == status
    assert not Feedback.objects.exists()


def test_the_home_page_is_not_a_feedback_target(signed_in_client, targets):
    home = targets.page.get_parent().get_parent()
    response = signed_in_client.post(
        SUBMIT, {"target_kind": "page", "target_key": str(home.pk), "kind": "helpful"}
    )
    assert response.status_code == 404


def test_a_draft_page_is_not_a_feedback_target(signed_in_client, targets):
    targets.page.unpublish()
    response = signed_in_client.post(SUBMIT, targets.post_data("page", kind="helpful"))
    assert response.status_code == 404


def test_ten_thousand_characters_get_a_clear_swedish_error(signed_in_client, targets):
    response = signed_in_client.post(
        SUBMIT, targets.post_data("page", kind="error", text="a" * 10_000)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Återkopplingen skickades inte" in html
    assert "Texten får vara högst 2000 tecken (den har 10000)" in html
    assert not Feedback.objects.exists()


def test_an_error_report_needs_a_text(signed_in_client, targets):
    response = signed_in_client.post(SUBMIT, targets.post_data("page", kind="error", text=" "))
    assert response.status_code == 400
    assert "Beskriv vad som är fel eller inaktuellt." in response.content.decode()


def test_an_unknown_kind_is_refused(signed_in_client, targets):
    response = signed_in_client.post(SUBMIT, targets.post_data("page", kind="love"))
    assert response.status_code == 400
    assert "Välj Ja, Nej eller rapportera ett fel." in response.content.decode()


def test_a_get_is_not_allowed(signed_in_client):
    assert signed_in_client.get(SUBMIT).status_code == 405


def test_html_and_scripts_are_stored_as_plain_text_and_shown_escaped(
    signed_in_client, targets, django_user_model
):
    text = '<script>alert("x")</script><b>Fel</b> nummer & <img src=x onerror=alert(1)>'
    signed_in_client.post(SUBMIT, targets.post_data("page", kind="error", text=text))
    feedback = Feedback.objects.get()
    assert "<" not in feedback.text
    assert feedback.text == 'alert("x")Fel nummer &'
    admin = django_user_model.objects.create_superuser("boss", "boss@example.test", "pw-boss-123")
    signed_in_client.force_login(admin)
    html = signed_in_client.get(reverse("feedback_detail", args=[feedback.pk])).content.decode()
    assert "alert(&quot;x&quot;)Fel nummer &amp;" in html
    assert "<script>alert" not in html


def test_a_flood_from_one_reader_is_rate_limited(signed_in_client, targets):
    data = targets.post_data("page", kind="helpful")
    for _sent in range(services.MAX_PER_HOUR):
        assert signed_in_client.post(SUBMIT, data).status_code == 302
    response = signed_in_client.post(SUBMIT, data)
    assert response.status_code == 429
    assert "Du har skickat mycket återkoppling den senaste timmen" in response.content.decode()
    assert Feedback.objects.count() == services.MAX_PER_HOUR


def test_the_limit_is_per_reader_and_per_hour(signed_in_client, targets):
    data = targets.post_data("page", kind="error", text="Fel.")
    for _sent in range(services.MAX_PER_HOUR):
        signed_in_client.post(SUBMIT, data)
    other = Client()
    other.force_login(UserFactory())
    assert other.post(SUBMIT, data).status_code == 302
    assert signed_in_client.post(SUBMIT, data).status_code == 429
    Feedback.objects.update(created_at=timezone.now() - timezone.timedelta(minutes=61))
    assert signed_in_client.post(SUBMIT, data).status_code == 302


def test_a_preview_shows_no_feedback_form(rf, signed_in_client, targets):
    cookies = "; ".join(
        f"{name}={morsel.value}" for name, morsel in signed_in_client.cookies.items()
    )
    response = targets.page.make_preview_request(original_request=rf.get("/", HTTP_COOKIE=cookies))
    html = response.content.decode()
    assert ">Orosanmälan</h1>" in html
    assert "/logout/" in html  # signed in
    assert "Var sidan till hjälp?" not in html


def test_feedback_names_exactly_one_target(targets):
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(page=targets.page, person=targets.person, kind="helpful")
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(kind="helpful")
