"""Owners see, handle and reply to their organisations' feedback; nobody else can."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.feedback import services
from portal.feedback.models import Feedback
from portal.feedback.selectors import feedback_target
from tests.factories import FunctionFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def give(targets, target_kind: str, *, reader, kind: str = "error", text: str = "Fel nummer."):
    record = targets.owner if target_kind == "organisation" else getattr(targets, target_kind)
    key = str(record.pk) if target_kind == "page" else record.key
    target = feedback_target(kind=target_kind, key=key)
    return services.submit_feedback(reader=reader, target=target, kind=kind, text=text)


@pytest.fixture
def reader():
    return UserFactory(username="reader-olle", email="olle@example.test")


@pytest.fixture
def owner_editor(make_editor, targets):
    return make_editor(targets.owner, username="agare", email="agare@example.test")


@pytest.fixture
def other_editor(make_editor):
    return make_editor(OrganisationFactory(name="Polisen"), username="annan")


@pytest.fixture
def feedback(targets, reader):
    return give(targets, "page", reader=reader, text="Telefonnumret till socialjouren är fel.")


def test_the_owners_editor_sees_their_feedback(client, owner_editor, feedback):
    client.force_login(owner_editor)
    html = client.get(reverse("feedback_index")).content.decode()
    assert "Telefonnumret till socialjouren är fel." in html
    assert "Orosanmälan" in html
    assert (
        "reader-olle" not in html and "olle@example.test" not in html
    )  # the reader's identity is never shown


def test_editors_of_a_parent_organisation_see_their_units_feedback(
    client, make_editor, targets, feedback
):
    parent = OrganisationFactory(name="Lekeby kommun")
    targets.owner.parent = parent
    targets.owner.save()
    client.force_login(make_editor(parent))
    assert "Telefonnumret" in client.get(reverse("feedback_index")).content.decode()


def test_another_organisations_editor_can_neither_see_nor_act(client, other_editor, feedback):
    client.force_login(other_editor)
    assert "Telefonnumret" not in client.get(reverse("feedback_index")).content.decode()
    detail = reverse("feedback_detail", args=[feedback.pk])
    assert client.get(detail).status_code == 404
    assert client.post(detail, {"action": "handle"}).status_code == 404
    assert client.post(detail, {"action": "reply", "reply": "Hej"}).status_code == 404
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.NEW
    assert feedback.reader is not None
    assert not mail.outbox


def test_readers_without_editor_rights_cannot_open_the_list(client, reader, feedback):
    client.force_login(reader)
    assert client.get(reverse("feedback_index")).status_code in {302, 403}
    assert client.post(
        reverse("feedback_detail", args=[feedback.pk]), {"action": "handle"}
    ).status_code in {302, 403}
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.NEW


def test_administrators_see_all_feedback_including_ownerless(
    client, django_user_model, targets, reader, feedback
):
    ownerless = FunctionFactory(name="Gemensam samordnare")
    target = feedback_target(kind="function", key=ownerless.key)
    services.submit_feedback(
        reader=reader, target=target, kind="error", text="Uppdraget är gammalt."
    )
    admin = django_user_model.objects.create_superuser("boss", "boss@example.test", "pw-boss-1")
    client.force_login(admin)
    html = client.get(reverse("feedback_index")).content.decode()
    assert "Telefonnumret" in html and "Uppdraget är gammalt." in html


def test_the_list_filters_by_status(client, owner_editor, targets, reader, feedback):
    handled = give(targets, "contact_point", reader=reader, text="Öppettiderna stämmer inte.")
    services.mark_handled(feedback=handled)
    client.force_login(owner_editor)
    new = client.get(reverse("feedback_index")).content.decode()
    assert "Telefonnumret" in new and "Öppettiderna" not in new
    done = client.get(reverse("feedback_index"), {"status": "handled"}).content.decode()
    assert "Öppettiderna" in done and "Telefonnumret" not in done
    everything = client.get(reverse("feedback_index"), {"status": "all"}).content.decode()
    assert "Öppettiderna" in everything and "Telefonnumret" in everything
    assert client.get(reverse("feedback_index"), {"status": "<junk>"}).status_code == 200


def test_marking_handled_forgets_the_reader(client, owner_editor, feedback):
    client.force_login(owner_editor)
    response = client.post(reverse("feedback_detail", args=[feedback.pk]), {"action": "handle"})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.HANDLED
    assert feedback.handled_at is not None
    assert feedback.reader is None
    assert feedback.reader_token == ""


def test_the_reply_is_emailed_to_the_reader(client, owner_editor, feedback):
    client.force_login(owner_editor)
    response = client.post(
        reverse("feedback_detail", args=[feedback.pk]),
        {"action": "reply", "reply": "Tack! Numret är <b>rättat</b>."},
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["olle@example.test"]
    assert message.subject == "Svar på din återkoppling om Orosanmälan"
    assert "Telefonnumret till socialjouren är fel." in message.body
    assert "Tack! Numret är rättat." in message.body
    feedback.refresh_from_db()
    assert feedback.reply == "Tack! Numret är rättat."
    assert feedback.status == Feedback.Status.HANDLED
    assert feedback.reader is None


def test_a_handled_feedback_cannot_be_replied_to(client, owner_editor, feedback):
    services.mark_handled(feedback=feedback)
    client.force_login(owner_editor)
    response = client.post(
        reverse("feedback_detail", args=[feedback.pk]), {"action": "reply", "reply": "Hej"}
    )
    assert response.status_code == 409
    assert "redan hanterad" in response.content.decode()
    assert not mail.outbox


def test_an_unknown_action_changes_nothing(client, owner_editor, feedback):
    client.force_login(owner_editor)
    response = client.post(reverse("feedback_detail", args=[feedback.pk]), {"action": "delete"})
    assert response.status_code == 400
    assert "Välj att svara eller att markera återkopplingen som hanterad." in (
        response.content.decode()
    )
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.NEW and feedback.reader is not None


@pytest.mark.parametrize(
    ("reply", "message"),
    [("", "Skriv svaret innan du skickar det."), ("x" * 10_000, "högst 2000 tecken")],
)
def test_a_bad_reply_gets_a_form_error(client, owner_editor, feedback, reply, message):
    client.force_login(owner_editor)
    response = client.post(
        reverse("feedback_detail", args=[feedback.pk]), {"action": "reply", "reply": reply}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not mail.outbox


def test_feedback_on_a_person_who_became_protected_leaves_editors_lists(
    client, owner_editor, targets, reader
):
    person = PersonFactory(organisation=targets.owner, given_name="Sara", family_name="Lund")
    about_person = give(targets, "person", reader=reader, text="Fel titel.")
    assert about_person.person == targets.person
    hidden = give(
        targets,
        "page",
        reader=reader,
        text="Annat fel.",
    )
    Feedback.objects.filter(pk=hidden.pk).update(page=None, person=person)
    person.protected = True
    person.save()
    client.force_login(owner_editor)
    html = client.get(reverse("feedback_index")).content.decode()
    assert "Sara" not in html and "Annat fel." not in html
    assert "Fel titel." in html
    assert client.get(reverse("feedback_detail", args=[hidden.pk])).status_code == 404


def test_the_dashboard_counts_new_feedback_of_the_editors_organisations(
    client, owner_editor, other_editor, targets, reader, feedback
):
    give(targets, "contact_point", reader=reader, kind="not_helpful", text="")
    services.mark_handled(feedback=give(targets, "person", reader=reader, kind="helpful"))
    client.force_login(owner_editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "2 nya återkopplingar från läsare" in html
    client.force_login(other_editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "0 nya återkopplingar från läsare" in html


def test_the_menu_shows_the_list_to_editors_only(client, owner_editor):
    client.force_login(owner_editor)
    assert reverse("feedback_index") in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_list_costs_the_same_queries_for_one_or_many(
    client, owner_editor, targets, reader, feedback
):
    client.force_login(owner_editor)
    url = reverse("feedback_index")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for target_kind in ["function", "contact_point", "person", "organisation", "page"] * 3:
        give(targets, target_kind, reader=reader)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert html.count("data-feedback=") == 16
    assert len(many) == len(one)
