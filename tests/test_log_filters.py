"""Log lines never carry a query string, nor a path that could name a protected person."""

import importlib.util
import io
import logging
from pathlib import Path

import pytest

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

_spec = importlib.util.spec_from_file_location(
    "gunicorn_conf", Path(__file__).resolve().parent.parent / "gunicorn.conf.py"
)
gunicorn_conf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gunicorn_conf)


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


@pytest.fixture
def console():
    """The configured console handler (LOGGING in portal/settings.py), writing to a buffer."""
    handler = logging.getLogger("django.server").handlers[0]
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


@pytest.mark.parametrize(
    "request_line",
    [
        "GET /sok/?q=ylva+%C3%B6stergren&kind=person HTTP/1.1",
        "GET /api/v1/suggest?q=ylva.ostergren%40genby.test HTTP/1.1",
        "GET /sok/klick/?q=ylva&uid=person:p035&rank=1&to=/katalog/ HTTP/1.1",
        "GET /sok/?q=ylva östergren 070-555 HTTP/1.1",
    ],
)
def test_access_lines_never_carry_a_query_string(console, request_line):
    logging.getLogger("django.server").info(
        '"%s" %s %s', request_line, 200, 10, extra={"status_code": 200}
    )

    line = console.getvalue()
    path = request_line.split()[1].split("?")[0]
    assert f'"GET {path} HTTP/1.1" 200 10' in line
    for secret in ("ylva", "stergren", "p035", "070-555", "kind="):
        assert secret not in line


def test_any_logged_url_loses_its_query_string(console):
    logging.getLogger("search.views").warning(
        "Slow request to %s (referer %s)", "/sok/?q=anna+berg", "http://127.0.0.1/sok/?q=p035"
    )

    assert console.getvalue() == (
        "WARNING search.views: Slow request to /sok/ (referer http://127.0.0.1/sok/)\n"
    )


def test_the_gunicorn_access_format_has_no_query_string():
    atoms = {
        "t": "[26/Nov/2026:10:00:00 +0100]",
        "m": "GET",
        "U": "/sok/",
        "H": "HTTP/1.1",
        "s": 200,
        "b": 10,
        "L": "0.01",
        "r": "GET /sok/?q=anna+berg HTTP/1.1",
        "q": "q=anna+berg",
        "f": "/sok/?q=anna+berg",
    }
    line = gunicorn_conf.access_log_format % atoms

    assert line == '[26/Nov/2026:10:00:00 +0100] "GET /sok/ HTTP/1.1" 200 10 0.01'
