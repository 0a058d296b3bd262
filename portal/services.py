"""Writes for the content side: index pages, organisation editors and their workflows, reminders."""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowTask,
)

from directory.models import Organisation
from directory.selectors import editor_group_name, moderator_group_name
from portal.pages.base import HomePage
from portal.workflows import OrganisationApprovalTask, approval_task_name, workflow_name

INDEX_PAGES = {
    "GuidelineIndexPage": ("Rutiner och riktlinjer", "rutiner"),
    "DirectiveIndexPage": ("Gemensamma direktiv", "direktiv"),
    "GlossaryIndexPage": ("Begrepp och förkortningar", "ordlista"),
    "ForumIndexPage": ("Forum och möten", "forum"),
}
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page")
EDITOR_DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")
# Directory upkeep; the snippet views narrow these to the editor's organisations, and withhold
# publishing a function whose owner is moderated.
EDITOR_DIRECTORY_PERMISSIONS = (
    "change_function",
    "publish_function",
    "add_contactpoint",
    "change_contactpoint",
    "add_person",
    "change_person",
)


def home_page() -> HomePage:
    return HomePage.objects.order_by("path").first()


def ensure_index_page(*, model: type[Page]) -> Page:
    """The one index page of the given type, created under the home page if missing."""
    existing = model.objects.order_by("path").first()
    if existing is not None:
        return existing
    title, slug = INDEX_PAGES[model.__name__]
    return home_page().add_child(instance=model(title=title, slug=slug))


def organisation_collection(organisation: Organisation) -> Collection:
    """The organisation's own document collection under the root, created on first use."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=organisation.name).first()
    return existing or root.add_child(name=organisation.name)


def _grant_document_rights(*, group: Group, collection: Collection) -> None:
    """Upload to and edit the organisation's collection; choose any document the portal has.

    Wagtail checks document rights against wagtaildocs.Document, whatever the document model;
    grants once made on portal.PortalDocument (which Wagtail never consulted) are removed.
    """
    permissions = Permission.objects.filter(
        content_type__app_label="wagtaildocs", codename__in=EDITOR_DOCUMENT_PERMISSIONS
    )
    GroupCollectionPermission.objects.filter(
        group=group, permission__content_type__app_label="portal"
    ).delete()
    root = Collection.get_first_root_node()
    for permission in permissions:
        target = root if permission.codename == "choose_document" else collection
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=target, permission=permission
        )


def _admin_group(name: str) -> Group:
    """The group of that name, created if missing, with access to the Wagtail admin."""
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return group


@transaction.atomic
def setup_organisation_editors(organisation: Organisation) -> Group:
    """Create (or update) the editor and moderator groups, rights and workflow of an organisation.

    The workflow's one task is approved by the organisation's moderators; an older plain group
    approval task of the same name is unlinked from the workflow.
    """
    group = _admin_group(editor_group_name(organisation))
    moderators = _admin_group(moderator_group_name(organisation))
    home = home_page()
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page=home, permission=permission)
            for permission in Permission.objects.filter(
                content_type__app_label="wagtailcore", codename__in=EDITOR_PAGE_PERMISSIONS
            )
        ],
        ignore_conflicts=True,
    )
    _grant_document_rights(group=group, collection=organisation_collection(organisation))
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="directory", codename__in=EDITOR_DIRECTORY_PERMISSIONS
        )
    )
    workflow, _created = Workflow.objects.get_or_create(name=workflow_name(organisation))
    task = OrganisationApprovalTask.objects.filter(name=approval_task_name(organisation)).first()
    if task is None:
        task = OrganisationApprovalTask.objects.create(name=approval_task_name(organisation))
    task.groups.set([moderators])
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return group


def review_recipients(*, organisation: Organisation) -> list[str]:
    """E-mail addresses of the organisation's editors, or the organisation's own address."""
    emails = sorted(
        set(
            Group.objects.filter(name=editor_group_name(organisation))
            .values_list("user__email", flat=True)
            .exclude(user__email__isnull=True)
            .exclude(user__email="")
        )
    )
    return emails or ([organisation.email] if organisation.email else [])


def send_review_reminders(*, pages) -> dict[str, int]:
    """E-mail each owner organisation's editors, and each page's owner, the pages due for review."""
    by_organisation = defaultdict(list)
    for page in pages:
        by_organisation[page.owner_organisation].append(page)
    sent = 0
    for organisation, owned in by_organisation.items():
        recipients = set(review_recipients(organisation=organisation)) if organisation else set()
        recipients |= {page.owner.email for page in owned if page.owner and page.owner.email}
        if not recipients:
            continue
        lines = [
            f"- {page.title} ({_('review by')} {page.review_by:%Y-%m-%d}): "
            f"{settings.WAGTAILADMIN_BASE_URL}/admin/pages/{page.pk}/edit/"
            for page in owned
        ]
        name = organisation.name if organisation else settings.WAGTAIL_SITE_NAME
        send_mail(
            subject=_("Pages to review for %(organisation)s") % {"organisation": name},
            message=_("These pages are due for review:") + "\n\n" + "\n".join(lines),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=sorted(recipients),
        )
        sent += 1
    return {"emails": sent, "pages": sum(len(owned) for owned in by_organisation.values())}
