"""The portal's own pages for errors: 404, 403 (also a failed CSRF check) and 500, in the portal's layout."""

from django.http import (
    HttpRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponseNotFound:
    return HttpResponseNotFound(render(request, "errors/404.html").content)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponseForbidden:
    return HttpResponseForbidden(render(request, "errors/403.html").content)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponseForbidden:
    return HttpResponseForbidden(render(request, "errors/403_csrf.html").content)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponseServerError:
    """Rendered without the request's context processors, so nothing that might have failed runs again."""
    template = loader.get_template("errors/500.html")
    return HttpResponseServerError(template.render({"csrf_token": get_token(request)}))
