"""Template context of pages, added by the package that owns the reads behind it.

Selectors query page models, so a page module cannot import them without a cycle. Each package
registers a context function for its page types (its `views.py`, loaded by
`PortalConfig.ready()`), and `RegisteredContext.get_context` adds them to the page's context. A route that needs one read
(a feed, a sub-page) asks for it by name with `RegisteredContext.read`, without the whole context.
Context of the page body that is the same for every reader is registered with `shared_context_for`;
the `page_body` template tag asks for it (`get_shared_context`) only when it renders the body.
"""

from collections.abc import Callable

PageContext = Callable[..., dict]
PageRead = Callable[..., object]
_registered: dict[type, PageContext] = {}
_shared: dict[type, PageContext] = {}
_reads: dict[tuple[type, str], PageRead] = {}


def context_for(page_type: type) -> Callable[[PageContext], PageContext]:
    """Register `function(page, request) -> dict` as template context of `page_type`."""

    def register(function: PageContext) -> PageContext:
        _registered[page_type] = function
        return function

    return register


def shared_context_for(page_type: type) -> Callable[[PageContext], PageContext]:
    """Register `function(page, request) -> dict` as body context the same for every reader."""

    def register(function: PageContext) -> PageContext:
        _shared[page_type] = function
        return function

    return register


def register_read(page_type: type, name: str, read: PageRead) -> None:
    """Register `read(page)` as the read a route of `page_type` asks for by `name`."""
    _reads[page_type, name] = read


class RegisteredContext:
    """A page mixin: the context registered for the page's bases, then for its own class."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for page_type in reversed(type(self).__mro__):
            if function := _registered.get(page_type):
                context.update(function(self, request))
        return context

    def get_shared_context(self, request) -> dict:
        """The body context registered for the page's bases, then its own class (every reader's)."""
        context = {}
        for page_type in reversed(type(self).__mro__):
            if function := _shared.get(page_type):
                context.update(function(self, request))
        return context

    def read(self, name: str):
        """The one registered read `name` for this page (for routes that need no full context)."""
        for page_type in type(self).__mro__:
            if read := _reads.get((page_type, name)):
                return read(self)
        raise LookupError(f"no read {name!r} registered for {type(self).__name__}")
