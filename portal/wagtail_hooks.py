"""Admin wiring for content: the editor's review dashboard panel and page rights by type.

Wagtail reads only this module of the app, so it also loads the governance and onboarding hooks.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from directory.models import FUNCTION_WORKFLOW_HOOK
from directory.selectors import publishes_directly
from directory.views import FUNCTION_CONTEXT_HOOK
from portal.governance import wagtail_hooks as governance_hooks  # noqa: F401 - registers them
from portal.onboarding import wagtail_hooks as onboarding_hooks  # noqa: F401 - registers them
from portal.selectors import pages_due_for_review, related_guidelines
from portal.workflows import OrganisationPagePermissionTester, organisation_workflow

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


@hooks.register("before_create_page")
def refuse_page_types_the_user_may_not_create(request, parent_page, page_class):
    """Editors create organisation content only, under sections or their own pages."""
    tester = OrganisationPagePermissionTester(request.user, parent_page.specific_deferred)
    if not tester.may_create(page_class):
        raise PermissionDenied


def _owner_id(value: str) -> int | None:
    return int(value) if value.isdigit() else None


@hooks.register("before_create_page")
def refuse_publishing_new_moderated_content(request, parent_page, page_class):
    """A new page owned by a moderated organisation is submitted, never published by its editor."""
    if request.method == "POST" and request.POST.get("action-publish"):
        owner_id = _owner_id(request.POST.get("owner_organisation", ""))
        if not publishes_directly(request.user, owner_id):
            raise PermissionDenied


@hooks.register("before_edit_page")
def refuse_publishing_without_the_right(request, page):
    """A publish the user may not make is refused (Wagtail alone would save it as a draft)."""
    publishing = request.method == "POST" and request.POST.get("action-publish")
    if publishing and not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied


@hooks.register(FUNCTION_CONTEXT_HOOK)
def function_guidelines(*, function):
    """The directory's function page lists the live guidelines the function is responsible for."""
    return {"guidelines": related_guidelines(function=function)}


@hooks.register(FUNCTION_WORKFLOW_HOOK)
def function_workflow(*, function):
    """A function is moderated in its owning organisation's workflow, as its pages are."""
    return organisation_workflow(function.owner_organisation)
