"""Admin wiring for content: the editor's review dashboard panel."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from portal import governance_hooks  # noqa: F401 - registers the governance and onboarding hooks
from portal.selectors import pages_due_for_review

MAX_PANEL_PAGES = 50


class ReviewPanel(Component):
    """Pages of the editor's organisations past their review-by date or due within 30 days."""

    name = "portal_review"
    order = 90
    template_name = "portal/admin/review_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        pages = list(pages_due_for_review(user=self.user)[:MAX_PANEL_PAGES])
        overdue = [page for page in pages if page.is_overdue_for_review]
        return {
            "heading": _("Content to review"),
            "overdue": overdue,
            "due_soon": [page for page in pages if not page.is_overdue_for_review],
        }


@hooks.register("construct_homepage_panels")
def add_review_panel(request, panels):
    panels.append(ReviewPanel(request.user))
