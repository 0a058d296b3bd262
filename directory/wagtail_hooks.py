"""Wagtail admin wiring for the directory: snippets with search and filters."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.models import ContactPoint, Function, Organisation, Person


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
    """Admins see protected people here; no reader-facing surface does."""

    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["full_name", "title", "organisation", "protected", "last_verified"]
    list_filter = ["protected", "organisation__kind", "last_verified"]
    search_fields = ["given_name", "family_name", "email", "title", "key"]
    ordering = ["family_name", "given_name"]


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
