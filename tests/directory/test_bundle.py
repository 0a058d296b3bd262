"""Validation of any input shape: errors are reported, never raised as crashes."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from directory.importers.bundle import SECTIONS, _read_json, validate

scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=12)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
field_names = st.sampled_from(
    [
        "id",
        "name",
        "kind",
        "parent",
        "organisation",
        "positions",
        "function",
        "age_groups",
        "protected",
        "expertise",
        "email",
        "website",
        "start",
        "given_name",
        "family_name",
    ]
)
records = st.dictionaries(field_names, values, max_size=8) | values
sections = st.dictionaries(st.sampled_from(SECTIONS), st.lists(records, max_size=4), max_size=4)


@settings(max_examples=200, deadline=None)
@given(sections)
def test_validate_reports_problems_for_any_shape(data):
    bundle = validate(sections=data, known={}, existing_parents={})
    assert all(str(problem) for problem in bundle.problems)


@settings(max_examples=100, deadline=None)
@given(values)
def test_any_json_document_is_read_or_refused(document):
    sections, problems = _read_json(json.dumps(document))
    assert sections or problems


def test_deeply_nested_json_is_refused():
    _sections, problems = _read_json("[" * 100_000 + "]" * 100_000)
    assert "malformed JSON" in str(problems[0])
