"""Per-organisation editing rights and moderation workflows for content pages."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import GroupApprovalTask, Page, PagePermissionTester, Workflow

from directory.models import Organisation
from directory.selectors import (
    editor_organisation_ids,
    moderator_organisation_ids,
    organisation_tree,
    publishes_directly,
)

WORKFLOW_PREFIX = "Granskning "
APPROVAL_TASK_PREFIX = "Godkännande "


def workflow_name(organisation: Organisation) -> str:
    return f"{WORKFLOW_PREFIX}{organisation.name}"


def approval_task_name(organisation: Organisation) -> str:
    return f"{APPROVAL_TASK_PREFIX}{organisation.name}"


def may_manage(user, page) -> bool:
    """True when the user may change the page: administrators any, editors their organisations'.

    Shared pages (home, section indexes, content without an owner) are administrators' only.
    """
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    owner_id = getattr(page, "owner_organisation_id", None)
    return owner_id is not None and owner_id in editor_organisation_ids(user)


def organisation_workflow(organisation: Organisation | None) -> Workflow | None:
    """The active moderation workflow of the organisation or its nearest ancestor that has one."""
    if organisation is None:
        return None
    chain = [organisation.pk, *organisation_tree().chain(organisation.pk)]
    names = dict(Organisation.objects.filter(pk__in=chain).values_list("pk", "name"))
    names[organisation.pk] = organisation.name
    workflows = {
        workflow.name: workflow
        for workflow in Workflow.objects.filter(
            name__in=[f"{WORKFLOW_PREFIX}{name}" for name in names.values()], active=True
        )
    }
    for pk in chain:
        workflow = workflows.get(f"{WORKFLOW_PREFIX}{names.get(pk)}")
        if workflow is not None:
            return workflow
    return None


def submitter_ids(content) -> set[int]:
    """Who asked for the content's moderation: the submitter and the submitted revision's author."""
    state = content.current_workflow_state
    if state is None:
        return set()
    task_state = state.current_task_state
    authors = {state.requested_by_id}
    if task_state is not None and task_state.revision is not None:
        authors.add(task_state.revision.user_id)
    return authors - {None}


class OrganisationApprovalTask(GroupApprovalTask):
    """Group approval where nobody approves their own submission, administrators included.

    The submitter neither sees it among the tasks awaiting their review nor gets the approve or
    reject actions, so the workflow action views refuse them too.
    """

    def get_actions(self, obj, user):
        if user.pk in submitter_ids(obj):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return (
            super()
            .get_task_states_user_can_moderate(user, **kwargs)
            .exclude(workflow_state__requested_by=user)
            .exclude(revision__user=user)
        )

    @classmethod
    def get_description(cls):
        return _("The organisation's moderators approve; never the one who submitted")

    class Meta:
        verbose_name = _("organisation approval task")
        verbose_name_plural = _("organisation approval tasks")


class ContentPageForm(WagtailAdminPageForm):
    """Editors may only make their own organisations (or units below them) a page's owner.

    A moderator reviewing a submission keeps the owner among the organisations they moderate.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("owner_organisation")
        user = self.for_user
        if field is not None and user is not None and not user.is_superuser:
            allowed = editor_organisation_ids(user) | moderator_organisation_ids(user)
            field.queryset = field.queryset.filter(pk__in=allowed)
            field.required = bool(allowed)
            field.help_text = gettext("Only organisations you are an editor for.")


class OrganisationPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, narrowed by the tree for editors; administrators keep them all.

    An editor changes only content owned by their organisations (or units below them). New pages
    are organisation content (`editors_may_create`), added under a shared section page or under
    content the editor manages; `parent_page_types`/`subpage_types` then decide which type goes
    where. Wagtail's actions and admin views (add, edit, publish, unpublish, move, copy, delete,
    lock, reorder, privacy, bulk actions) all ask this tester.
    """

    def manages(self) -> bool:
        return may_manage(self.user, self.page)

    def reviews(self) -> bool:
        """True when the page awaits the user's approval (moderators open it in the editor).

        Only pages of organisations the user moderates (or all, for administrators) are looked up.
        """
        owner_id = getattr(self.page, "owner_organisation_id", None)
        if not (self.user.is_superuser or owner_id in moderator_organisation_ids(self.user)):
            return False
        task = self.page.current_workflow_task
        return task is not None and task.user_can_access_editor(self.page, self.user)

    def publishes_directly(self) -> bool:
        return publishes_directly(self.user, getattr(self.page, "owner_organisation_id", None))

    def may_create(self, page_class: type[Page]) -> bool:
        """Whether the user may create (or move or copy) a page of `page_class` under this page."""
        if not self.user.is_active:
            return False
        if self.user.is_superuser:
            return True
        if not getattr(page_class, "editors_may_create", False):
            return False
        parent_is_content = getattr(self.page, "editors_may_create", False)
        return self.manages() if parent_is_content else True

    def creatable_subpage_models(self) -> list[type[Page]]:
        """The page types the user may add here: the tree's rules, narrowed for editors."""
        specific_class = self.page.specific_class
        if specific_class is None:
            return []
        return [
            model
            for model in specific_class.creatable_subpage_models()
            if model.can_create_at(self.page) and self.may_create(model)
        ]

    def can_edit(self):
        return (self.manages() and super().can_edit()) or (self.user.is_active and self.reviews())

    def can_delete(self, ignore_bulk=False):
        return self.manages() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_publish(self):
        return self.manages() and self.publishes_directly() and super().can_publish()

    def can_unpublish(self):
        return self.manages() and super().can_unpublish()

    def can_submit_for_moderation(self):
        return self.manages() and super().can_submit_for_moderation()

    def can_lock(self):
        return self.manages() and super().can_lock()

    def can_unlock(self):
        return self.manages() and super().can_unlock()

    def can_reorder_children(self):
        return self.manages() and super().can_reorder_children()

    def can_move(self):
        return self.manages() and super().can_move()

    def can_copy(self):
        return self.manages() and super().can_copy()

    def can_add_subpage(self):
        return super().can_add_subpage() and bool(self.creatable_subpage_models())

    def can_publish_subpage(self):
        """New pages may be published here unless every organisation the editor edits is moderated.

        The owner is chosen in the form; `refuse_publishing_moderated_content` checks it on save.
        """
        return (
            self.can_add_subpage()
            and super().can_publish_subpage()
            and (
                self.user.is_superuser
                or any(
                    publishes_directly(self.user, pk) for pk in editor_organisation_ids(self.user)
                )
            )
        )

    def can_move_to(self, destination):
        return super().can_move_to(destination) and self._may_place_under(destination)

    def can_copy_to(self, destination, recursive=False):
        return super().can_copy_to(destination, recursive=recursive) and self._may_place_under(
            destination
        )

    def _may_place_under(self, destination: Page) -> bool:
        tester = OrganisationPagePermissionTester(self.user, destination.specific_deferred)
        return tester.may_create(self.page.specific_class)


class OrganisationRights:
    """Page rights that follow the organisation tree; mixed into every portal page class."""

    #: Organisation content that editors may create; shared pages (home, indexes) are not.
    editors_may_create = False

    def permissions_for_user(self, user):
        return OrganisationPagePermissionTester(user, self)
