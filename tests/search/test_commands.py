"""search_query and rebuild_search_index commands."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import FunctionFactory

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
