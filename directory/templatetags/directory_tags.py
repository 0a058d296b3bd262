"""Display helpers for directory templates."""

from django import template
from django.conf.locale import LANG_INFO
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from directory.models import AGE_GROUPS
from directory.selectors import Node, key_url

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
