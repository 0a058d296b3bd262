"""search_query and rebuild_search_index commands."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.factories import FunctionFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_search_query_prints_the_api_json():
    FunctionFactory(key="kurator", name="Skolkurator")
    out = StringIO()
    call_command(
        "search_query", "skolkurator", "--kind", "function", "--limit", "5", "--json", stdout=out
    )
    body = json.loads(out.getvalue())
    assert body["query"] == "skolkurator"
    assert body["results"][0]["id"] == "kurator"


def test_rebuild_prints_progress_and_count():
    FunctionFactory.create_batch(2)
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Indexed 2 documents." in out.getvalue()


@pytest.mark.parametrize(
    ("arguments", "name"),
    [(["--limit", "0"], "limit"), (["--limit", "51"], "limit"), (["--offset", "-1"], "offset")],
)
def test_search_query_refuses_values_out_of_range_naming_them(arguments, name):
    with pytest.raises(CommandError, match=name):
        call_command("search_query", "kurator", *arguments, stdout=StringIO())


def test_search_query_refuses_an_overlong_query():
    with pytest.raises(CommandError, match="q: String should have at most 2000 characters"):
        call_command("search_query", "x" * 2001, stdout=StringIO())


@pytest.mark.parametrize("person", ["nobody", "hidden", "gone"])
def test_search_query_as_an_unknown_protected_or_retired_person_is_refused(person):
    PersonFactory(key="hidden", protected=True)
    PersonFactory(key="gone", retired_at=timezone.now())
    with pytest.raises(CommandError, match=f"--as {person}: no current person"):
        call_command("search_query", "kurator", "--as", person, stdout=StringIO())


def test_search_query_refuses_a_context_other_than_none():
    with pytest.raises(CommandError, match="--context"):
        call_command("search_query", "kurator", "--context", "garbage", stdout=StringIO())


@pytest.mark.parametrize("arguments", [["--as", "sara"], ["--context", "none"]])
def test_search_query_searches_as_a_person_or_without_context(arguments):
    FunctionFactory(key="kurator", name="Skolkurator")
    PersonFactory(key="sara")
    out = StringIO()
    call_command("search_query", "skolkurator", *arguments, "--json", stdout=out)
    assert json.loads(out.getvalue())["results"][0]["id"] == "kurator"
