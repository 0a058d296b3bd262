"""How the API knows its caller: a personal bearer token, or the browser session.

Tokens are read-only and act with exactly their user's rights; failures answer 401 with an
RFC 6750 `WWW-Authenticate` challenge.
"""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from portal.accounts import services

CHALLENGE = 'Bearer realm="api"'
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SIGN_IN_REQUIRED = "Authentication required"
INVALID_TOKEN = "The API token is revoked, expired or unknown."  # noqa: S105 - a message
TOKENS_ARE_READ_ONLY = "Personal API tokens are read-only: only GET requests are allowed."


class InvalidToken(AuthenticationError):
    """A bearer token was sent but belongs to no usable token."""

    def __init__(self) -> None:
        super().__init__(message=INVALID_TOKEN)


def bearer_token(request: HttpRequest) -> str | None:
    """The token of an `Authorization: Bearer …` header (scheme case-insensitive), else None."""
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


class PersonalToken(HttpBearer):
    """`Authorization: Bearer <token>` with a personal API token."""

    openapi_description = (
        "A personal, read-only API token created on 'My profile' (/katalog/min-profil/)."
    )
    openapi_bearerFormat = "svp_<43 characters>"

    def __call__(self, request: HttpRequest):
        """As HttpBearer, without its debug log line that would print the header's secret."""
        token = bearer_token(request)
        return None if token is None else self.authenticate(request, token)

    def authenticate(self, request: HttpRequest, token: str):
        user = services.authenticate_api_token(secret=token)
        if user is None:
            raise InvalidToken
        request.user = user
        return user


class BrowserSession(SessionAuth):
    """The signed-in browser session, as the site uses."""

    openapi_description = "The session cookie of a user signed in to the portal."


AUTHENTICATION = [PersonalToken(), BrowserSession()]


def unauthorized(exc: AuthenticationError | None = None) -> JsonResponse:
    """A 401 with a challenge; `error="invalid_token"` when a bad token was sent (RFC 6750 §3)."""
    if isinstance(exc, InvalidToken):
        response = JsonResponse({"detail": INVALID_TOKEN}, status=401)
        response["WWW-Authenticate"] = (
            f'{CHALLENGE}, error="invalid_token", error_description="{INVALID_TOKEN}"'
        )
        return response
    response = JsonResponse({"detail": SIGN_IN_REQUIRED}, status=401)
    response["WWW-Authenticate"] = CHALLENGE
    return response


def require_caller(view):
    """Serve the view to a caller with a usable token or session, as the API operations do."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        for authenticate in AUTHENTICATION:
            try:
                caller = authenticate(request)
            except AuthenticationError as exc:
                return unauthorized(exc)
            if caller:
                return view(request, *args, **kwargs)
        return unauthorized()

    return wrapped


def read_only_for_tokens(view):
    """Refuse every method but GET, HEAD and OPTIONS to a caller that sends a bearer token."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in READ_ONLY_METHODS and bearer_token(request) is not None:
            return JsonResponse({"detail": TOKENS_ARE_READ_ONLY}, status=403)
        return view(request, *args, **kwargs)

    return wrapped


def machine_client_urls(urls: tuple[list, str, str], *, keep: frozenset[str]) -> tuple:
    """The API's URL patterns, authenticated by the API itself rather than the login middleware.

    Patterns named in `keep` stay behind the login middleware.
    """
    patterns, app_name, namespace = urls
    opened = [
        pattern
        if pattern.name in keep
        else URLPattern(
            pattern.pattern,
            login_not_required(read_only_for_tokens(pattern.callback)),
            pattern.default_args,
            pattern.name,
        )
        for pattern in patterns
    ]
    return opened, app_name, namespace
