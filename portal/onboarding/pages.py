"""Onboarding paths for new employees, with steps they tick off."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from portal.pages.base import ContentPage, SectionIndexPage, optional_link


class OnboardingIndexPage(SectionIndexPage):
    """Lists the onboarding paths."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.OnboardingPathPage"]
    max_count = 1
    template = "portal/onboarding/onboarding_index_page.html"

    class Meta:
        verbose_name = _("onboarding index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["paths"] = self.live_children(OnboardingPathPage, "function", "organisation")
        return context


class OnboardingPathPage(ContentPage):
    """Ordered steps for new holders of a function, optionally at one organisation."""

    function = models.ForeignKey(
        "directory.Function",
        verbose_name=_("function"),
        on_delete=models.PROTECT,
        related_name="onboarding_paths",
    )
    organisation = optional_link(
        "directory.Organisation",
        verbose_name=_("organisation"),
        related_name="onboarding_paths",
        help_text=_("Leave empty for a path for the function at every organisation."),
    )
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = (
        Page.content_panels
        + [
            MultiFieldPanel(
                [FieldPanel("function"), FieldPanel("organisation")], heading=_("For whom")
            ),
            FieldPanel("intro"),
            InlinePanel("steps", label=_("Steps")),
        ]
        + ContentPage.metadata_panels
    )
    parent_page_types = ["portal.OnboardingIndexPage"]
    subpage_types: list[str] = []
    template = "portal/onboarding/onboarding_path_page.html"

    class Meta:
        verbose_name = _("onboarding path")


class OnboardingStep(Orderable):
    """One step of a path: what to read, whom to know, where to go, and why it matters."""

    path = ParentalKey(OnboardingPathPage, related_name="steps", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=255)
    time_frame = models.CharField(
        _("time frame"),
        max_length=50,
        blank=True,
        help_text=_("When to do it, e.g. vecka 1 or första månaden."),
    )
    why = models.TextField(_("why this matters"), blank=True)
    page = optional_link("wagtailcore.Page", verbose_name=_("page to read"))
    function = optional_link("directory.Function", verbose_name=_("function to know"))
    person = optional_link("directory.Person", verbose_name=_("person to meet"))
    contact_point = optional_link("directory.ContactPoint", verbose_name=_("contact point"))

    panels = [
        FieldPanel("title"),
        FieldPanel("time_frame"),
        FieldPanel("why"),
        FieldPanel("page"),
        FieldPanel("function"),
        FieldPanel("person"),
        FieldPanel("contact_point"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        links = [self.page_id, self.function_id, self.person_id, self.contact_point_id]
        if sum(link is not None for link in links) > 1:
            raise ValidationError(_("Link one page, function, person or contact point per step."))
        if self.person_id is not None and self.person.protected:
            raise ValidationError(
                {"person": _("This person's identity is protected: link their function instead.")}
            )


class OnboardingProgress(models.Model):
    """A step a user has ticked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="onboarding_progress"
    )
    step = models.ForeignKey(OnboardingStep, on_delete=models.CASCADE, related_name="progress")
    completed_at = models.DateTimeField(_("completed"), auto_now_add=True)

    class Meta:
        verbose_name = _("onboarding progress")
        verbose_name_plural = _("onboarding progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "step"], name="unique_onboarding_progress")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.step}"
