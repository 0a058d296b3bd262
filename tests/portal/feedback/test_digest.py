"""`send_feedback_digest`: each editor gets their organisations' new feedback once."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from portal.feedback import services
from portal.feedback.selectors import feedback_target
from tests.factories import FunctionFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.portal.feedback.test_admin import give

pytestmark = pytest.mark.django_db


def digest() -> str:
    out = io.StringIO()
    call_command("send_feedback_digest", stdout=out)
    return out.getvalue()


@pytest.fixture
def reader():
    return UserFactory(username="reader-olle", email="olle@example.test")


def test_each_editor_gets_their_organisations_feedback_once(make_editor, targets, reader):
    police = OrganisationFactory(name="Polisen")
    owner_editor = make_editor(targets.owner, email="agare@example.test")
    police_editor = make_editor(police, email="polis@example.test")
    UserFactory(username="boss", email="boss@example.test", is_superuser=True, is_staff=True)
    give(targets, "page", reader=reader, text="Telefonnumret är fel.")
    give(targets, "contact_point", reader=reader, kind="not_helpful", text="")
    give(targets, "function", reader=reader, text="Uppdraget är gammalt.")
    ownerless = feedback_target(kind="function", key=FunctionFactory(name="Samordnare").key)
    services.submit_feedback(reader=reader, target=ownerless, kind="error", text="Vem är det?")

    assert digest() == "4 new feedback, 2 e-mails sent.\n"
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {owner_editor.email, "boss@example.test"}
    owner_mail = by_recipient[owner_editor.email]
    assert owner_mail.subject == "Ny återkoppling från läsare: 3"
    assert "Telefonnumret är fel." in owner_mail.body
    assert "Socialjouren" in owner_mail.body and "Inte till hjälp" in owner_mail.body
    assert "Uppdraget är gammalt." in owner_mail.body  # the function's owner
    assert "/admin/aterkoppling/" in owner_mail.body
    assert "Vem är det?" not in owner_mail.body
    assert "Vem är det?" in by_recipient["boss@example.test"].body  # no owner: administrators
    assert police_editor.email not in by_recipient
    assert "olle" not in owner_mail.body

    mail.outbox.clear()
    assert digest() == "0 new feedback, 0 e-mails sent.\n"
    assert not mail.outbox

    give(targets, "person", reader=reader, text="Fel titel.")
    assert digest() == "1 new feedback, 1 e-mails sent.\n"
    [message] = mail.outbox
    assert "Fel titel." in message.body and "Telefonnumret" not in message.body


def test_handled_feedback_and_protected_people_stay_out(make_editor, targets, reader):
    make_editor(targets.owner, email="agare@example.test")
    services.mark_handled(feedback=give(targets, "page", reader=reader, text="Redan klart."))
    hidden = PersonFactory(organisation=targets.owner, given_name="Sara", family_name="Lund")
    about_hidden = give(targets, "person", reader=reader, text="Fel titel.")
    about_hidden.person = hidden
    about_hidden.save()
    hidden.protected = True
    hidden.save()
    assert digest() == "0 new feedback, 0 e-mails sent.\n"
    assert not mail.outbox
