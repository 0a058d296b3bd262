"""The feedback component costs no query: existing page query counts hold."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from directory import caching

pytestmark = pytest.mark.django_db


def test_the_component_renders_without_a_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string(
            "components/feedback.html",
            {
                "signed_in": True,
                "target_kind": "page",
                "target_key": 7,
                "thanked": "tack",
                "csrf_token": "token",
            },
        )
    assert 'name="target_key" value="7"' in html and "Tack för din återkoppling!" in html


@pytest.mark.parametrize("target_kind", ["page", "function", "contact_point", "person"])
def test_the_thank_you_costs_no_extra_query(signed_in_client, targets, target_kind):
    record = getattr(targets, target_kind)
    url = record.url if target_kind == "page" else record.get_absolute_url()
    caching.forget_generations()
    signed_in_client.get(url)  # fills the caches
    counts = []
    for query in ("", "?feedback=tack"):
        caching.forget_generations()
        with CaptureQueriesContext(connection) as queries:
            assert signed_in_client.get(f"{url}{query}").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
