"""`{% page_body %}…{% end_page_body %}`: a content page's body, from the shared cache when it may be."""

from django import template

from directory import caching

register = template.Library()
BODY_SCOPES = (caching.CONTENT, caching.DIRECTORY)


class PageBodyNode(template.Node):
    """Renders its contents with the page's shared context; cached for published shared bodies.

    A preview, a draft or a page type with per-reader parts is rendered afresh and never stored.
    """

    def __init__(self, nodelist: template.NodeList):
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        page = context["page"]
        request = context.get("request")

        def render_body() -> str:
            with context.push(page.get_shared_context(request)):
                return self.nodelist.render(context)

        if not page.shares_rendered_body(request):
            return render_body()
        return caching.cached(page.body_fragment_key(), BODY_SCOPES, render_body)


@register.tag
def page_body(parser, token) -> PageBodyNode:
    nodelist = parser.parse(("end_page_body",))
    parser.delete_first_token()
    return PageBodyNode(nodelist)
