"""The load driver, statistics and import floor of the performance benchmark."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.performance import HOST, drive, import_floor, percentile
from directory.generate import generate_bundle
from directory.models import Person


def test_percentile_is_nearest_rank():
    values = [float(n) for n in range(1, 101)]

    assert percentile(values, 95) == 95.0
    assert percentile(values, 50) == 50.0
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 95) == 0.0


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: list[tuple[str, str]] = []

    def do_GET(self):
        self.seen.append((self.path, self.headers.get("Cookie", "")))
        status = 404 if self.path == "/missing" else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer((HOST, 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.seen = []
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def test_drive_stops_at_the_request_limit_and_counts_errors(server):
    load = drive(
        server,
        ["/a", "/missing"],
        cookie="sessionid=x",
        clients=3,
        seconds=30,
        limit=40,
        name="t",
    )

    assert len(load.latencies) == 40
    assert load.statuses[200] + load.statuses[404] == 40
    assert load.errors == load.statuses[404] > 0
    assert {cookie for _path, cookie in _Handler.seen} == {"sessionid=x"}


def test_drive_stops_when_time_runs_out(server):
    load = drive(server, ["/a"], cookie="", clients=2, seconds=0.3, limit=10**9, name="t")

    assert 0 < len(load.latencies) < 10**9
    assert load.seconds < 5


@pytest.mark.django_db
def test_import_floor_inserts_the_rows_then_rolls_them_back(tmp_path):
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(generate_bundle(people=30, organisations=5, functions=3)))

    with CaptureQueriesContext(connection) as captured:
        import_floor(path)

    inserts = [query["sql"] for query in captured if query["sql"].startswith("INSERT")]
    assert any('"directory_person"' in sql for sql in inserts)
    assert any('"directory_position"' in sql for sql in inserts)
    assert Person.objects.count() == 0
