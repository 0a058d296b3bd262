"""Editors' admin: forum and meeting edit forms and the position chooser."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from portal.governance.pages import ForumSeat
from tests.factories import ForumPageFactory, MeetingPageFactory, PositionFactory

# Admin views and the content importer read and write Wagtail's reference and page search indexes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_indexes")]


@pytest.fixture
def editor_client():
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("editor", password="pw-ed-123"))
    return client


def test_forum_and_meeting_edit_forms_render(editor_client):
    forum = ForumPageFactory()
    forum.seats = [ForumSeat(position=PositionFactory(person__protected=True))]
    forum.save_revision().publish()
    meeting = MeetingPageFactory(parent=forum)
    for page in (forum, meeting):
        response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200
    assert editor_client.get(f"/admin/pages/add/portal/meetingpage/{forum.pk}/").status_code == 200


def test_position_chooser_searches_without_showing_protected_names(editor_client):
    visible = PositionFactory(person__given_name="Synlig", person__family_name="Kurator")
    hidden = PositionFactory(
        person__given_name="Dold", person__family_name="Person", person__protected=True
    )
    response = editor_client.get("/admin/position_chooser/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Synlig Kurator" in body
    assert "Dold" not in body
    assert hidden.function.name in body
    found = editor_client.get("/admin/position_chooser/results/", {"q": "Synlig"})
    assert "Synlig Kurator" in found.content.decode()
    assert visible.organisation.name in found.content.decode()
    by_hidden_name = editor_client.get("/admin/position_chooser/results/", {"q": "Dold"})
    assert hidden.function.name not in by_hidden_name.content.decode()
