"""Site-wide request handling."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers


class PortalLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Require a signed-in user everywhere but views marked `login_not_required` and exact public paths."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info in settings.PUBLIC_PATHS:
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(self, request, view_func):
        if request.path_info.startswith("/api/"):
            response = JsonResponse({"detail": "Authentication required"}, status=401)
            response["WWW-Authenticate"] = 'Bearer realm="api"'
            return response
        return super().handle_no_permission(request, view_func)


class PortalCSPMiddleware(CSPMiddleware):
    """The strict Content-Security-Policy everywhere; the admin's relaxed script-src under /admin/.

    A response its view lets the portal's own pages frame (`X-Frame-Options: SAMEORIGIN`, as
    Wagtail's preview views set) gets the matching `frame-ancestors 'self'`; all else `'none'`.
    A preview is rendered by a request of its own inside the admin's, so the policy that inner
    request set is built again.
    """

    def process_response(self, request, response):
        if response.get("X-Frame-Options") == "SAMEORIGIN":
            del response["Content-Security-Policy"]
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        replace = dict(parts.replace or {})
        if not report_only and request.path_info.startswith(settings.ADMIN_PATH_PREFIX):
            replace.setdefault("script-src", settings.ADMIN_SCRIPT_SRC)
        if response.get("X-Frame-Options") == "SAMEORIGIN":
            replace.setdefault("frame-ancestors", ["'self'"])
        parts.replace = replace or None
        return parts


class PrivateResponsesMiddleware:
    """Nothing the portal answers is stored by browsers or proxies: `Cache-Control: private, no-store`.

    Pages, API answers, feeds and documents carry personal data or are for one signed-in user;
    static files are served by WhiteNoise before this middleware and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_cache_control(response, private=True, no_store=True)
        return response


def chosen_language(request: HttpRequest) -> str:
    """The language picked with the language switch (its cookie) if supported, else the default."""
    choice = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if choice in dict(settings.LANGUAGES):
        return choice
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    """Swedish unless the reader chose another language; the browser's Accept-Language is ignored.

    Replaces Django's LocaleMiddleware, which would follow Accept-Language when no cookie is set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
