"""Search results page."""

from django.shortcuts import render


def search_page(request):
    query = request.GET.get("q", "")[:500]
    return render(request, "search/results.html", {"query": query, "results": []})
