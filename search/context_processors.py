"""Template context shared by every page."""

from django.utils.translation import gettext_lazy as _

from search.backends.resilient import outage_active

DEGRADED_MESSAGE = _(
    "Search is running on its backup engine right now: results may be less precise than usual."
)


def search_notice(request):
    """Expose whether search is running on its fallback engine, and the notice to show."""
    degraded = bool(getattr(request, "search_degraded", False)) or outage_active()
    return {
        "search_degraded": degraded,
        "search_degraded_message": DEGRADED_MESSAGE if degraded else "",
    }
