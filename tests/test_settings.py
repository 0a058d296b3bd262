"""Settings come from the environment; bad values stop with a one-line message."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_check(tmp_path, **variables):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(VAR_DIR=str(tmp_path), **variables)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("url", ["not a url", "nosuchdb://x/y", ""])
def test_wrong_database_url_names_the_variable_without_a_traceback(tmp_path, url):
    result = run_check(tmp_path, DATABASE_URL=url)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_boots_with_no_variables_and_generates_a_local_secret(tmp_path):
    result = run_check(tmp_path)
    assert result.returncode == 0, result.stderr
    secret = (tmp_path / "secret_key").read_text()
    assert len(secret) > 40
    assert run_check(tmp_path).returncode == 0
    assert (tmp_path / "secret_key").read_text() == secret
