"""Admin views that list, choose and open only the directory records the user may see or keep."""

from collections.abc import Callable
from functools import wraps

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_list_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

from directory.models import Function, Person
from directory.selectors import publishes_directly, visible_people_for


def only_records(view: Callable, records: Callable[..., QuerySet]) -> Callable:
    """Wrap an admin view so that a record outside `records(user)` is a 404, whatever the view."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if "pk" in kwargs:
            value = unquote(str(kwargs["pk"]))
            if not value.isdigit() or not records(request.user).filter(pk=int(value)).exists():
                raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def only_visible_people(view: Callable) -> Callable:
    """Wrap an admin view so that a person the user may not see is a 404, whatever the view does."""
    return only_records(view, lambda user: visible_people_for(user=user))


def no_publishing_under_moderation(view: Callable, *, publishes: bool) -> Callable:
    """Wrap a function's admin view: a publish (or any POST of a `publishes` view) is refused
    when the function's owner is moderated for the user."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        publishing = publishes or bool(request.POST.get("action-publish"))
        if request.method == "POST" and publishing and "pk" in kwargs:
            owner_id = (
                Function.objects.filter(pk=unquote(str(kwargs["pk"])))
                .values_list("owner_organisation_id", flat=True)
                .first()
            )
            if not publishes_directly(request.user, owner_id):
                raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class PersonFilterForm(BaseFilterForm):
    """Search people by name, title or organisation."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Name, title or organisation")}),
        required=False,
    )

    def filter(self, objects):
        query = self.cleaned_data.get("q", "").strip()
        self.is_searching, self.search_query = bool(query), query
        for word in query.split():
            objects = objects.filter(
                Q(given_name__icontains=word)
                | Q(family_name__icontains=word)
                | Q(title__icontains=word)
                | Q(organisation__name__icontains=word)
            )
        return objects


class VisiblePeopleMixin:
    """Chooser listings of the people the user may see; counts and pages follow from it."""

    filter_form_class = PersonFilterForm

    def get_object_list(self):
        return visible_people_for(user=self.request.user)


class PersonChooseView(VisiblePeopleMixin, ChooseView):
    pass


class PersonChooseResultsView(VisiblePeopleMixin, ChooseResultsView):
    pass


class PersonChosenView(SnippetChosenView):
    def get_object(self, pk):
        return visible_people_for(user=self.request.user).get(pk=pk)


class PersonChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        ids = [int(pk) for pk in pks if str(pk).isdigit()]
        return visible_people_for(user=self.request.user).filter(pk__in=ids)


class PersonChooserViewSet(SnippetChooserViewSet):
    """The person chooser (onboarding steps): administrators see everyone, others no protected."""

    choose_view_class = PersonChooseView
    choose_results_view_class = PersonChooseResultsView
    chosen_view_class = PersonChosenView
    chosen_multiple_view_class = PersonChosenMultipleView

    def construct_view(self, view_class, **kwargs):
        return only_visible_people(super().construct_view(view_class, **kwargs))


class PersonDeleteBulkAction(DeleteBulkAction):
    """Bulk delete of people; the confirmation never names a person the user may not see."""

    models = [Person]

    def get_queryset(self, model, object_ids):
        people = visible_people_for(user=self.request.user)
        return get_list_or_404(people, pk__in=[int(pk) for pk in object_ids if str(pk).isdigit()])

    def get_all_objects_in_listing_query(self, parent_id):
        return visible_people_for(user=self.request.user).values_list("pk", flat=True)
