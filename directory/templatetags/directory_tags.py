"""Display helpers for directory templates."""

from django import template
from django.conf.locale import LANG_INFO
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from directory.models import AGE_GROUPS
from directory.selectors import Holder, Node, key_url

register = template.Library()
AGE_GROUP_LABELS = dict(AGE_GROUPS)


@register.filter
def language_name(code: str) -> str:
    """A language code as its own name ("ar" → "العربيّة"), or the code when unknown."""
    return LANG_INFO.get(str(code).lower(), {}).get("name_local", code)


@register.filter
def age_group_labels(values) -> str:
    """Age group keys as a readable list of ranges."""
    return ", ".join(AGE_GROUP_LABELS.get(value, value) for value in values or [])


@register.simple_tag
def org_tree(nodes: list[Node]) -> SafeString:
    """Nested lists of organisations linked to their pages, in one pass rather than a template per node."""
    url = key_url("directory:organisation")

    def branch(level: list[Node]) -> SafeString:
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a>{}</li>',
            (
                (url(node.key), node.name, branch(node.children) if node.children else "")
                for node in level
            ),
        )
        return format_html('<ul class="org-tree">{}</ul>', items)

    return branch(nodes)


def _phone_link(phone: str) -> SafeString:
    """A phone number linked for dialling (without its spaces)."""
    return format_html('<a href="tel:{}">{}</a>', phone.replace(" ", ""), phone)


def _joined(separator: str, parts: list[SafeString]) -> SafeString:
    return format_html_join(separator, "{}", ((part,) for part in parts))


def _holder_item(holder: Holder, show_function: bool, show_organisation: bool) -> SafeString:
    """One holder's list item: the person's contact lines, or the stand-in for a protected one."""
    person, function, organisation = holder.person, holder.function, holder.organisation
    function_link = format_html('<a href="{}">{}</a>', holder.function_url, function.name)
    organisation_link = format_html(
        '<a href="{}">{}</a>', holder.organisation_url, organisation.name
    )
    parts = []
    if person:
        parts.append(format_html('<a href="{}">{}</a>', holder.person_url, person.full_name))
        if person.title:
            parts.append(format_html(", {}", person.title))
        if person.phone:
            label = format_html('<span class="visually-hidden">{}: </span>', gettext("Phone"))
            parts.append(format_html("<br>{}{}", label, _phone_link(person.phone)))
        if person.email:
            parts.append(format_html('<br><a href="mailto:{}">{}</a>', person.email, person.email))
    else:
        parts.append(function_link if show_function else format_html("{}", function.name))
        parts.append(format_html(" {} {}", gettext("at"), organisation_link))
        if point := holder.contact_point:
            link = format_html('<a href="{}">{}</a>', holder.contact_point_url, point.name)
            phone = format_html(", {}", _phone_link(point.phone)) if point.phone else ""
            parts.append(format_html("<br>{} {}{}", gettext("Contact via"), link, phone))
    meta = []
    if show_function and person:
        meta.append(format_html("– {}", function_link))
    if show_organisation and person:
        meta.append(format_html("– {}", organisation_link))
    if holder.area and holder.area != organisation.name:
        meta.append(format_html("– {}", holder.area))
    if holder.age_groups:
        labels = age_group_labels(holder.age_groups)
        meta.append(format_html("({} {})", gettext("ages"), labels))
    return format_html(
        '<li class="holder">{} <span class="meta">{}</span></li>',
        _joined("", parts),
        _joined(" ", meta),
    )


@register.simple_tag
def holder_items(holders, *, show_function: bool, show_organisation: bool) -> SafeString:
    """The holders' list items in one pass rather than a template block per row (a page holds 25)."""
    return _joined("", [_holder_item(row, show_function, show_organisation) for row in holders])
