"""OIDC_PROVIDERS: the identity providers, read from one JSON variable and checked at start-up."""

import json
import re
from urllib.parse import urlsplit

REQUIRED_KEYS = ("id", "name", "server_url", "client_id", "client_secret", "email_domains")
OPTIONAL_KEYS = ("scopes", "algorithms", "pkce", "token_auth_method")
DEFAULT_SCOPES = ["openid", "profile", "email"]
ASYMMETRIC_ALGORITHMS = [
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
]  # fmt: skip
SHARED_SECRET_ALGORITHMS = ["HS256", "HS384", "HS512"]
TOKEN_AUTH_METHODS = ("client_secret_post", "client_secret_basic")
PROVIDER_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
DOMAIN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


class ProviderConfigError(ValueError):
    """OIDC_PROVIDERS cannot be used; the message says why in one line."""


def _strings(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v for v in value)


def _provider_app(entry: object, position: int) -> dict:
    """One provider entry as an allauth `openid_connect` app."""
    if not isinstance(entry, dict):
        raise ProviderConfigError(f"entry {position} is not an object")
    label = f"provider {entry.get('id', position)!r}"
    if missing := [key for key in REQUIRED_KEYS if key not in entry]:
        raise ProviderConfigError(f"{label} lacks {', '.join(missing)}")
    if unknown := sorted(set(entry) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS)):
        raise ProviderConfigError(f"{label} has unknown keys: {', '.join(unknown)}")
    if not isinstance(entry["id"], str) or not PROVIDER_ID.match(entry["id"]):
        raise ProviderConfigError(f"{label}: id must be lower-case letters, digits and '-'")
    for key in ("name", "client_id", "client_secret"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise ProviderConfigError(f"{label}: {key} must be a non-empty string")
    url = entry["server_url"]
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("https", "http") or not parts.netloc:
        raise ProviderConfigError(f"{label}: server_url must be an http(s) URL")
    if not _strings(entry["email_domains"]):
        raise ProviderConfigError(f"{label}: email_domains must be a non-empty list of domains")
    domains = [domain.strip().lower() for domain in entry["email_domains"]]
    if bad := [domain for domain in domains if not DOMAIN.match(domain)]:
        raise ProviderConfigError(f"{label}: not a domain: {', '.join(bad)}")
    scopes = entry.get("scopes", DEFAULT_SCOPES)
    if not _strings(scopes) or "openid" not in scopes:
        raise ProviderConfigError(f"{label}: scopes must be a list that includes 'openid'")
    algorithms = entry.get("algorithms", ASYMMETRIC_ALGORITHMS)
    allowed = ASYMMETRIC_ALGORITHMS + SHARED_SECRET_ALGORITHMS
    if not _strings(algorithms) or any(algorithm not in allowed for algorithm in algorithms):
        raise ProviderConfigError(f"{label}: algorithms must be chosen from {', '.join(allowed)}")
    if not isinstance(entry.get("pkce", True), bool):
        raise ProviderConfigError(f"{label}: pkce must be true or false")
    method = entry.get("token_auth_method", "client_secret_post")
    if method not in TOKEN_AUTH_METHODS:
        raise ProviderConfigError(f"{label}: token_auth_method must be one of {TOKEN_AUTH_METHODS}")
    return {
        "provider_id": entry["id"],
        "name": entry["name"].strip(),
        "client_id": entry["client_id"],
        "secret": entry["client_secret"],
        "settings": {
            "server_url": url,
            "email_domains": domains,
            "scope": list(scopes),
            "algorithms": list(algorithms),
            "oauth_pkce_enabled": entry.get("pkce", True),
            "token_auth_method": method,
        },
    }


def provider_apps(text: str) -> list[dict]:
    """Parse OIDC_PROVIDERS (empty: no providers) into allauth `openid_connect` apps."""
    if not text.strip():
        return []
    try:
        entries = json.loads(text)
    except json.JSONDecodeError as error:
        raise ProviderConfigError(
            f"is not valid JSON ({error.msg} at character {error.pos})"
        ) from None
    if not isinstance(entries, list):
        raise ProviderConfigError("must be a JSON list of provider objects")
    apps = [_provider_app(entry, position) for position, entry in enumerate(entries, start=1)]
    ids = [app["provider_id"] for app in apps]
    if duplicates := sorted({provider_id for provider_id in ids if ids.count(provider_id) > 1}):
        raise ProviderConfigError(f"has the same id twice: {', '.join(duplicates)}")
    return apps
