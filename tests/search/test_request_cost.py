"""What a warm suggest request costs a signed-in user: no SQL at all (sessions, users, index)."""

import pytest

from directory import caching
from search.backends import embedded
from tests.factories import PersonFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_a_warm_suggest_request_makes_no_query(client, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(caching, "GENERATION_INTERVAL", 60.0)
    monkeypatch.setattr(embedded.get_default(), "_sync_interval", 60.0)
    PersonFactory(given_name="Kurt", family_name="Kuratorsson")
    client.force_login(UserFactory())
    assert client.get("/api/v1/suggest", {"q": "kur"}).status_code == 200
    with django_assert_num_queries(0):
        response = client.get("/api/v1/suggest", {"q": "kurt"})
    assert [hit["title"] for hit in response.json()] == ["Kurt Kuratorsson"]
