"""Hostile and random input to the search API, the results page and every GET operation."""

import string
from urllib.parse import quote

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from portal.accounts import services
from tests.factories import UserFactory
from tests.search import ui_dataset

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HOSTILE_QUERIES = [
    "",
    "   ",
    "k" * 2000,
    "kurator " * 250,
    "!!!",
    "?.,;:-–§",
    '"',
    '"kurator',
    "*",
    "kur*",
    "~",
    "kurator~2",
    "AND",
    "kurator AND OR NOT socialjouren",
    "NEAR(kurator skola)",
    "title:kurator",
    "name:(a OR b)^3",
    "(((",
    "{}[]^",
    "\\",
    "%",
    "_",
    "' OR 1=1 --",
    "'; DROP TABLE directory_person; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "\x00\x01\x02\x1b\x7f",
    "kur\x00ator",
    "\u202eroatruk",
    "😀👶🏽 kurator",
    "ﷺ" * 300,
    "Åsa ÄÖ åäö",
]
SCRIPT_TAGS = 3  # the results page: the typeahead (base.html), the click counter and the filters


@pytest.fixture
def data():
    return ui_dataset.build()


def test_hostile_queries_get_valid_json(signed_in_client, data):
    for query in HOSTILE_QUERIES:
        response = signed_in_client.get("/api/v1/search", {"q": query})
        assert response.status_code == 200, (query, response.content[:300])
        body = response.json()
        assert isinstance(body["results"], list), query
        assert isinstance(body["total"], int), query
        suggestions = signed_in_client.get("/api/v1/suggest", {"q": query})
        assert suggestions.status_code == 200, query
        assert isinstance(suggestions.json(), list), query


def test_hostile_queries_get_a_page_with_nothing_unescaped(signed_in_client, data):
    for query in HOSTILE_QUERIES:
        response = signed_in_client.get("/sok/", {"q": query})
        assert response.status_code == 200, query
        content = response.content.decode()
        assert content.count("<script") == SCRIPT_TAGS, query
        assert "<img src=x" not in content, query


@pytest.mark.parametrize(
    "raw",
    [
        "q=%ED%A0%80",
        "q=%FF%FE",
        "q=%",
        "q=a&q=b",
        "q=kurator&page=-1",
        "q=kurator&page=99999999999999999999",
        "q=kurator&page=abc",
        "q=kurator&page=",
        "q=kurator&kind=%3Cscript%3E",
        "q=kurator&organisation=%27+OR+1%3D1",
        "q=kurator&function=&tag=&audience=",
        "q=kurator&" + "&".join(f"tag=t{n}" for n in range(200)),
        "q=kurator&kind=" + "x" * 5000,
    ],
)
def test_odd_query_strings_get_a_page(signed_in_client, raw):
    response = signed_in_client.get(f"/sok/?{raw}")
    assert response.status_code == 200
    assert response.content.decode().count("<script") == SCRIPT_TAGS


@pytest.mark.parametrize(
    "raw",
    [
        "limit=-5",
        "limit=0",
        "limit=100000000000000000000000000",
        "limit=",
        "limit=NaN",
        "offset=-1",
        "offset=1000000000000",
        "offset=1e3",
    ],
)
def test_bad_limits_get_422_with_a_message(signed_in_client, raw):
    response = signed_in_client.get(f"/api/v1/search?q=kurator&{raw}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"]


def test_odd_filter_values_get_valid_json(signed_in_client, data):
    response = signed_in_client.get(
        "/api/v1/search?q=kurator&kind=%3Cscript%3E&organisation=%27+OR+1%3D1&tag=%00&audience=*"
    )
    assert response.status_code == 200
    assert response.json()["total"] == 0


@FUZZ
@given(
    q=st.text(max_size=60),
    limit=st.one_of(st.integers(-5, 60), st.text(max_size=4)),
    offset=st.one_of(st.integers(-5, 10_005), st.text(max_size=4)),
)
def test_search_api_answers_any_input_without_failing(signed_in_client, data, q, limit, offset):
    response = signed_in_client.get("/api/v1/search", {"q": q, "limit": limit, "offset": offset})
    assert response.status_code in (200, 422)
    valid = (
        isinstance(limit, int) and 1 <= limit <= 50 and isinstance(offset, int) and offset <= 10_000
    )
    if valid and offset >= 0:
        assert response.status_code == 200
        assert len(response.json()["results"]) <= limit


