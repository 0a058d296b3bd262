"""Per-organisation editing rights and moderation workflows for content pages."""

from django.utils.translation import gettext
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import PagePermissionTester, Workflow

from directory.models import Organisation

EDITOR_GROUP_PREFIX = "Redaktörer "
WORKFLOW_PREFIX = "Granskning "
APPROVAL_TASK_PREFIX = "Godkännande "


def editor_group_name(organisation: Organisation) -> str:
    return f"{EDITOR_GROUP_PREFIX}{organisation.name}"


def workflow_name(organisation: Organisation) -> str:
    return f"{WORKFLOW_PREFIX}{organisation.name}"


def approval_task_name(organisation: Organisation) -> str:
    return f"{APPROVAL_TASK_PREFIX}{organisation.name}"


def editor_organisation_ids(user) -> frozenset[int]:
    """Organisations (with all their units) whose pages the user may edit; cached on the user."""
    cached = getattr(user, "_portal_editor_organisation_ids", None)
    if cached is not None:
        return cached
    names = [
        name.removeprefix(EDITOR_GROUP_PREFIX)
        for name in user.groups.values_list("name", flat=True)
        if name.startswith(EDITOR_GROUP_PREFIX)
    ]
    found: set[int] = set()
    if names:
        parents = dict(Organisation.objects.values_list("id", "parent_id"))
        roots = set(Organisation.objects.filter(name__in=names).values_list("id", flat=True))
        for org_id in parents:
            ancestor = org_id
            while ancestor is not None and ancestor not in roots:
                ancestor = parents.get(ancestor)
            if ancestor is not None:
                found.add(org_id)
    user._portal_editor_organisation_ids = frozenset(found)
    return user._portal_editor_organisation_ids


def may_manage(user, page) -> bool:
    """True when the user may edit or publish the page as far as its owner organisation goes."""
    if not user.is_active:
        return False
    if user.is_superuser or page.owner_organisation_id is None:
        return True
    return page.owner_organisation_id in editor_organisation_ids(user)


def organisation_workflow(organisation: Organisation | None) -> Workflow | None:
    """The active moderation workflow of the organisation or its nearest ancestor that has one."""
    seen: set[int] = set()
    while organisation is not None and organisation.pk not in seen:
        seen.add(organisation.pk)
        workflow = Workflow.objects.filter(name=workflow_name(organisation), active=True).first()
        if workflow is not None:
            return workflow
        organisation = organisation.parent
    return None


class ContentPageForm(WagtailAdminPageForm):
    """Editors may only make their own organisations (or units below them) a page's owner."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("owner_organisation")
        user = self.for_user
        if field is not None and user is not None and not user.is_superuser:
            allowed = editor_organisation_ids(user)
            field.queryset = field.queryset.filter(pk__in=allowed)
            field.required = bool(allowed)
            field.help_text = gettext("Only organisations you are an editor for.")


class OrganisationPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, narrowed to pages owned by the editor's organisations."""

    def allowed(self) -> bool:
        return may_manage(self.user, self.page)

    def can_edit(self):
        return self.allowed() and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self.allowed() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_publish(self):
        return self.allowed() and super().can_publish()

    def can_unpublish(self):
        return self.allowed() and super().can_unpublish()

    def can_submit_for_moderation(self):
        return self.allowed() and super().can_submit_for_moderation()

    def can_lock(self):
        return self.allowed() and super().can_lock()

    def can_unlock(self):
        return self.allowed() and super().can_unlock()

    def can_move(self):
        return self.allowed() and super().can_move()

    def can_copy(self):
        return self.allowed() and super().can_copy()
