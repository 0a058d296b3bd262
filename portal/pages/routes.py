"""Routing pages from the cache: the site of a host and, once seen, a page every reader sees alike.

Wagtail routes each request with a site query, the root page and the routed page, then reads
the view restrictions of the page and its ancestors. The site of a host (with its specific root
page) and, for a page with a shared body, the routed page and its restrictions are kept in the
cache under the content generation, which every publish, unpublish, move, delete, site edit and
view-restriction edit bumps (directory/caching.py, portal/caching.py). `recall_route` hands them
to Wagtail through the two request attributes Wagtail reads before routing
(`Site.find_for_request`, `Page.route_for_request`); `portal.views.serve_page` calls it, then
serves as Wagtail does.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from wagtail.models import Site
from wagtail.url_routing import RouteResult

from directory import caching


def _key(kind: str, request, path: str = "") -> str:
    digest = hashlib.sha256(
        f"{request.get_host()}|{request.get_port()}|{path}".encode()
    ).hexdigest()
    return caching.cache_key(f"{kind}:{digest}", [caching.CONTENT])


def _path(path_components: list[str]) -> str:
    return "/".join(component for component in path_components if component)


def remember_route(request, path_components: list[str], page) -> None:
    """Keep the freshly routed `page` and its view restrictions for the next request to its path."""
    restrictions = list(page.get_view_restrictions())
    key = _key("route", request, _path(path_components))
    cache.set(key, (page, restrictions), caching.DEFAULT_TIMEOUT)
    page.cached_view_restrictions = restrictions


def _site(request) -> Site | None:
    """The request's site with its specific root page, from the cache once found."""
    key = _key("site", request)
    if (site := cache.get(key)) is None:
        if (site := Site.find_for_request(request)) is None:
            return None
        site.root_page = site.root_page.specific
        cache.set(key, site, caching.DEFAULT_TIMEOUT)
    return site


def recall_route(request, path: str) -> None:
    """Give Wagtail the request's site, and the page remembered for `path` if any, before it routes."""
    request._wagtail_site = _site(request)
    if (entry := cache.get(_key("route", request, _path(path.split("/"))))) is not None:
        page, restrictions = entry
        page.cached_view_restrictions = restrictions
        request._wagtail_route_for_request = RouteResult(page)
