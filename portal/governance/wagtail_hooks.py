"""Admin wiring for governance: meeting period warnings and the position chooser."""

from django.contrib import messages
from wagtail import hooks

from portal.governance.admin import position_chooser_viewset
from portal.governance.pages import MeetingPage


def warn_if_outside_plan_period(request, page) -> None:
    """Tell the editor when a saved meeting is dated outside its forum's plan period."""
    page = page.specific
    if isinstance(page, MeetingPage) and (warning := page.period_warning):
        messages.warning(request, warning)


hooks.register("after_create_page", warn_if_outside_plan_period)
hooks.register("after_edit_page", warn_if_outside_plan_period)


@hooks.register("register_admin_viewset")
def register_position_chooser():
    return position_chooser_viewset
