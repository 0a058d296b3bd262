"""Search results page and click-through tracking."""

import re

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from search import analytics, presentation, service
from search.params import FILTERS, PAGE_SIZE, clean_query, filter_arguments

RESULT_UID = re.compile(r"[a-z_]{1,30}:[^\s]{1,120}")
RANK = re.compile(r"[0-9]{1,4}")


@require_safe
def search_page(request):
    """Results for `q` with the answer card, promotions, tabs, facets and pages; never an error."""
    query = clean_query(request.GET.get("q"))
    filters = filter_arguments({name: request.GET.getlist(name) for name in FILTERS})
    selected = {name: filters[argument] for name, argument in FILTERS.items()}
    page = presentation.page_number(request.GET.get("page"))
    context = {"query": query, "page": page, "selected": selected, "params": request.GET}
    if query:
        offset = (page - 1) * PAGE_SIZE
        results = service.search(query, **filters, limit=PAGE_SIZE, offset=offset)
        if getattr(results, "degraded", False):
            request.search_degraded = True
        if page == 1:
            kinds = ",".join(selected["kind"])
            analytics.record_search(query=query, results=results.total, kind=kinds)
        context.update(
            presentation.results_context(
                results.to_json(), query=query, selected=selected, page=page, request=request
            )
        )
    return render(request, "search/results.html", context)


@require_safe
def click(request):
    """Count an opened result (query, result, rank; nobody's identity) and go to it."""
    target = request.GET.get("to", "")
    if not presentation.is_local_path(target):
        return HttpResponseRedirect(reverse("search:search"))
    uid = request.GET.get("uid", "")
    rank = request.GET.get("rank", "")
    if RESULT_UID.fullmatch(uid) and RANK.fullmatch(rank):
        analytics.record_click(query=clean_query(request.GET.get("q")), uid=uid, rank=int(rank))
    return HttpResponseRedirect(target)
