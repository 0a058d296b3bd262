"""Search results page and the click counter."""

import re

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_POST, require_safe

from search import analytics, presentation, registry, service
from search.params import SearchParams, clean_query

RESULT_UID = re.compile(r"[a-z_]{1,30}:[^\s]{1,120}")
RANK = re.compile(r"[0-9]{1,4}")


@require_safe
def search_page(request):
    """Results for `q` with the answer card, promotions, tabs, facets and pages; never an error."""
    params = SearchParams.for_results_page(request.GET)
    exact = request.GET.get("exact") == "1"
    selected = params.selected
    context = {"query": params.q, "selected": selected, "params": request.GET}
    if params.q:
        asking = registry.context_for_user(request.user)
        searcher = None if params.context == "none" else asking
        results = service.search_with_correction(params, context=searcher, exact=exact)
        if params.page == 1:
            kinds = ",".join(selected["kind"])
            analytics.record_search(query=params.q, results=results.total, kind=kinds)
        page = presentation.results_page(total=results.total, number=params.page)
        if page.number != params.page:
            params = params.on_page(page.number)
            results = service.search_with_correction(params, context=searcher, exact=exact)
        if results.degraded:
            request.search_degraded = True
        if results.corrected_from:
            context["params"] = presentation.corrected_params(request.GET, results.query)
        context.update(
            presentation.results_context(
                results, params=params, page=page, request=request, asking=asking
            )
        )
    return render(request, "search/results.html", context)


@require_POST
def click(request):
    """Count an opened result (query, result, rank; nobody's identity): a same-origin POST only.

    CSRF protection refuses a POST from another site, so statistics cannot be forged from
    outside; result links point straight at their pages and work without this counter.
    """
    uid = request.POST.get("uid", "")
    rank = request.POST.get("rank", "")
    if not (RESULT_UID.fullmatch(uid) and RANK.fullmatch(rank)):
        return HttpResponseBadRequest()
    analytics.record_click(query=clean_query(request.POST.get("q")), uid=uid, rank=int(rank))
    return HttpResponse(status=204)