FRAGMENTS = st.sampled_from(
    ["<script>", "</script>", "<img src=x onerror=alert(1)>", '"', "'", "&", "kurator", "AND", "*"]
)


@FUZZ
@given(
    parts=st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=6),
    page=st.one_of(st.integers(-3, 2000), st.text(max_size=4)),
)
def test_results_page_answers_any_input_escaped(signed_in_client, data, parts, page):
    response = signed_in_client.get("/sok/", {"q": "".join(parts), "page": page})
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<script") == SCRIPT_TAGS
    assert "<img src=x" not in content


def parameter_strategy(schema: dict):
    """Values of the parameter's type, plus out-of-range and wrongly typed ones."""
    options = schema.get("anyOf", [schema])
    types = {option.get("type") for option in options}
    strategies = [st.text(max_size=30), st.just("x" * 2001)]
    if "integer" in types or "number" in types:
        strategies += [st.integers(-(2**40), 2**40), st.integers(-2, 60)]
    if "array" in types:
        strategies.append(st.lists(st.text(max_size=20), max_size=4))
    if "boolean" in types:
        strategies.append(st.sampled_from(["true", "false", "maybe"]))
    return st.one_of(strategies)


PATH_SEGMENT = st.one_of(
    st.sampled_from(["ui-p1", "ui-p3", "ui-kurator", "ui-fjallby", "ui-socjour"]),
    st.text(string.ascii_letters + string.digits + "-_.åäö", min_size=1, max_size=30),
)


def fuzz_operation(client, path: str, operation: dict):
    """A hypothesis check calling one GET operation with generated parameters."""
    parameters = operation.get("parameters", [])
    query = {
        p["name"]: parameter_strategy(p.get("schema", {})) for p in parameters if p["in"] == "query"
    }
    in_path = [p["name"] for p in parameters if p["in"] == "path"]

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        values=st.fixed_dictionaries({}, optional=query),
        segments=st.fixed_dictionaries(dict.fromkeys(in_path, PATH_SEGMENT)),
    )
    def check(values, segments):
        url = path
        for name, segment in segments.items():
            url = url.replace("{" + name + "}", quote(segment, safe=""))
        response = client.get(url, values)
        assert response.status_code < 500, (url, values, response.content[:300])
        assert b"Hemligsson" not in response.content, url

    return check


def test_every_get_operation_in_the_openapi_schema_survives_fuzzing(signed_in_client, data):
    schema = signed_in_client.get("/api/v1/openapi.json").json()
    operations = [
        (path, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method == "get"
    ]
    assert {path for path, _ in operations} >= {"/api/v1/search", "/api/v1/suggest"}
    for path, operation in operations:
        fuzz_operation(signed_in_client, path, operation)()


SCHEMATHESIS_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    ignored_auth,
]


def schemathesis_operation(operation, mode: GenerationMode, session, base_url: str, headers: dict):
    """A hypothesis check calling one operation on the live server with schemathesis' data."""

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        response = case.call(base_url=base_url, session=session, headers=headers, timeout=20)
        case.validate_response(response, checks=SCHEMATHESIS_CHECKS, headers=headers)
        assert "Hemligsson" not in response.text, case.formatted_path

    return check


@pytest.mark.django_db(transaction=True)
def test_schemathesis_with_a_bearer_token_finds_only_documented_answers(live_server):
    ui_dataset.build()
    _token, secret = services.create_api_token(user=UserFactory(), name="fuzz", lifetime=None)
    headers = {"Authorization": f"Bearer {secret}", "Connection": "close"}
    with requests.Session() as session:
        raw = session.get(f"{live_server.url}/api/v1/openapi.json", headers=headers, timeout=20)
        schema = schemathesis.openapi.from_dict(raw.json())
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) == 10
        for operation in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                schemathesis_operation(operation, mode, session, live_server.url, headers)()
