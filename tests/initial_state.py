"""The data the migrations create, made directly so the suite can build its database without them.

Wagtail's data migrations add a locale, the root page, the root collection, the Moderators and
Editors groups with their admin, page, document and image rights, and the "Moderators approval"
workflow on the root page; ours (portal 0002) puts the portal's home page and the default site in
place (0006 names it from the settings). `create_initial_state()` makes the same records with today's models (the home page through
the migration's own function), and `create_full_text_tables()` runs the SQL of Wagtail's search
migration that syncdb cannot express (SQLite's FTS5 table); tests/test_migrations.py migrates a database from zero and checks
that `describe_state()` finds the same on both.
"""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import connection, migrations, transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from directory.models import CacheGeneration

HOME_PAGE_MIGRATION = "portal.migrations.0002_home_page"
SITE_NAME_MIGRATION = "portal.migrations.0007_site_named_from_settings"
FULL_TEXT_MIGRATION = "wagtail.search.migrations.0006_customise_indexentry"
GROUP_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"),
    ("wagtailimages", "choose_image"),
)
COLLECTION_PERMISSIONS = (
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
)
PAGE_PERMISSIONS = {
    "Moderators": ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    "Editors": ("add_page", "change_page"),
}
MODERATION = "Moderators approval"


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def create_initial_state() -> None:
    """Make what the data migrations make, on a database built without them."""
    Locale.objects.create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.add_root(instance=Page(title="Root", slug="root"))
    import_module(HOME_PAGE_MIGRATION).create_home_page(apps, None)
    import_module(SITE_NAME_MIGRATION).name_default_site(apps, None)
    collection = Collection.add_root(name="Root")
    for name, page_codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.create(name=name)
        group.permissions.set([_permission(*key) for key in GROUP_PERMISSIONS])
        for key in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.create(
                group=group, collection=collection, permission=_permission(*key)
            )
        for codename in page_codenames:
            GroupPagePermission.objects.create(
                group=group, page=root, permission=_permission("wagtailcore", codename)
            )
    task = GroupApprovalTask.objects.create(name=MODERATION)
    task.groups.set(Group.objects.filter(name="Moderators"))
    workflow = Workflow.objects.create(name=MODERATION)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=root, workflow=workflow)
    # The migrations' historical models send no signals: they leave no cache generation behind.
    CacheGeneration.objects.all().delete()


def create_full_text_tables() -> None:
    """Replace the plain table syncdb made with the SQL Wagtail's search migration runs (SQLite FTS5)."""
    statements = [
        operation.sql
        for outer in import_module(FULL_TEXT_MIGRATION).Migration.operations
        if isinstance(outer, migrations.SeparateDatabaseAndState)
        for operation in outer.database_operations
    ]
    if not statements:
        return
    table = apps.get_model("wagtailsearch", "SQLiteFTSIndexEntry")._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {table}")
        for statement in statements:
            cursor.execute(statement)


def _full_text_schema() -> list:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT type, name, sql FROM sqlite_master "
                "WHERE type = 'trigger' OR sql LIKE 'CREATE VIRTUAL%' ORDER BY name"
            )
        else:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename = 'wagtailsearch_indexentry' AND indexdef LIKE '%%gin%%' "
                "ORDER BY indexname"
            )
        return [list(row) for row in cursor.fetchall()]


def _label(instance) -> str:
    return f"{instance.content_type.app_label}.{instance.content_type.model}"


def describe_state() -> dict:
    """The data the migrations are responsible for, in terms that do not depend on primary keys."""
    return {
        "locales": sorted(Locale.objects.values_list("language_code", flat=True)),
        "pages": [
            (
                page.path,
                page.depth,
                page.numchild,
                page.slug,
                page.title,
                page.draft_title,
                page.url_path,
                page.live,
                page.locale.language_code,
                _label(page),
                getattr(page.specific, "intro", None),
            )
            for page in Page.objects.order_by("path").select_related("locale", "content_type")
        ],
        "sites": [
            (
                site.hostname,
                site.port,
                site.site_name,
                site.root_page.url_path,
                site.is_default_site,
            )
            for site in Site.objects.order_by("hostname", "port")
        ],
        "collections": list(Collection.objects.order_by("path").values_list("path", "name")),
        "groups": {
            group.name: sorted(
                f"{p.content_type.app_label}.{p.codename}"
                for p in group.permissions.select_related("content_type")
            )
            for group in Group.objects.all()
        },
        "page_permissions": sorted(
            GroupPagePermission.objects.values_list(
                "group__name", "page__url_path", "permission__codename"
            )
        ),
        "collection_permissions": sorted(
            GroupCollectionPermission.objects.values_list(
                "group__name",
                "collection__path",
                "permission__content_type__app_label",
                "permission__codename",
            )
        ),
        "workflows": sorted(
            (
                workflow.name,
                workflow.active,
                [
                    (task.name, task.active, sorted(g.name for g in task.specific.groups.all()))
                    for task in workflow.tasks.order_by("workflow_tasks__sort_order")
                ],
                sorted(workflow.workflow_pages.values_list("page__url_path", flat=True)),
            )
            for workflow in Workflow.objects.all()
        ),
        "full_text_schema": _full_text_schema(),
    }
