"""Admin wiring for governance and onboarding: meeting period warnings and the onboarding report."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.governance.admin import position_chooser_viewset
from portal.governance.pages import MeetingPage
from portal.onboarding.admin_views import onboarding_report


def warn_if_outside_plan_period(request, page) -> None:
    """Tell the editor when a saved meeting is dated outside its forum's plan period."""
    page = page.specific
    if isinstance(page, MeetingPage) and (warning := page.period_warning):
        messages.warning(request, warning)


hooks.register("after_create_page", warn_if_outside_plan_period)
hooks.register("after_edit_page", warn_if_outside_plan_period)


@hooks.register("register_admin_urls")
def register_onboarding_report_url():
    return [path("reports/onboarding/", onboarding_report, name="onboarding_report")]


@hooks.register("register_reports_menu_item")
def register_onboarding_report_menu_item():
    return MenuItem(
        _("Onboarding completion"),
        reverse("onboarding_report"),
        icon_name="list-ol",
        order=900,
    )


@hooks.register("register_admin_viewset")
def register_position_chooser():
    return position_chooser_viewset
