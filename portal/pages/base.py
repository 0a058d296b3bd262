"""The home page and the metadata every content page shares."""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from directory.models import AGE_GROUPS
from portal.pages import routes
from portal.pages.context import RegisteredContext
from portal.pages.forms import PageMetadataForm
from portal.workflows import OrganisationRights, organisation_workflow

REVIEW_WINDOW_DAYS = 30
# Longest accepted summary of a content page (on publish and on import).
SUMMARY_MAX = 1000


def optional_link(to: str | type[models.Model], verbose_name=None, **options) -> models.ForeignKey:
    """An optional link that is emptied when its target is deleted; no reverse accessor unless named."""
    options.setdefault("related_name", "+")
    return models.ForeignKey(
        to, verbose_name=verbose_name, null=True, blank=True, on_delete=models.SET_NULL, **options
    )


class ContentPageTag(TaggedItemBase):
    """A tag on any content page."""

    content_object = ParentalKey("wagtailcore.Page", related_name="tagged_content_items")


class ContentPage(RegisteredContext, OrganisationRights, Page):
    """Shared metadata: owner, contact function, tags, audience, age groups, validity, review.

    Only its subclasses are created; each names its parent and subpage types.
    """

    summary = models.TextField(_("summary"), blank=True, max_length=SUMMARY_MAX)
    owner_organisation = optional_link(
        "directory.Organisation", verbose_name=_("owner organisation")
    )
    contact_function = optional_link("directory.Function", verbose_name=_("responsible function"))
    tags = ClusterTaggableManager(_("tags"), through=ContentPageTag, blank=True)
    audience = models.JSONField(_("audience"), default=list, blank=True)
    age_groups = models.JSONField(_("age groups"), default=list, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    review_by = models.DateField(_("review by"), null=True, blank=True)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    legal_references = models.JSONField(_("legal references"), default=list, blank=True)
    import_hash = models.CharField(max_length=64, blank=True, editable=False)

    base_form_class = PageMetadataForm
    is_creatable = False
    editors_may_create = True
    # Page types whose body shows nothing per reader or per time of day set this: the `page_body`
    # tag then serves the rendered body from the shared cache (see directory.caching).
    shared_body = False
    cached_view_restrictions = None
    # Read with the page when it is routed (its metadata and contact box show them).
    routed_with_related = ("owner_organisation", "contact_function")

    metadata_panels = [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("owner_organisation"),
                FieldPanel("contact_function"),
                FieldPanel("tags"),
                FieldPanel("audience"),
                FieldPanel("age_groups"),
            ],
            heading=_("Ownership and audience"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("valid_from"),
                FieldPanel("valid_to"),
                FieldPanel("review_by"),
                FieldPanel("last_reviewed"),
            ],
            heading=_("Validity and review"),
        ),
    ]

    class Meta:
        verbose_name = _("content page")

    @property
    def is_overdue_for_review(self) -> bool:
        return self.review_by is not None and self.review_by < timezone.localdate()

    @property
    def status(self) -> str:
        """One of: upcoming, expired, due (review within 30 days or overdue), valid."""
        today = timezone.localdate()
        if self.valid_from and self.valid_from > today:
            return "upcoming"
        if self.valid_to and self.valid_to < today:
            return "expired"
        if self.review_by and self.review_by <= today + timedelta(days=REVIEW_WINDOW_DAYS):
            return "due"
        return "valid"

    def get_shared_context(self, request) -> dict:
        context = super().get_shared_context(request)
        context["tags"] = list(self.tags.all())
        parent = self.get_parent()
        context["index_url"] = parent.get_url(request) if parent else ""
        return context

    def get_view_restrictions(self):
        """Wagtail's, or those remembered with this page's cached route (routes.py)."""
        if self.cached_view_restrictions is not None:
            return self.cached_view_restrictions
        return super().get_view_restrictions()

    def shares_rendered_body(self, request) -> bool:
        """True when the body shown is the published one, the same for every reader (cacheable)."""
        return self.shared_body and self.live and not getattr(request, "is_preview", True)

    def body_fragment_key(self) -> str:
        """The cache key of the published body: this version, today (validity banners change)."""
        return f"page-body:{self.pk}:{self.live_revision_id}:{timezone.localdate().isoformat()}"

    def get_workflow(self):
        return organisation_workflow(self.owner_organisation) or super().get_workflow()

    @property
    def has_workflow(self) -> bool:
        return self.get_workflow() is not None

    @property
    def age_group_labels(self) -> list[str]:
        labels = dict(AGE_GROUPS)
        return [labels.get(group, group) for group in self.age_groups]


class SectionIndexPage(RegisteredContext, OrganisationRights, Page):
    """A section page that lists its children; a shared page, administrators' only."""

    class Meta:
        abstract = True

    def live_children(self, page_type: type[Page], *related: str):
        """The live children of one page type, by title."""
        return page_type.objects.child_of(self).live().select_related(*related).order_by("title")


class HomePage(RegisteredContext, OrganisationRights, Page):
    """Search first, shortcuts for the three kinds of users; a shared page, administrators' only."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "portal.GuidelineIndexPage",
        "portal.DirectiveIndexPage",
        "portal.GlossaryIndexPage",
        "portal.ForumIndexPage",
        "portal.OnboardingIndexPage",
        "portal.CollaborationPlanPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """A new path is routed in two queries at any depth; a page with a shared body is then
        remembered with its view restrictions and routed without a query (routes.py)."""
        if not path_components:
            return super().route(request, path_components)
        page = self._plainly_routed_page(path_components)
        result = RouteResult(page) if page is not None else super().route(request, path_components)
        page, args, kwargs = result
        if getattr(page, "shared_body", False) and page.live and not args and not kwargs:
            routes.remember_route(request, path_components, page)
        return result

    def _plainly_routed_page(self, path_components) -> Page | None:
        """The live page at `path_components` when no page on the way routes on its own, else None.

        The pages on the way are read in one query by their URL paths (Wagtail's walk reads two
        per level); a routable page, a missing one or a draft is left to Wagtail's walk.
        """
        if not path_components:
            return None
        prefixes = [
            f"{self.url_path}{'/'.join(path_components[:depth])}/"
            for depth in range(1, len(path_components) + 1)
        ]
        found = Page.objects.filter(
            path__startswith=self.path, slug__in=set(path_components), url_path__in=prefixes
        )
        by_url_path = {page.url_path: page for page in found}
        chain = [by_url_path.get(prefix) for prefix in prefixes]
        if None in chain or not chain[-1].live:
            return None
        if any(getattr(page.specific_class, "route", None) is not Page.route for page in chain):
            return None
        page_type = chain[-1].specific_class
        related = getattr(page_type, "routed_with_related", ())
        page = page_type._default_manager.select_related(*related).filter(pk=chain[-1].pk).first()
        if page is not None:
            page._cached_parent_obj = chain[-2] if len(chain) > 1 else self
        return page
