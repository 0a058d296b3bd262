"""Wagtail admin wiring for the directory: snippets with search and filters.

Organisation editors keep their organisations' functions (as owner), contact points and people:
the lists, every view by URL and the organisation choices are narrowed to those; administrators
keep everything. Wagtail logs each create, edit and publish with who and when (the history view).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup, UnpublishView

from directory.admin_views import (
    PersonChooserViewSet,
    PersonDeleteBulkAction,
    no_publishing_under_moderation,
    only_records,
)
from directory.forms import FunctionUpkeepForm, UpkeepForm
from directory.models import FUNCTION_PREVIEW_HOOK, ContactPoint, Function, Organisation, Person
from directory.selectors import (
    function_holders,
    kept_records,
    publishes_directly,
    visible_people_for,
)


@hooks.register(FUNCTION_PREVIEW_HOOK)
def preview_holders(*, function: Function) -> dict:
    """The first page of holders in a function's preview (none before its first save)."""
    return {"holders": function_holders(function=function) if function.pk else []}


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "parent", "key", "retired_at"]
    list_filter = ["kind"]
    search_fields = ["name", "key"]
    ordering = ["name"]


class FunctionViewSet(SnippetViewSet):
    """Functions carry mandates: drafts, revisions and the owner's moderation workflow apply.

    Moderators of the owner reach a function to approve it; under "moderated" its editors submit.
    """

    model = Function
    icon = "tasks"
    menu_label = _("Functions")
    list_display = ["name", "sector", "owner_organisation", "key", "live"]
    list_filter = ["sector", "live"]
    search_fields = ["name", "key", "summary", "mandate"]
    ordering = ["name"]
    edit_handler = ObjectList(Function.panels, base_form_class=FunctionUpkeepForm)

    def get_queryset(self, request):
        return self.records_for(request.user)

    @staticmethod
    def records_for(user):
        return kept_records(
            user=user,
            records=Function.objects.all(),
            field="owner_organisation",
            moderated_too=True,
        ).select_related("owner_organisation")

    def construct_view(self, view_class, **kwargs):
        view = no_publishing_under_moderation(
            super().construct_view(view_class, **kwargs),
            publishes=issubclass(view_class, UnpublishView),
        )
        return only_records(view, self.records_for)


@hooks.register("construct_snippet_action_menu")
def no_publish_under_moderation(menu_items, request, context):
    """Editors of a moderated organisation's function see no publish or unpublish, only submit."""
    instance = context.get("instance")
    if context.get("model") is not Function or instance is None:
        return
    if not publishes_directly(request.user, instance.owner_organisation_id):
        menu_items[:] = [
            item for item in menu_items if item.name not in ("action-publish", "action-unpublish")
        ]


class PersonViewSet(SnippetViewSet):
    """Administrators see protected people here; other admin users and readers never do."""

    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["full_name", "title", "organisation", "protected", "last_verified"]
    list_filter = ["protected", "organisation__kind", "last_verified"]
    search_fields = ["given_name", "family_name", "email", "title", "key"]
    ordering = ["family_name", "given_name"]
    chooser_viewset_class = PersonChooserViewSet
    edit_handler = ObjectList(Person.panels, base_form_class=UpkeepForm)

    def get_queryset(self, request):
        return self.records_for(request.user)

    @staticmethod
    def records_for(user):
        return kept_records(
            user=user, records=visible_people_for(user=user), field="organisation"
        ).select_related("organisation")

    def construct_view(self, view_class, **kwargs):
        """Only people the user keeps, who are visible people by construction (`records_for`)."""
        return only_records(super().construct_view(view_class, **kwargs), self.records_for)


class ContactPointViewSet(SnippetViewSet):
    model = ContactPoint
    icon = "mail"
    menu_label = _("Contact points")
    list_display = ["name", "organisation", "phone", "key"]
    search_fields = ["name", "key", "purpose"]
    ordering = ["name"]
    edit_handler = ObjectList(ContactPoint.panels, base_form_class=UpkeepForm)

    def get_queryset(self, request):
        return self.records_for(request.user)

    @staticmethod
    def records_for(user):
        return kept_records(
            user=user, records=ContactPoint.objects.all(), field="organisation"
        ).select_related("organisation")

    def construct_view(self, view_class, **kwargs):
        return only_records(super().construct_view(view_class, **kwargs), self.records_for)


class DirectoryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Directory")
    menu_icon = "group"
    menu_order = 250
    items = (OrganisationViewSet, FunctionViewSet, PersonViewSet, ContactPointViewSet)


register_snippet(DirectoryViewSetGroup)

# After Wagtail's own snippet bulk delete (order 0), so that people get the filtered one.
hooks.register("register_bulk_action", PersonDeleteBulkAction, order=1)
