"""Directory upkeep by the owning organisation's editors, in the admin and by direct URL or POST."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from directory.models import ContactPoint, Function, Organisation, Person
from directory.selectors import moderator_group_name
from portal.services import setup_organisation_editors
from tests.factories import (
    ContactPointFactory,
    FunctionFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

# Admin views and the content importer read and write Wagtail's reference and page search indexes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_indexes")]


@pytest.fixture
def ours():
    return OrganisationFactory(name="Socialförvaltningen")


@pytest.fixture
def theirs():
    return OrganisationFactory(name="Region Dalarna")


@pytest.fixture
def editor(ours, theirs):
    setup_organisation_editors(theirs)
    user = UserFactory(first_name="Rut", last_name="Redaktör")
    user.groups.add(setup_organisation_editors(ours))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def url(model: str, view: str, pk: int) -> str:
    return reverse(f"wagtailsnippets_directory_{model}:{view}", args=[pk])


def function_data(function: Function, **changes) -> dict:
    data = {
        "key": function.key,
        "name": function.name,
        "sector": function.sector,
        "summary": function.summary,
        "mandate": function.mandate,
        "responsibilities": "",
        "competence": "",
        "conditions": "",
        "legal_basis": "",
        "contact_when": "",
        "contact_not_when": "",
        "synonyms": "[]",
    }
    return {**data, **changes}


def person_data(person: Person, **changes) -> dict:
    data = {
        "key": person.key,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "title": person.title,
        "organisation": person.organisation_id,
        "email": person.email,
        "phone": person.phone,
        "languages": "[]",
        "expertise": "",
        "last_verified": "",
        "retired_at": "",
    }
    return {**data, **changes}


def contact_point_data(contact_point: ContactPoint, **changes) -> dict:
    data = {
        "key": contact_point.key,
        "name": contact_point.name,
        "organisation": contact_point.organisation_id,
        "purpose": contact_point.purpose,
        "phone": contact_point.phone,
        "email": "",
        "hours": "",
        "topics": "[]",
        "retired_at": "",
    }
    return {**data, **changes}


def test_editor_lists_only_their_organisations_records(editor_client, ours, theirs):
    unit = OrganisationFactory(name="Mottagningen", parent=ours)
    FunctionFactory(name="Vår funktion", owner_organisation=unit)
    FunctionFactory(name="Deras funktion", owner_organisation=theirs)
    FunctionFactory(name="Ingens funktion")
    ContactPointFactory(name="Vår mottagning", organisation=ours)
    ContactPointFactory(name="Deras mottagning", organisation=theirs)
    PersonFactory(given_name="Vår", family_name="Kollega", organisation=unit)
    PersonFactory(given_name="Deras", family_name="Kollega", organisation=theirs)
    PersonFactory(given_name="Hemlig", family_name="Kollega", organisation=ours, protected=True)
    functions = editor_client.get(reverse("wagtailsnippets_directory_function:list"))
    assert "Vår funktion" in functions.content.decode()
    assert "Deras funktion" not in functions.content.decode()
    assert "Ingens funktion" not in functions.content.decode()
    points = editor_client.get(reverse("wagtailsnippets_directory_contactpoint:list"))
    assert "Vår mottagning" in points.content.decode()
    assert "Deras mottagning" not in points.content.decode()
    people = editor_client.get(reverse("wagtailsnippets_directory_person:list")).content.decode()
    assert "Vår Kollega" in people
    assert "Deras Kollega" not in people and "Hemlig" not in people


def test_another_organisations_records_are_out_of_reach_by_url_and_post(editor_client, theirs):
    function = FunctionFactory(owner_organisation=theirs)
    point = ContactPointFactory(organisation=theirs)
    person = PersonFactory(organisation=theirs)
    for model, record, data in (
        ("function", function, function_data(function, mandate="Kapat")),
        ("contactpoint", point, contact_point_data(point, name="Kapad")),
        ("person", person, person_data(person, title="Kapad")),
    ):
        assert editor_client.get(url(model, "edit", record.pk)).status_code == 404
        assert editor_client.get(url(model, "history", record.pk)).status_code == 404
        assert editor_client.post(url(model, "edit", record.pk), data).status_code == 404
    function.refresh_from_db()
    point.refresh_from_db()
    person.refresh_from_db()
    assert function.mandate != "Kapat" and point.name != "Kapad" and person.title != "Kapad"


def test_editor_publishes_their_function_with_who_and_when_in_the_history(
    editor_client, editor, ours
):
    function = FunctionFactory(owner_organisation=ours)
    response = editor_client.post(
        url("function", "edit", function.pk),
        {**function_data(function, mandate="Nytt uppdrag."), "action-publish": "action-publish"},
    )
    assert response.status_code == 302
    function.refresh_from_db()
    assert function.mandate == "Nytt uppdrag." and function.live
    entry = ModelLogEntry.objects.filter(object_id=str(function.pk), action="wagtail.publish").get()
    assert entry.user == editor and entry.timestamp is not None
    history = editor_client.get(url("function", "history", function.pk)).content.decode()
    assert "Rut Redaktör" in history


def test_emptying_a_mandate_is_refused_with_a_swedish_message(editor_client, ours):
    function = FunctionFactory(owner_organisation=ours, mandate="Ett uppdrag.")
    with translation.override(settings.LANGUAGE_CODE):
        response = editor_client.post(
            url("function", "edit", function.pk), function_data(function, mandate="  ")
        )
    assert response.status_code == 200
    assert "Uppdraget kan inte tömmas" in response.content.decode()
    function.refresh_from_db()
    assert function.mandate == "Ett uppdrag." and function.revisions.count() == 0


def test_moderated_functions_are_submitted_and_approved_by_a_moderator(client, editor, ours):
    ours.moderation = Organisation.Moderation.MODERATED
    ours.save()
    function = FunctionFactory(owner_organisation=ours, mandate="Gammalt uppdrag.")
    client.force_login(editor)
    edit = client.get(url("function", "edit", function.pk)).content.decode()
    assert 'name="action-publish"' not in edit and 'name="action-submit"' in edit
    forged = {**function_data(function, mandate="Smyg."), "action-publish": "action-publish"}
    assert client.post(url("function", "edit", function.pk), forged).status_code in (302, 403)
    function.refresh_from_db()
    assert function.mandate == "Gammalt uppdrag." and function.revisions.count() == 0
    submitted = {**function_data(function, mandate="Nytt uppdrag."), "action-submit": "1"}
    assert client.post(url("function", "edit", function.pk), submitted).status_code == 302
    function.refresh_from_db()
    state = function.current_workflow_task_state
    assert state is not None and function.mandate == "Gammalt uppdrag."
    approve = reverse(
        "wagtailsnippets_directory_function:workflow_action",
        args=[function.pk, "approve", state.pk],
    )
    client.post(approve, {"comment": ""})
    function.refresh_from_db()
    assert function.mandate == "Gammalt uppdrag."
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name=moderator_group_name(ours)))
    client.force_login(moderator)
    assert client.post(approve, {"comment": ""}).status_code == 302
    function.refresh_from_db()
    assert function.mandate == "Nytt uppdrag." and function.live


def test_editor_never_sets_protected_and_only_places_people_in_their_organisations(
    editor_client, ours, theirs
):
    person = PersonFactory(organisation=ours, title="Kurator")
    edit = editor_client.get(url("person", "edit", person.pk)).content.decode()
    assert 'name="protected"' not in edit and 'name="user"' not in edit
    forged = person_data(person, title="Skolkurator", protected="on")
    assert editor_client.post(url("person", "edit", person.pk), forged).status_code == 302
    person.refresh_from_db()
    assert person.title == "Skolkurator" and not person.protected
    moved = person_data(person, organisation=theirs.pk)
    assert editor_client.post(url("person", "edit", person.pk), moved).status_code == 200
    person.refresh_from_db()
    assert person.organisation == ours
    assert ModelLogEntry.objects.filter(object_id=str(person.pk), action="wagtail.edit").count()


def test_protected_people_are_out_of_reach_of_editors(editor_client, ours):
    person = PersonFactory(organisation=ours, protected=True)
    assert editor_client.get(url("person", "edit", person.pk)).status_code == 404
    forged = person_data(person, protected="")
    assert editor_client.post(url("person", "edit", person.pk), forged).status_code == 404
    person.refresh_from_db()
    assert person.protected


def test_administrator_sets_protected(client, ours):
    person = PersonFactory(organisation=ours)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert 'name="protected"' in client.get(url("person", "edit", person.pk)).content.decode()
    data = person_data(person, protected="on")
    assert client.post(url("person", "edit", person.pk), data).status_code == 302
    person.refresh_from_db()
    assert person.protected


def test_editor_edits_and_adds_contact_points_of_their_organisation(editor_client, ours, theirs):
    point = ContactPointFactory(organisation=ours, name="Mottagningen")
    data = contact_point_data(point, hours="8–16")
    assert editor_client.post(url("contactpoint", "edit", point.pk), data).status_code == 302
    point.refresh_from_db()
    assert point.hours == "8–16"
    add = reverse("wagtailsnippets_directory_contactpoint:add")
    new = contact_point_data(ContactPoint(key="ny-linje", name="Ny linje", organisation=theirs))
    assert editor_client.post(add, new).status_code == 200
    assert not ContactPoint.objects.filter(key="ny-linje").exists()
    assert editor_client.post(add, {**new, "organisation": ours.pk}).status_code == 302
    assert ContactPoint.objects.get(key="ny-linje").organisation == ours
