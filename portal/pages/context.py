"""Template context of pages, added by the package that owns the reads behind it.

Selectors query page models, so a page module cannot import them without a cycle. Each package
registers a context function for its page types (its `views.py`, loaded by
`PortalConfig.ready()`), and `RegisteredContext.get_context` adds them to the page's context.
"""

from collections.abc import Callable

PageContext = Callable[..., dict]
_registered: dict[type, PageContext] = {}


def context_for(page_type: type) -> Callable[[PageContext], PageContext]:
    """Register `function(page, request) -> dict` as template context of `page_type`."""

    def register(function: PageContext) -> PageContext:
        _registered[page_type] = function
        return function

    return register


class RegisteredContext:
    """A page mixin: the context registered for the page's bases, then for its own class."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for page_type in reversed(type(self).__mro__):
            if function := _registered.get(page_type):
                context.update(function(self, request))
        return context
