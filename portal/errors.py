"""The portal's own pages for errors: 404, 403 (also a failed CSRF check) and 500, in the portal's layout.

They echo nothing of the address asked for (the header gets no request), so a 404 for a protected
person's key looks the same as any other.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

WITHOUT_REQUEST = {"request": None}


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/404.html", WITHOUT_REQUEST, status=404)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/403.html", WITHOUT_REQUEST, status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/403_csrf.html", WITHOUT_REQUEST, status=403)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponseServerError:
    """Rendered without the request's context processors, so nothing that might have failed runs again."""
    template = loader.get_template("errors/500.html")
    return HttpResponseServerError(template.render({"csrf_token": get_token(request)}))
