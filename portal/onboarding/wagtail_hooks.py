"""Admin wiring for onboarding: the completion report under Reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.onboarding.admin_views import onboarding_report


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
