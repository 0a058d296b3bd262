"""Directory API: detail and list endpoints, filters, pagination, protected people, bad input."""

import pytest
from django.utils import timezone

from directory.models import Person
from tests.directory.conftest import assert_no_secret
from tests.factories import ContactPointFactory, FunctionFactory, PositionFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


def test_anonymous_requests_get_401(client, world):
    response = client.get(f"{API}/people/p1")
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("path", "field", "value"),
    [
        ("people/p1", "name", "Camilla Wallin"),
        ("functions/kurator", "name", "Skolkurator"),
        ("organisations/lek-skola", "parent", "lek"),
        ("contact-points/socjour", "name", "Socialjouren"),
    ],
)
def test_detail_endpoints(signed_in_client, world, path, field, value):
    response = signed_in_client.get(f"{API}/{path}")
    assert response.status_code == 200
    assert response.json()[field] == value


def test_person_detail_has_positions_and_expertise(signed_in_client, world):
    data = signed_in_client.get(f"{API}/people/p1").json()
    assert data["expertise"] == ["NPF"]
    assert data["positions"][0]["function"] == {"id": "kurator", "name": "Skolkurator"}
    assert data["organisation"]["id"] == "lek-skola"


@pytest.mark.parametrize(
    "path",
    ["people/nope", "functions/nope", "organisations/nope", "contact-points/nope", "people/p2"],
)
def test_unknown_and_protected_ids_are_404_json(signed_in_client, world, path):
    response = signed_in_client.get(f"{API}/{path}")
    assert response.status_code == 404
    assert "detail" in response.json()
    assert_no_secret(response.content.decode())


def test_retired_person_is_404(signed_in_client, world):
    Person.objects.filter(key="p1").update(retired_at=timezone.now())
    assert signed_in_client.get(f"{API}/people/p1").status_code == 404


def test_people_list_never_contains_or_counts_protected_people(signed_in_client, world):
    for query in ("", "?organisation=lek", "?function=kurator", "?area=Fjällby"):
        response = signed_in_client.get(f"{API}/people{query}")
        data = response.json()
        assert response.status_code == 200
        assert data["count"] == 1
        assert [person["id"] for person in data["results"]] == ["p1"]
        assert_no_secret(response.content.decode())


def test_people_filters(signed_in_client, world):
    other = FunctionFactory(key="rektor")
    PositionFactory(function=other, organisation=world["soc"], age_groups=["13-17"])

    def ids(query):
        return {
            row["id"] for row in signed_in_client.get(f"{API}/people?{query}").json()["results"]
        }

    assert ids("organisation=lek-soc") == ids("function=rektor") == ids("age_group=13-17")
    assert len(ids("organisation=lek-soc")) == 1
    assert ids("organisation=lek") == ids("organisation=lek-soc") | {"p1"}
    assert ids("area=f–6") == {"p1"}
    assert ids("area=nowhere") == set()


def test_other_lists_and_their_filters(signed_in_client, world):
    ContactPointFactory(key="skola-exp", organisation=world["school"])

    def ids(path):
        return [row["id"] for row in signed_in_client.get(f"{API}/{path}").json()["results"]]

    assert ids("functions") == ["kurator"]
    assert ids("functions?organisation=lek-soc") == []
    assert set(ids("organisations?organisation=lek")) == {"lek", "lek-soc", "lek-skola"}
    assert ids("organisations?function=kurator") == ["lek-skola"]
    assert set(ids("contact-points")) == {"socjour", "skola-exp"}
    assert ids("contact-points?organisation=lek-skola") == ["skola-exp"]


def test_pagination(signed_in_client, world):
    for index in range(5):
        ContactPointFactory(name=f"Punkt {index}", organisation=world["soc"])
    data = signed_in_client.get(f"{API}/contact-points?limit=2&offset=2").json()
    assert data["count"] == 6
    assert (data["limit"], data["offset"], len(data["results"])) == (2, 2, 2)


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=101",
        "limit=abc",
        "offset=-1",
        "organisation=unknown",
        "function=unknown",
        "age_group=99",
        "area=%00",
    ],
)
def test_bad_filters_are_422_with_a_message(signed_in_client, world, query):
    for path in ("people", "functions", "organisations", "contact-points"):
        response = signed_in_client.get(f"{API}/{path}?{query}")
        assert response.status_code == 422, (path, query)
        assert response.json()["detail"]


def test_detail_with_odd_ids_is_404_not_500(signed_in_client, world):
    for key in ("%00", "a%20b", "ä" * 300):
        assert signed_in_client.get(f"{API}/people/{key}").status_code == 404


def test_endpoints_are_in_the_openapi_schema(signed_in_client):
    paths = signed_in_client.get(f"{API}/openapi.json").json()["paths"]
    for path in ("people", "functions", "organisations", "contact-points"):
        assert f"{API}/{path}" in paths
        assert f"{API}/{path}/{{key}}" in paths
