"""OIDC_PROVIDERS: several providers from one JSON variable, refused with one line when wrong."""

import json

import pytest

from portal.accounts.config import ProviderConfigError, provider_apps
from tests.test_settings import run_check

EKESA = {
    "id": "ekesa",
    "name": "Ekeså kommun",
    "server_url": "https://login.ekesa.se/.well-known/openid-configuration",
    "client_id": "portal",
    "client_secret": "secret",
    "email_domains": ["Ekesa.se"],
}
DALMARK = {**EKESA, "id": "dalmark", "name": "Region Dalmark", "email_domains": ["dalmark.se"]}


def test_several_providers_become_allauth_apps_with_safe_defaults():
    apps = provider_apps(json.dumps([EKESA, {**DALMARK, "scopes": ["openid", "email"]}]))
    assert [app["provider_id"] for app in apps] == ["ekesa", "dalmark"]
    ekesa = apps[0]
    assert (ekesa["name"], ekesa["client_id"], ekesa["secret"]) == (
        "Ekeså kommun",
        "portal",
        "secret",
    )
    assert ekesa["settings"]["email_domains"] == ["ekesa.se"]
    assert ekesa["settings"]["scope"] == ["openid", "profile", "email"]
    assert ekesa["settings"]["oauth_pkce_enabled"] is True
    assert "none" not in ekesa["settings"]["algorithms"]
    assert not any(name.startswith("HS") for name in ekesa["settings"]["algorithms"])
    assert apps[1]["settings"]["scope"] == ["openid", "email"]


def test_no_variable_means_no_providers():
    assert provider_apps("") == []


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("{not json", "is not valid JSON"),
        ('{"id": "x"}', "must be a JSON list"),
        (json.dumps([{k: v for k, v in EKESA.items() if k != "client_id"}]), "lacks client_id"),
        (json.dumps([{**EKESA, "colour": "red"}]), "unknown keys: colour"),
        (json.dumps([EKESA, EKESA]), "the same id twice: ekesa"),
        (json.dumps([{**EKESA, "server_url": "ftp://x"}]), "server_url must be an http"),
        (json.dumps([{**EKESA, "email_domains": []}]), "email_domains"),
        (json.dumps([{**EKESA, "email_domains": ["not a domain"]}]), "not a domain"),
        (json.dumps([{**EKESA, "algorithms": ["none"]}]), "algorithms"),
        (json.dumps([{**EKESA, "scopes": ["email"]}]), "'openid'"),
        (json.dumps([{**EKESA, "id": "Ekeså Kommun"}]), "id must be"),
    ],
)
def test_bad_values_are_refused_with_a_reason(value, message):
    with pytest.raises(ProviderConfigError, match=message):
        provider_apps(value)


@pytest.mark.parametrize("value", ["[{", json.dumps([{"id": "ekesa"}])])
def test_start_up_stops_with_one_line_naming_the_variable(tmp_path, value):
    result = run_check(tmp_path, OIDC_PROVIDERS=value)
    assert result.returncode != 0
    assert "OIDC_PROVIDERS" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_start_up_accepts_two_providers(tmp_path):
    result = run_check(tmp_path, OIDC_PROVIDERS=json.dumps([EKESA, DALMARK]))
    assert result.returncode == 0, result.stderr
