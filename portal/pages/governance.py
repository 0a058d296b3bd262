"""Collaboration plans, activity plans, forums, meetings and decisions."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from portal.blocks import BodyBlock
from portal.pages.base import ContentPage


class ForumIndexPage(Page):
    """Lists the forums of the cooperation."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.ForumPage"]
    max_count = 1

    class Meta:
        verbose_name = _("forum index")


class ForumPage(ContentPage):
    """A forum (styrgrupp, 2+2, working group, SSPF, EHT…) with members and meetings."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + ContentPage.metadata_panels + [FieldPanel("body")]
    parent_page_types = ["portal.ForumIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("forum")
