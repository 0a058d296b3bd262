"""The admin form of content pages: fields editors can fill in, and errors that say what to do."""

from django import forms
from django.forms.utils import ErrorList
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.blocks.base import BlockField

from directory.models import AGE_GROUPS, Function
from directory.selectors import edited_organisations
from portal.workflows import ContentPageForm


class SearchableChoices:
    """A list of choices with a search box above it that hides the choices that do not match."""

    template_name = "portal/admin/widgets/searchable_choices.html"
    choices_template_name = ""

    class Media:
        js = ["js/admin-searchable-choices.js"]
        css = {"all": ["css/admin-searchable-choices.css"]}

    def __init__(self, *args, search_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.search_label = search_label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_label"] = self.search_label
        context["widget"]["choices_template_name"] = self.choices_template_name
        return context


class SearchableCheckboxes(SearchableChoices, forms.CheckboxSelectMultiple):
    """Tick any number of choices, found by typing part of their name."""

    choices_template_name = "django/forms/widgets/checkbox_select.html"


class SearchableRadios(SearchableChoices, forms.RadioSelect):
    """Choose one of many choices, found by typing part of its name."""

    choices_template_name = "django/forms/widgets/radio.html"


# Other lists of functions or organisations on content pages, ticked the same way.
SEARCHABLE_RELATIONS = {
    "related_functions": _("Find a function"),
    "parties": _("Find an organisation"),
}


class PageMetadataForm(ContentPageForm):
    """Audience as functions to tick, age groups as checkboxes, the owner among the editor's own.

    Audience and age groups keep their stored form (lists of function keys and age group ids).
    Every field error is shown with the field's name first.
    """

    audience = forms.MultipleChoiceField(
        label=capfirst(_("audience")),
        required=False,
        help_text=_("The functions the page is written for. Type to find a function."),
        error_messages={"invalid_choice": _("Choose functions from the list.")},
    )
    age_groups = forms.MultipleChoiceField(
        label=capfirst(_("age groups")),
        required=False,
        choices=AGE_GROUPS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Tick one or more of the age groups shown.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "audience" in self.fields:
            self._set_up_audience()
        if "owner_organisation" in self.fields:
            self._set_up_owner()
        for name, search_label in SEARCHABLE_RELATIONS.items():
            if name in self.fields:
                field = self.fields[name]
                field.widget = SearchableCheckboxes(search_label=search_label)
                field.queryset = field.queryset.order_by("name")
        for name in ("valid_from", "valid_to", "review_by", "last_reviewed"):
            if name in self.fields:
                self.fields[name].error_messages["invalid"] = _(
                    "Write the date as YYYY-MM-DD, for example 2026-03-31."
                )

    def _set_up_audience(self) -> None:
        field = self.fields["audience"]
        functions = list(Function.objects.order_by("name").values_list("key", "name"))
        known = {key for key, _name in functions}
        kept = [(key, key) for key in self.initial.get("audience") or [] if key not in known]
        field.choices = functions + kept
        field.widget = SearchableCheckboxes(
            choices=field.choices, search_label=_("Find a function")
        )

    def _set_up_owner(self) -> None:
        field = self.fields["owner_organisation"]
        field.empty_label = None if field.required else _("No owner")
        field.widget = SearchableRadios(search_label=_("Find an organisation"))
        field.queryset = field.queryset.order_by("name")
        field.error_messages["required"] = _("Choose the organisation that owns the page.")
        field.error_messages["invalid_choice"] = (
            _("Choose one of your own organisations in the list.")
            if field.required
            else _("Choose an organisation in the list.")
        )
        user = self.for_user
        creating = self.instance.pk is None
        if creating and not self.initial.get("owner_organisation") and user is not None:
            home = (
                edited_organisations(user)
                .filter(pk__in=field.queryset.values("pk"))
                .order_by("name")
                .first()
            )
            if home is not None:
                self.initial["owner_organisation"] = home.pk

    def clean(self):
        cleaned_data = super().clean()
        valid_from, valid_to = cleaned_data.get("valid_from"), cleaned_data.get("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            self.add_error("valid_to", _("Choose a date on or after the valid from date."))
        return cleaned_data

    def full_clean(self):
        super().full_clean()
        if self._errors:
            self._name_fields_in_errors()

    def _name_fields_in_errors(self) -> None:
        """Put each field's label before its errors (block fields keep their structured errors)."""
        for name, errors in list(self._errors.items()):
            field = self.fields.get(name)
            if field is None or isinstance(field, BlockField):
                continue
            label = capfirst(field.label or name)
            self._errors[name] = ErrorList(
                [f"{label}: {message}" for message in errors], renderer=self.renderer
            )
