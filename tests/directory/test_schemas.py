"""The record schemas: one description for the import and the API, matching the database."""

import pytest
from django.db import models

from directory.importers.bundle import validate
from directory.models import ContactPoint, Function, Organisation, Person, Position
from directory.schemas import RECORDS, PositionRecord
from directory.services import PLAIN_FIELDS

MODELS = {
    "organisations": Organisation,
    "functions": Function,
    "people": Person,
    "contact_points": ContactPoint,
}


def max_length(info) -> int | None:
    return next((rule.max_length for rule in info.metadata if hasattr(rule, "max_length")), None)


@pytest.mark.parametrize(
    ("schema", "model"),
    [*((RECORDS[section], MODELS[section]) for section in RECORDS), (PositionRecord, Position)],
)
def test_text_limits_are_the_columns_limits(schema, model):
    columns = {"id": "key", "owner": "owner_organisation"}
    for name, info in schema.model_fields.items():
        column = model._meta.get_field(columns.get(name, name))
        text = isinstance(column, models.CharField | models.TextField) and not column.choices
        if text and name != "id":
            assert max_length(info) == column.max_length, f"{model.__name__}.{name}"


def test_plain_fields_are_the_columns_the_writer_copies():
    assert PLAIN_FIELDS["people"] == [
        "given_name", "family_name", "title", "email", "phone", "protected", "languages",
        "last_verified",
    ]  # fmt: skip
    assert "parent" not in PLAIN_FIELDS["organisations"]
    assert "organisation" not in PLAIN_FIELDS["contact_points"]


def test_empty_optional_values_read_as_defaults_and_absent_ones_stay_absent():
    sections = {
        "functions": [{"id": "f", "name": "F", "sector": "", "synonyms": None}],
        "organisations": [{"id": "o", "name": "O", "kind": "unit", "parent": ""}],
    }

    bundle = validate(sections=sections, known={}, existing_parents={})

    assert bundle.problems == []
    assert bundle.records["functions"]["f"] == {
        "id": "f", "name": "F", "sector": "other", "synonyms": [],
    }  # fmt: skip
    assert bundle.records["organisations"]["o"] == {
        "id": "o", "name": "O", "kind": "unit", "parent": None,
    }  # fmt: skip


def test_unknown_keys_in_positions_are_warned_about():
    sections = {
        "organisations": [{"id": "o", "name": "O", "kind": "unit"}],
        "functions": [{"id": "f", "name": "F"}],
        "people": [
            {
                "id": "p",
                "given_name": "A",
                "family_name": "B",
                "organisation": "o",
                "positions": [{"function": "f", "organisation": "o", "role": "x"}],
            }
        ],
    }

    bundle = validate(sections=sections, known={}, existing_parents={})

    assert bundle.problems == []
    assert bundle.warnings == ["people[p].positions[0].role: unknown key ignored"]


def test_every_problem_of_a_position_names_its_index_and_field():
    sections = {
        "people": [
            {
                "id": "p",
                "given_name": "A",
                "family_name": "B",
                "organisation": "o",
                "positions": [
                    {"function": "f", "organisation": "o", "start": "2024-13-01"},
                    {"organisation": "o", "age_groups": ["6-12", "99"]},
                ],
            }
        ],
    }

    bundle = validate(sections=sections, known={}, existing_parents={})

    assert {str(problem) for problem in bundle.problems} == {
        "people[p].positions[0].start: must be a date YYYY-MM-DD",
        "people[p].positions[1].function: is required",
        "people[p].positions[1].age_groups: age groups must be among 0-5, 6-12, 13-17, 18-20",
    }


@pytest.mark.django_db
def test_the_api_schema_names_the_allowed_values(signed_in_client):
    schemas = signed_in_client.get("/api/v1/openapi.json").json()["components"]["schemas"]

    assert "municipality" in schemas["OrganisationOut"]["properties"]["kind"]["enum"]
    assert "school" in schemas["FunctionOut"]["properties"]["sector"]["enum"]
    assert "default" not in schemas["FunctionOut"]["properties"]["sector"]
    assert set(schemas["FunctionOut"]["required"]) == set(schemas["FunctionOut"]["properties"])


def test_an_e_mail_address_is_limited_like_its_column():
    address = "a" * 64 + "@" + "b" * 185 + ".test"
    sections = {"organisations": [{"id": "o", "name": "O", "kind": "unit", "email": address}]}

    bundle = validate(sections=sections, known={}, existing_parents={})

    assert [str(problem) for problem in bundle.problems] == [
        "organisations[o].email: must be at most 254 characters (it has 255)"
    ]
