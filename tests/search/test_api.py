"""The search API of SPEC §5.1: shape, filters, validation and permissions."""

import pytest

from tests.search import ui_dataset

pytestmark = pytest.mark.django_db

RESULT_KEYS = {"kind", "id", "title", "url", "snippet", "score"}
SUGGESTION_KEYS = {"kind", "id", "title", "url"}
FACET_NAMES = {"kind", "organisation", "function", "tag", "audience"}


@pytest.fixture
def data():
    return ui_dataset.build()


@pytest.mark.parametrize("path", ["/api/v1/search?q=kurator", "/api/v1/suggest?q=kur"])
def test_anonymous_callers_get_401_json(client, path):
    response = client.get(path)
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication required"}


def test_search_json_has_the_contract_shape(signed_in_client, data):
    response = signed_in_client.get("/api/v1/search", {"q": "skolkurator"})
    assert response.status_code == 200
    body = response.json()
    assert {"query", "total", "results", "facets"} <= set(body)
    assert body["query"] == "skolkurator"
    assert isinstance(body["total"], int) and body["total"] >= 1
    assert body["results"]
    for result in body["results"]:
        assert set(result) == RESULT_KEYS
        assert isinstance(result["score"], float)
        assert result["url"].startswith("/")
    assert ("function", "ui-kurator") in {(r["kind"], r["id"]) for r in body["results"]}
    assert set(body["facets"]) == FACET_NAMES
    assert all(
        isinstance(count, int) for counts in body["facets"].values() for count in counts.values()
    )
    assert body["facets"]["kind"]["function"] >= 1


def test_answer_card_names_a_contact_with_phone_and_email(signed_in_client, data):
    body = signed_in_client.get("/api/v1/search", {"q": "socialjouren"}).json()
    answer = body["answer"]
    assert answer["kind"] == "contact_point"
    assert answer["id"] == "ui-socjour"
    assert answer["phone"] == "0980-123 45"
    assert answer["email"] == "socialjouren@lekeby.test"


def test_limit_and_offset_page_through_the_results(signed_in_client, data):
    everything = signed_in_client.get("/api/v1/search", {"q": "fjällby", "limit": 50}).json()
    assert everything["total"] >= 2
    first = signed_in_client.get("/api/v1/search", {"q": "fjällby", "limit": 1}).json()
    second = signed_in_client.get(
        "/api/v1/search", {"q": "fjällby", "limit": 1, "offset": 1}
    ).json()
    assert len(first["results"]) == len(second["results"]) == 1
    assert first["results"][0] != second["results"][0]
    assert [first["results"][0], second["results"][0]] == everything["results"][:2]


def test_repeated_kind_parameters_combine(signed_in_client, data):
    response = signed_in_client.get(
        "/api/v1/search?q=fjällby&kind=person&kind=organisation&limit=50"
    )
    kinds = {result["kind"] for result in response.json()["results"]}
    assert kinds
    assert kinds <= {"person", "organisation"}


def test_unknown_facet_values_match_nothing(signed_in_client, data):
    for parameter in ("kind", "organisation", "function", "tag", "audience"):
        response = signed_in_client.get("/api/v1/search", {"q": "kurator", parameter: "no-such"})
        assert response.status_code == 200, parameter
        assert response.json()["total"] == 0, parameter
        assert response.json()["results"] == []


def test_organisation_filter_keeps_records_of_that_unit(signed_in_client, data):
    response = signed_in_client.get(
        "/api/v1/search", {"q": "kurator", "organisation": "ui-fjallby", "limit": 50}
    )
    ids = {(r["kind"], r["id"]) for r in response.json()["results"]}
    assert ("person", "ui-p1") in ids
    assert ("person", "ui-p2") not in ids


@pytest.mark.parametrize(
    ("parameters", "name"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 51}, "limit"),
        ({"limit": -1}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"limit": "9" * 40}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": 10_001}, "offset"),
        ({"offset": "1.5"}, "offset"),
        ({"q": "x" * 2001}, "q"),
        ({"context": "garbage"}, "context"),
        ({"context": "None"}, "context"),
    ],
)
def test_invalid_parameters_give_422_naming_the_parameter(signed_in_client, parameters, name):
    response = signed_in_client.get("/api/v1/search", parameters)
    assert response.status_code == 422
    errors = response.json()["detail"]
    assert any(name in error["loc"] for error in errors)
    assert all(error["msg"] for error in errors)


@pytest.mark.parametrize("context", ["", "none"])
def test_context_empty_or_none_is_accepted(signed_in_client, data, context):
    response = signed_in_client.get("/api/v1/search", {"q": "skolkurator", "context": context})
    assert response.status_code == 200
    assert response.json()["results"]


def test_a_2000_character_query_is_accepted(signed_in_client, data):
    response = signed_in_client.get("/api/v1/search", {"q": "kurator " * 250})
    assert response.status_code == 200
    assert response.json()["total"] >= 0


def test_suggest_returns_at_most_eight_small_records(signed_in_client, data):
    for number in range(12):
        ui_dataset.FunctionFactory(key=f"ui-kur-{number}", name=f"Kuratorsteam {number}")
    response = signed_in_client.get("/api/v1/suggest", {"q": "kurat"})
    assert response.status_code == 200
    suggestions = response.json()
    assert 1 <= len(suggestions) <= 8
    for suggestion in suggestions:
        assert SUGGESTION_KEYS <= set(suggestion) <= SUGGESTION_KEYS | {"detail"}


def test_person_suggestions_say_role_unit_and_phone(signed_in_client, data):
    suggestions = signed_in_client.get("/api/v1/suggest", {"q": "karin"}).json()

    karin = next(s for s in suggestions if s["id"] == "ui-p1")
    assert karin["detail"] == "Skolkurator · Fjällby skola · 070-174 00 00"


def test_suggest_with_an_empty_query_is_an_empty_list(signed_in_client, data):
    assert signed_in_client.get("/api/v1/suggest", {"q": "   "}).json() == []


@pytest.mark.parametrize("query", [ui_dataset.PROTECTED_NAME, "Hemligsson", "zelda", "070-999"])
def test_protected_people_appear_in_no_result_or_suggestion(signed_in_client, data, query):
    for path in ("/api/v1/search", "/api/v1/suggest"):
        body = signed_in_client.get(path, {"q": query, "limit": 50}).json()
        results = body["results"] if isinstance(body, dict) else body
        assert "ui-p3" not in {result["id"] for result in results}
        text = str(results) + str(body.get("answer") if isinstance(body, dict) else "")
        assert "Hemligsson" not in text
        assert "070-999 99 99" not in text


def test_openapi_documents_both_operations_and_their_parameters(signed_in_client):
    schema = signed_in_client.get("/api/v1/openapi.json").json()
    search = schema["paths"]["/api/v1/search"]["get"]
    names = {parameter["name"] for parameter in search["parameters"]}
    assert names >= {"q", "kind", "organisation", "function", "tag", "audience", "limit", "offset"}
    context = next(
        parameter for parameter in search["parameters"] if parameter["name"] == "context"
    )
    assert "none" in str(context["schema"])
    assert "context" in context["description"]
    assert "/api/v1/suggest" in schema["paths"]
