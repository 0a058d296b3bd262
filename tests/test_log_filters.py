"""Log lines never carry a path that could name a protected person."""

import logging

import pytest

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_not_found_for_a_protected_person_logs_no_id(signed_in_client, caplog):
    person = PersonFactory(key="p777", protected=True)
    with caplog.at_level(logging.INFO):
        response = signed_in_client.get(f"/katalog/personer/{person.key}/")
    assert response.status_code == 404
    assert caplog.records, "the 404 should still be logged"
    assert "p777" not in caplog.text
    assert person.family_name not in caplog.text


def test_server_access_lines_for_404_withhold_the_path(caplog):
    logger = logging.getLogger("django.server")
    logger.propagate = True
    try:
        with caplog.at_level(logging.INFO, logger="django.server"):
            logger.warning(
                '"%s" %s %s',
                "GET /katalog/personer/p777/ HTTP/1.1",
                404,
                10,
                extra={"status_code": 404},
            )
            logger.info('"%s" %s %s', "GET /katalog/ HTTP/1.1", 200, 10, extra={"status_code": 200})
    finally:
        logger.propagate = False
    assert "p777" not in caplog.text
    assert "GET /katalog/ HTTP/1.1" in caplog.text
