"""The portal's URLs plus views that fail on purpose, for the error page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from portal.urls import handler403, handler404, handler500, urlpatterns

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def fails(request):
    raise RuntimeError("secret detail of the failure")


def forbids(request):
    raise PermissionDenied("secret reason")


urlpatterns = [path("test-fails/", fails), path("test-forbids/", forbids), *urlpatterns]
