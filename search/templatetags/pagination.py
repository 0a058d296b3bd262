"""Links between pages of a list, keeping the other query parameters (components/pagination.html)."""

from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag
def page_query(params: QueryDict | None, name: str, number: int) -> str:
    """The query string for page `number` in parameter `name`, other parameters kept."""
    query = params.copy() if params is not None else QueryDict(mutable=True)
    query[name] = str(number)
    return f"?{query.urlencode()}"
