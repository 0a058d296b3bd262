"""Admin wiring for reader feedback: the owners' list, its menu item and the dashboard panel."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from portal.feedback import selectors
from portal.feedback.admin_views import feedback_detail, feedback_index


class FeedbackMenuItem(MenuItem):
    """Shown to administrators and organisation editors only."""

    def is_shown(self, request):
        return selectors.may_handle_feedback(request.user)


class FeedbackPanel(Component):
    """How much new reader feedback waits for the editor's organisations."""

    name = "reader_feedback"
    order = 95
    template_name = "feedback/admin/panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"count": selectors.new_feedback_count(user=self.user)}


@hooks.register("register_admin_urls")
def register_feedback_urls():
    return [
        path("aterkoppling/", feedback_index, name="feedback_index"),
        path("aterkoppling/<int:pk>/", feedback_detail, name="feedback_detail"),
    ]


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item():
    return FeedbackMenuItem(
        _("Reader feedback"), reverse("feedback_index"), icon_name="help", order=850
    )


@hooks.register("construct_homepage_panels")
def add_feedback_panel(request, panels):
    if selectors.may_handle_feedback(request.user):
        panels.append(FeedbackPanel(request.user))
