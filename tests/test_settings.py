"""Settings come from the environment; bad values stop with a one-line message."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from portal import settings as settings_module

ROOT = Path(__file__).resolve().parent.parent
SECURITY_SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, s.SESSION_COOKIE_SECURE, "
    "s.SECURE_PROXY_SSL_HEADER)"
)


def run_python(tmp_path, *arguments, **variables):
    """This interpreter with only the given variables (and the rest of the environment) set."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "HTTPS"}
    }
    environment.update(VAR_DIR=str(tmp_path), **variables)
    return subprocess.run(  # noqa: S603 - this interpreter with arguments fixed by these tests
        [sys.executable, *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_manage(tmp_path, *arguments, **variables):
    """manage.py with only the given variables (and the rest of the environment) set."""
    return run_python(tmp_path, "manage.py", *arguments, **variables)


def read_settings(tmp_path, script, **variables):
    """The portal's settings as a fresh process reads them (settings only, no app start-up)."""
    return run_python(tmp_path, "-c", script, DJANGO_SETTINGS_MODULE="portal.settings", **variables)


def run_check(tmp_path, **variables):
    return run_manage(tmp_path, "check", **variables)


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
    again = read_settings(tmp_path, "from django.conf import settings; print(settings.SECRET_KEY)")
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == secret.strip()
    assert (tmp_path / "secret_key").read_text() == secret


def test_the_development_server_refuses_https_with_one_line(tmp_path):
    result = run_manage(tmp_path, "runserver", "127.0.0.1:0", "--noreload", HTTPS="1")
    assert result.returncode != 0
    assert "HTTPS" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("value", ["1", "on", "yes"])
def test_the_development_server_refuses_every_https_spelling(monkeypatch, value):
    monkeypatch.setenv("HTTPS", value)
    # An address runserver would reject: reaching it means HTTPS was not refused.
    with pytest.raises(CommandError) as refused:
        call_command("runserver", "not-an-address", "--noreload")
    assert "HTTPS" in str(refused.value)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize("value", ["1", "on", "yes"])
def test_https_means_behind_a_tls_proxy(tmp_path, value):
    on = read_settings(tmp_path, SECURITY_SETTINGS, HTTPS=value)
    assert on.stdout.split() == ["True", "True", "True", "('HTTP_X_FORWARDED_PROTO',", "'https')"]
    off = read_settings(tmp_path, SECURITY_SETTINGS)
    assert off.stdout.split() == ["False", "False", "False", "None"]


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("", "django.core.cache.backends.locmem.LocMemCache"),
        ("redis://127.0.0.1:6379/0", "django.core.cache.backends.redis.RedisCache"),
        ("memcached://127.0.0.1:11211", "django.core.cache.backends.memcached.PyMemcacheCache"),
    ],
)
def test_cache_url_chooses_the_shared_cache(monkeypatch, url, backend):
    monkeypatch.setenv("CACHE_URL", url)
    assert settings_module._cache()["BACKEND"] == backend


def test_an_unknown_cache_url_names_the_variable(monkeypatch):
    monkeypatch.setenv("CACHE_URL", "filecache:///tmp/x")
    with pytest.raises(SystemExit, match="CACHE_URL"):
        settings_module._cache()
