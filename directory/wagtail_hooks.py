"""Wagtail admin wiring for the directory: snippets with search and filters."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.admin_views import PersonChooserViewSet, PersonDeleteBulkAction, only_visible_people
from directory.models import FUNCTION_PREVIEW_HOOK, ContactPoint, Function, Organisation, Person
from directory.selectors import function_holders, visible_people_for


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
    """Functions carry mandates: drafts, revisions and the moderation workflow apply."""

    model = Function
    icon = "tasks"
    menu_label = _("Functions")
    list_display = ["name", "sector", "key", "live"]
    list_filter = ["sector", "live"]
    search_fields = ["name", "key", "summary", "mandate"]
    ordering = ["name"]


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

    def get_queryset(self, request):
        return visible_people_for(user=request.user)

    def construct_view(self, view_class, **kwargs):
        return only_visible_people(super().construct_view(view_class, **kwargs))


class ContactPointViewSet(SnippetViewSet):
    model = ContactPoint
    icon = "mail"
    menu_label = _("Contact points")
    list_display = ["name", "organisation", "phone", "key"]
    search_fields = ["name", "key", "purpose"]
    ordering = ["name"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Directory")
    menu_icon = "group"
    menu_order = 250
    items = (OrganisationViewSet, FunctionViewSet, PersonViewSet, ContactPointViewSet)


register_snippet(DirectoryViewSetGroup)

# After Wagtail's own snippet bulk delete (order 0), so that people get the filtered one.
hooks.register("register_bulk_action", PersonDeleteBulkAction, order=1)
