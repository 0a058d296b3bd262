"""Template context of the home page and the content pages, from the portal's reads; serving pages."""

from wagtail.views import serve

from directory import caching
from portal import selectors
from portal.models import ContentPage, DirectivePage, GlossaryPage, HomePage
from portal.onboarding.selectors import home_onboarding
from portal.pages.content import ContentIndexPage
from portal.pages.context import context_for, shared_context_for
from portal.pages.routes import recall_route


def serve_page(request, path: str):
    """Wagtail's `serve`; a path to a page with a shared body seen before is routed from the cache."""
    recall_route(request, path)
    return serve(request, path)


@context_for(HomePage)
def home_page_context(page: HomePage, request) -> dict:
    context = {
        "onboarding": home_onboarding(request.user),
        "recent_pages": caching.cached(
            "home:recent-pages",
            [caching.CONTENT],
            lambda: selectors.recently_changed_pages(limit=8),
        ),
        "sections": caching.cached(
            "home:sections", [caching.CONTENT], lambda: list(selectors.section_links())
        ),
    }
    if request.user.has_perm("wagtailadmin.access_admin"):
        context["due_pages"] = selectors.pages_due_for_review(user=request.user)[:10]
    return context


@shared_context_for(ContentPage)
def content_page_context(page: ContentPage, request) -> dict:
    return {
        "contact": selectors.contact_for_page(page),
        "audience_functions": selectors.audience_names(page.audience),
    }


@context_for(ContentIndexPage)
def content_index_context(page: ContentIndexPage, request) -> dict:
    return selectors.filtered_children(index=page, params=request.GET)


@shared_context_for(DirectivePage)
def directive_page_context(page: DirectivePage, request) -> dict:
    return {
        "successor": selectors.directive_successor(page),
        "decisions": selectors.decision_history(page),
        "versions": selectors.version_history(page),
    }


@shared_context_for(GlossaryPage)
def glossary_page_context(page: GlossaryPage, request) -> dict:
    return {"glossary_letters": selectors.glossary_by_letter(page)}
