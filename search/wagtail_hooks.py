"""Admin wiring: the search report under Reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.admin_views import REPORT_PERMISSION, SearchReportView


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORT_PERMISSION)


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("reports/search-queries/", SearchReportView.as_view(), name="search_query_report")]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(
        _("Search queries"),
        reverse("search_query_report"),
        name="search-queries",
        icon_name="search",
        order=1300,
    )
