"""Onboarding paths, progress that persists, the home page selector and the editors' report."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone

from directory.models import Person
from portal.onboarding import selectors
from portal.onboarding.pages import OnboardingPathPage, OnboardingProgress, OnboardingStep
from portal.services import setup_organisation_editors
from tests.factories import (
    ContactPointFactory,
    FunctionFactory,
    GuidelinePageFactory,
    OnboardingPathPageFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)
from tests.portal.helpers import shown

pytestmark = pytest.mark.django_db


TODAY = timezone.localdate()
NO_PERSON = (
    "Your account is not linked to a person in the directory, "
    "so no onboarding path can be chosen for you."
)


def path_with_steps(**kwargs):
    path = OnboardingPathPageFactory(**kwargs)
    guideline = GuidelinePageFactory(title="Orosanmälan från skolan")
    path.steps = [
        OnboardingStep(title="Läs rutinen", why="Du har anmälningsplikt.", page=guideline),
        OnboardingStep(title="Spara jourens nummer", contact_point=ContactPointFactory()),
    ]
    path.save_revision().publish()
    return OnboardingPathPage.objects.get(pk=path.pk)


@pytest.fixture
def employee(user):
    """The signed-in user as a kurator at a school, started 20 days ago."""
    school = OrganisationFactory(parent=OrganisationFactory(key="utb"))
    person = PersonFactory(user=user, organisation=school)
    PositionFactory(
        person=person,
        function=FunctionFactory(key="kurator"),
        start=TODAY - datetime.timedelta(days=20),
    )
    return person


def test_paths_match_the_function_and_organisation_of_current_positions(user, employee):
    kurator = employee.positions.get().function
    general = path_with_steps(function=kurator)
    for_parent_org = path_with_steps(function=kurator, organisation=employee.organisation.parent)
    path_with_steps(function=kurator, organisation=OrganisationFactory())
    path_with_steps()
    assert {path.pk for path in selectors.paths_for_user(user)} == {general.pk, for_parent_org.pk}


def test_ticking_a_step_persists_and_shows_progress(signed_in_client, user, employee):
    path = path_with_steps(function=employee.positions.get().function)
    first = path.steps.first()
    response = signed_in_client.post(
        f"/min-introduktion/steg/{first.pk}/", {"done": "1", "next": path.url}
    )
    assert response.status_code == 302 and response["Location"] == path.url
    assert OnboardingProgress.objects.filter(user=user, step=first).exists()

    again = Client()
    again.force_login(user)
    html = again.get("/min-introduktion/").content.decode()
    assert shown("%(done)s of %(total)s steps done", done=1, total=2) in html
    assert "Du har anmälningsplikt." in html
    assert (
        shown("%(done)s of %(total)s steps done", done=1, total=2)
        in again.get(path.url).content.decode()
    )

    signed_in_client.post(f"/min-introduktion/steg/{first.pk}/", {"done": "0"})
    assert not OnboardingProgress.objects.filter(user=user).exists()


def test_tick_redirects_only_to_this_site_and_needs_post(signed_in_client, employee):
    path = path_with_steps(function=employee.positions.get().function)
    step = path.steps.first()
    url = f"/min-introduktion/steg/{step.pk}/"
    response = signed_in_client.post(url, {"done": "1", "next": "https://evil.test/"})
    assert response["Location"] == "/min-introduktion/"
    assert signed_in_client.get(url).status_code == 405
    assert signed_in_client.post("/min-introduktion/steg/999999/", {"done": "1"}).status_code == 404


def test_steps_of_unpublished_paths_cannot_be_ticked(signed_in_client, employee):
    path = path_with_steps(function=employee.positions.get().function)
    path.unpublish()
    step = path.steps.first()
    assert (
        signed_in_client.post(f"/min-introduktion/steg/{step.pk}/", {"done": "1"}).status_code
        == 404
    )


def test_a_user_without_a_person_sees_an_explanation(signed_in_client):
    response = signed_in_client.get("/min-introduktion/")
    assert response.status_code == 200
    assert shown(NO_PERSON) in response.content.decode()


def test_home_onboarding_is_for_new_employees_only(user, employee):
    path_with_steps(function=employee.positions.get().function)
    assert selectors.is_new_employee(user)
    assert len(selectors.home_onboarding(user)) == 1
    employee.positions.update(start=TODAY - datetime.timedelta(days=91))
    assert not selectors.is_new_employee(user)
    assert selectors.home_onboarding(user) == []


def test_onboarding_component_renders_progress(user, employee):
    path = path_with_steps(function=employee.positions.get().function)
    OnboardingProgress.objects.create(user=user, step=path.steps.first())
    html = render_to_string(
        "components/onboarding_progress.html", {"paths": selectors.home_onboarding(user)}
    )
    assert path.title in html
    assert 'value="1"' in html and 'max="2"' in html
    assert render_to_string("components/onboarding_progress.html", {"paths": []}).strip() == ""


def test_a_protected_person_step_never_shows_the_name(signed_in_client, employee):
    path = OnboardingPathPageFactory(function=employee.positions.get().function)
    hidden = PersonFactory(given_name="Skyddad", protected=True)
    path.steps = [OnboardingStep(title="Träffa kollegan", person=hidden)]
    path.save_revision().publish()
    html = signed_in_client.get("/min-introduktion/").content.decode()
    assert "Träffa kollegan" in html
    assert "Skyddad" not in html and hidden.email not in html


def test_editors_see_completion_per_path(user, employee):
    path = path_with_steps(function=employee.positions.get().function)
    first, second = path.steps.all()
    OnboardingProgress.objects.create(user=user, step=first)
    OnboardingProgress.objects.create(user=user, step=second)
    other = get_user_model().objects.create_user("other")
    OnboardingProgress.objects.create(user=other, step=first)

    [row] = [row for row in selectors.completion_report() if row.path.pk == path.pk]
    assert (row.steps, row.started, row.completed) == (2, 2, 1)

    editor = Client()
    editor.force_login(get_user_model().objects.create_superuser("editor", password="pw-ed-123"))
    response = editor.get("/admin/reports/onboarding/")
    assert response.status_code == 200
    assert path.title in response.content.decode()


def test_home_page_shows_onboarding_to_new_employees_only(signed_in_client, employee):
    path_with_steps(function=employee.positions.get().function)
    component = 'id="onboarding-progress-heading"'
    assert component in signed_in_client.get("/").content.decode()
    employee.positions.update(start=TODAY - datetime.timedelta(days=91))
    assert component not in signed_in_client.get("/").content.decode()


def test_a_step_cannot_link_a_person_with_protected_identity():
    step = OnboardingStep(title="Träffa", person=PersonFactory(protected=True))
    with pytest.raises(ValidationError) as error:
        step.clean()
    assert "person" in error.value.message_dict
    OnboardingStep(title="Träffa", person=PersonFactory()).clean()


@pytest.mark.usefixtures("wagtail_indexes")
def test_editor_sees_no_name_of_a_person_protected_after_being_linked():
    owner = OrganisationFactory(name="Socialförvaltningen")
    path = OnboardingPathPageFactory(owner_organisation=owner)
    person = PersonFactory(given_name="Hemlig", family_name="Skyddadsson", email="h@x.test")
    path.steps = [OnboardingStep(title="Träffa enhetschefen", person=person)]
    path.save_revision().publish()
    Person.objects.filter(pk=person.pk).update(protected=True)
    editor = UserFactory()
    editor.groups.add(setup_organisation_editors(owner))
    client = Client()
    client.force_login(editor)
    html = client.get(f"/admin/pages/{path.pk}/edit/").content.decode()
    assert "Träffa enhetschefen" in html
    assert "Skyddadsson" not in html and "h@x.test" not in html
    assert shown("Protected person") in html


def test_a_tick_without_script_lands_on_the_step_button_and_announces_progress(
    signed_in_client, employee
):
    path = path_with_steps(function=employee.positions.get().function)
    first = path.steps.first()
    response = signed_in_client.post(
        f"/min-introduktion/steg/{first.pk}/",
        {"done": "1", "next": f"{path.url}#steg-{first.pk}-knapp"},
    )
    assert response["Location"] == f"{path.url}#steg-{first.pk}-knapp"

    html = signed_in_client.get(path.url).content.decode()
    assert f'id="steg-{first.pk}-knapp"' in html
    status = re.search(r'<p class="onboarding-status" aria-live="polite"[^>]*>([^<]*)</p>', html)
    assert status.group(1) == "”Läs rutinen” är klart. 1 av 2 steg klara."
    again = signed_in_client.get(path.url).content.decode()
    assert "”Läs rutinen” är klart." not in again


def test_a_tick_from_the_script_answers_with_the_step_and_the_announcement(
    signed_in_client, employee
):
    path = path_with_steps(function=employee.positions.get().function)
    second = path.steps.get(title="Spara jourens nummer")
    response = signed_in_client.post(
        f"/min-introduktion/steg/{second.pk}/",
        {"done": "1", "next": "/min-introduktion/"},
        HTTP_ACCEPT="application/json",
    )
    data = response.json()
    assert (data["step"], data["path"], data["done"], data["total"]) == (second.pk, path.pk, 1, 2)
    assert data["announcement"] == "”Spara jourens nummer” är klart. 1 av 2 steg klara."
    assert data["count"] == "1 av 2 steg klara"
    assert data["step_html"].startswith(
        f'<li class="onboarding-step onboarding-step--done" id="steg-{second.pk}">'
    )
    assert 'name="next" value="/min-introduktion/#steg-' in data["step_html"]

    undone = signed_in_client.post(
        f"/min-introduktion/steg/{second.pk}/", {"done": "0"}, HTTP_ACCEPT="application/json"
    ).json()
    assert f'name="next" value="/min-introduktion/#steg-{second.pk}-knapp"' in undone["step_html"]
    assert (
        undone["announcement"] == "”Spara jourens nummer” är inte längre klart. 0 av 2 steg klara."
    )


def test_steps_show_their_time_frame_and_how_to_reach_whom_to_meet(signed_in_client, employee):
    path = OnboardingPathPageFactory(function=employee.positions.get().function)
    boss = PersonFactory(given_name="Arvid", phone="070-174 06 05", email="arvid@ekesa.test")
    jouren = ContactPointFactory(name="Socialjouren", phone="010-100 00 00", email="jour@x.test")
    path.steps = [
        OnboardingStep(title="Träffa enhetschefen", time_frame="vecka 1", person=boss),
        OnboardingStep(title="Spara jourens nummer", time_frame="vecka 2", contact_point=jouren),
    ]
    path.save_revision().publish()
    html = signed_in_client.get("/min-introduktion/").content.decode()
    assert 'Träffa enhetschefen <span class="meta onboarding-step__when">– vecka 1</span>' in html
    assert 'href="tel:070-1740605"' in html and 'href="mailto:arvid@ekesa.test"' in html
    assert 'href="tel:010-1000000"' in html and 'href="mailto:jour@x.test"' in html


def test_a_person_protected_after_being_linked_is_replaced_by_their_units_contact_point(
    signed_in_client, employee
):
    unit = OrganisationFactory()
    stand_in = ContactPointFactory(organisation=unit, name="Mottagningen", phone="010-200 00 00")
    colleague = PersonFactory(given_name="Kollega", organisation=unit)
    path = OnboardingPathPageFactory(function=employee.positions.get().function)
    path.steps = [OnboardingStep(title="Träffa kollegan", person=colleague)]
    path.save_revision().publish()
    Person.objects.filter(pk=colleague.pk).update(protected=True)

    html = signed_in_client.get("/min-introduktion/").content.decode()
    assert "Kollega" not in html and colleague.email not in html
    assert f'href="{stand_in.get_absolute_url()}">Mottagningen</a>' in html
    assert 'href="tel:010-2000000"' in html


def test_the_home_page_shows_the_next_step_with_its_time_frame(signed_in_client, user, employee):
    path = OnboardingPathPageFactory(function=employee.positions.get().function)
    path.steps = [
        OnboardingStep(title="Läs planen", time_frame="vecka 1"),
        OnboardingStep(title="Träffa chefen", time_frame="vecka 2"),
    ]
    path.save_revision().publish()
    path = OnboardingPathPage.objects.get(pk=path.pk)
    OnboardingProgress.objects.create(user=user, step=path.steps.get(title="Läs planen"))
    html = signed_in_client.get("/").content.decode()
    second = path.steps.get(title="Träffa chefen")
    assert (
        f'Nästa steg: <a href="{path.url}#steg-{second.pk}">Träffa chefen</a>'
        ' <span class="meta">(vecka 2)</span>'
    ) in html
