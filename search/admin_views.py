"""The editors' search report: top queries, zero-result queries and click-through."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from search import analytics

REPORT_PERMISSION = "search.view_querylog"
PERIODS = (7, 30, 90, 365)


class SearchReportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Search queries")
    header_icon = "search"
    template_name = "search/admin/report.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        days = self.request.GET.get("days", "")
        days = int(days) if days in {str(period) for period in PERIODS} else 30
        return super().get_context_data(
            report=analytics.search_report(days=days), days=days, periods=PERIODS, **kwargs
        )
