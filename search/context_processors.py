"""Template context shared by every page."""


def search_notice(request):
    """Expose whether search is running on its fallback engine."""
    return {"search_degraded": getattr(request, "search_degraded", False)}
