"""The bench replaces a real gunicorn's workers and times their first answers."""

import subprocess
import sys
import time
from pathlib import Path

from benchmarks.performance import _children, free_port, fresh_worker_search, request, stop_server

ROOT = Path(__file__).resolve().parent.parent.parent


def test_new_workers_replace_the_old_ones_and_answer():
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - gunicorn with fixed arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tests.benchmarks.hello_wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--config",
            "/dev/null",
            "--no-control-socket",
        ],  # fmt: skip
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while len(_children(process.pid)) < 2 or not _answers(port):
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.05)
        old = set(_children(process.pid))

        seconds = fresh_worker_search(process, port, "/", "token")

        assert 0 < seconds < 10
        assert len(_children(process.pid)) == 2
        assert not set(_children(process.pid)) & old
    finally:
        stop_server(process)


def _answers(port: int) -> bool:
    try:
        return request(port, "/")[0] == 200
    except OSError:
        return False
