"""StreamField blocks for collaboration plans."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class NamedBlock(blocks.StructBlock):
    """A name with an optional description."""

    name = blocks.CharBlock(label=_("Name"))
    description = blocks.TextBlock(label=_("Description"), required=False)


class GovernanceLevelBlock(NamedBlock):
    """One level of governance, e.g. the committees, the 2+2 meeting or the steering group."""

    cadence = blocks.CharBlock(label=_("Meeting cadence"), required=False)
    forum = blocks.PageChooserBlock(label=_("Forum"), page_type="portal.ForumPage", required=False)

    class Meta:
        icon = "group"
        label = _("Governance level")


class AreaBlock(NamedBlock):
    """An area of the plan (children's team, pupil health, family centre …)."""

    class Meta:
        icon = "tag"
        label = _("Area")


class StrategyBlock(blocks.StructBlock):
    """A strategy of the plan."""

    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(label=_("Text"), required=False)

    class Meta:
        icon = "pick"
        label = _("Strategy")
