"""An admin chooser for directory positions, used by forum seats, attendees and decisions."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from directory.models import Position, visible_person_condition
from directory.selectors import visible_person


def position_label(position: Position) -> str:
    """Person, function and unit; a protected or retired person is left out."""
    person = visible_person(position.person)
    where = f"{position.function.name}, {position.organisation.name}"
    return f"{person.full_name} – {where}" if person else where


class PositionFilterForm(BaseFilterForm):
    """Search positions by person, function or unit name."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Name, function or unit")}),
        required=False,
    )

    def filter(self, objects):
        query = self.cleaned_data.get("q", "").strip()
        self.is_searching, self.search_query = bool(query), query
        if not query:
            return objects
        by_name = Q(person__given_name__icontains=query) | Q(person__family_name__icontains=query)
        return objects.filter(
            (by_name & visible_person_condition("person__"))
            | Q(function__name__icontains=query)
            | Q(organisation__name__icontains=query)
        )


class PositionChooseMixin:
    """Current positions, labelled without protected names."""

    filter_form_class = PositionFilterForm

    def get_object_list(self):
        return Position.objects.current().select_related("person", "function", "organisation")

    @property
    def title_column(self):
        column = super().title_column
        column.accessor = position_label
        return column


class PositionChooseView(PositionChooseMixin, ChooseView):
    pass


class PositionChooseResultsView(PositionChooseMixin, ChooseResultsView):
    pass


class PositionChosenView(ChosenView):
    def get_display_title(self, instance):
        return position_label(instance)


class PositionChooserViewSet(ChooserViewSet):
    """Choose a current position from a searchable list instead of a huge select."""

    model = Position
    icon = "user"
    choose_one_text = _("Choose a position")
    choose_another_text = _("Choose another position")
    choose_view_class = PositionChooseView
    choose_results_view_class = PositionChooseResultsView
    chosen_view_class = PositionChosenView


position_chooser_viewset = PositionChooserViewSet("position_chooser")
