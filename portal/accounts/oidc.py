"""allauth's OpenID Connect provider with the checks of OpenID Connect Core §3.1.3.7 it lacks.

allauth 65 skips the ID token signature when the token came from the token endpoint (so `alg: none`
passes), sends no nonce, never compares azp or the UserInfo `sub`, has no clock leeway and does not
check that the discovery document belongs to the configured issuer. This module closes those gaps.
"""

import hmac
import secrets

import jwt
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.utils.functional import cached_property

from portal.accounts.models import IdentityIssuer

WELL_KNOWN = "/.well-known/openid-configuration"
DISCOVERY_KEYS = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
REQUIRED_CLAIMS = ["iss", "sub", "aud", "exp", "iat"]


class SignInError(OAuth2Error):
    """The provider's answer cannot be trusted; `reason` is a short code safe to log."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _fetch_json(url: str) -> dict:
    with get_adapter().get_requests_session() as session:
        response = session.get(url)
        response.raise_for_status()
        try:
            data = response.json()
        except ValueError:
            raise SignInError("not_json") from None
    if not isinstance(data, dict):
        raise SignInError("not_json")
    return data


def signing_key(*, jwks: dict, kid: str | None, algorithm: str):
    """The provider's public key named by `kid` (or its only key) for `algorithm`."""
    try:
        keys = jwt.PyJWKSet.from_dict(jwks).keys
    except jwt.PyJWTError:
        raise SignInError("jwks_unusable") from None
    matching = [key for key in keys if kid is None or key.key_id == kid]
    matching = [key for key in matching if key.algorithm_name in (algorithm, None)] or matching
    if len(matching) != 1:
        raise SignInError("signing_key_not_found")
    return matching[0].key


def validate_id_token(
    *,
    id_token: str,
    jwks: dict,
    issuer: str,
    client_id: str,
    client_secret: str,
    algorithms: list[str],
    nonce: str | None,
    leeway: int,
) -> dict:
    """The ID token's claims once signature, iss, aud, azp, exp, iat and nonce all hold."""
    try:
        header = jwt.get_unverified_header(id_token)
    except jwt.PyJWTError:
        raise SignInError("id_token_malformed") from None
    algorithm = header.get("alg")
    if algorithm not in algorithms:
        raise SignInError("id_token_algorithm_not_allowed")
    if algorithm.startswith("HS"):
        key = client_secret
    else:
        key = signing_key(jwks=jwks, kid=header.get("kid"), algorithm=algorithm)
    try:
        claims = jwt.decode(
            id_token,
            key=key,
            algorithms=[algorithm],
            audience=client_id,
            issuer=issuer,
            leeway=leeway,
            options={"require": REQUIRED_CLAIMS},
        )
    except jwt.ExpiredSignatureError:
        raise SignInError("id_token_expired") from None
    except jwt.InvalidAudienceError:
        raise SignInError("id_token_wrong_audience") from None
    except jwt.InvalidIssuerError:
        raise SignInError("id_token_wrong_issuer") from None
    except jwt.PyJWTError as error:
        raise SignInError(f"id_token_invalid:{type(error).__name__}") from None
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if (len(audiences) > 1 or "azp" in claims) and claims.get("azp") != client_id:
        raise SignInError("id_token_wrong_azp")
    if not nonce or not hmac.compare_digest(str(claims.get("nonce", "")), nonce):
        raise SignInError("id_token_wrong_nonce")
    return claims


class PortalOIDCAdapter(OpenIDConnectOAuth2Adapter):
    """Discovery checked against the configured URL; ID tokens validated in full, always."""

    expected_nonce: str | None = None
    id_token: str = ""
    subject: str = ""

    @cached_property
    def openid_config(self) -> dict:
        provider = self.get_provider()
        config = _fetch_json(provider.server_url)
        if any(not isinstance(config.get(key), str) for key in DISCOVERY_KEYS):
            raise SignInError("discovery_incomplete")
        if config["issuer"].rstrip("/") + WELL_KNOWN != provider.server_url.rstrip("/"):
            raise SignInError("discovery_issuer_mismatch")
        return config

    @property
    def basic_auth(self) -> bool:
        return self.get_provider().app.settings.get("token_auth_method") == "client_secret_basic"

    def complete_login(self, request, app, token, **kwargs):
        id_token = kwargs["response"].get("id_token")
        if not isinstance(id_token, str) or not id_token:
            raise SignInError("id_token_missing")
        claims = validate_id_token(
            id_token=id_token,
            jwks=_fetch_json(self.openid_config["jwks_uri"]),
            issuer=self.openid_config["issuer"],
            client_id=app.client_id,
            client_secret=app.secret,
            algorithms=app.settings.get("algorithms", []),
            nonce=self.expected_nonce,
            leeway=settings.OIDC_CLOCK_LEEWAY,
        )
        userinfo = self._fetch_user_info(token.token)
        if not isinstance(userinfo, dict) or userinfo.get("sub") != claims["sub"]:
            raise SignInError("userinfo_subject_mismatch")
        bound = IdentityIssuer.objects.filter(
            account__provider=self.provider_id, account__uid=claims["sub"]
        ).first()
        if bound is not None and bound.issuer != claims["iss"]:
            raise SignInError("identity_bound_to_another_issuer")
        self.id_token, self.subject = id_token, claims["sub"]
        return self.get_provider().sociallogin_from_response(
            request, {"userinfo": userinfo, "id_token": claims}
        )


class PortalOpenIDConnectProvider(OpenIDConnectProvider):
    """allauth's `openid_connect` provider with a nonce and no scope or parameters from the URL."""

    oauth2_adapter_class = PortalOIDCAdapter

    @property
    def email_domains(self) -> list[str]:
        return self.app.settings.get("email_domains", [])

    def get_scope_from_request(self, request):
        return self.get_scope()

    def get_auth_params_from_request(self, request, action):
        return self.get_auth_params()

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(32)
        auth_params = {**(kwargs.pop("auth_params", None) or self.get_auth_params())}
        auth_params["nonce"] = nonce
        return super().redirect(
            request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs
        )
