"""Secrets for machine clients: generated with `secrets`, stored and looked up as SHA-256 hashes.

A secret carries 256 random bits, so a plain SHA-256 is enough to make a leaked hash useless
(nothing to brute-force, no salt needed) and lets a request find its token with one indexed lookup.
"""

import hashlib
import secrets

SECRET_BYTES = 32
API_TOKEN_PREFIX = "svp_"  # noqa: S105 - a public prefix, not a secret
MAX_SECRET_LENGTH = 200


def new_calendar_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def new_api_secret() -> str:
    """An API token; the prefix lets secret scanners and people recognise it."""
    return API_TOKEN_PREFIX + secrets.token_urlsafe(SECRET_BYTES)


def secret_hash(secret: str) -> str | None:
    """The stored form of a secret, or None for input that cannot be one."""
    if not secret or len(secret) > MAX_SECRET_LENGTH:
        return None
    return hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()
