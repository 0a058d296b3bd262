"""Search test fixtures: the live Elasticsearch suite runs only when ELASTICSEARCH_URL is set."""

import os

import pytest

LIVE_SKIP_REASON = "ELASTICSEARCH_URL not set: live Elasticsearch suite skipped"


def pytest_runtest_setup(item):
    if item.get_closest_marker("elasticsearch") and not os.environ.get("ELASTICSEARCH_URL"):
        pytest.skip(LIVE_SKIP_REASON)


@pytest.fixture(autouse=True)
def _search_tests_use_the_index(search_index):
    """Every search test reads the index its saves build."""
