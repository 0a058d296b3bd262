"""The directory: organisations, functions and their mandates, people, positions, contact points."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from directory.tree import Tree
from directory.validators import validate_languages, validate_phone

# Longest accepted mandate, summary or other long text (about 500 pages).
LONG_TEXT_MAX = 1_000_000
AGE_GROUPS = [("0-5", "0–5"), ("6-12", "6–12"), ("13-17", "13–17"), ("18-20", "18–20")]

# A permission that exists for no group, so only superusers hold it: panels for administrators.
ADMINISTRATORS_ONLY = "directory.administer_directory"

# Wagtail hook that names the workflow of a function (its owner's moderation workflow).
FUNCTION_WORKFLOW_HOOK = "directory_function_workflow"

# Wagtail hook that adds to a function preview (e.g. its holders, which selectors read).
FUNCTION_PREVIEW_HOOK = "directory_function_preview_context"


class ImportedQuerySet(models.QuerySet):
    """Records that came from an import and may be retired."""

    def current(self):
        return self.filter(retired_at__isnull=True)


class ImportedRecord(models.Model):
    """Fields shared by every imported directory record."""

    key = models.SlugField(_("import id"), max_length=100, unique=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImportedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class Organisation(ImportedRecord):
    """A body, administration, department or unit; parent links make the tree."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")
        POLICE = "police", _("Police")
        ADMINISTRATION = "administration", _("Administration")
        DEPARTMENT = "department", _("Department")
        UNIT = "unit", _("Unit")
        SCHOOL = "school", _("School")
        PRESCHOOL = "preschool", _("Preschool")
        CLINIC = "clinic", _("Clinic")
        OTHER = "other", _("Other")

    class Moderation(models.TextChoices):
        DIRECT = "direct", _("Editors publish directly")
        MODERATED = "moderated", _("Moderated: a moderator approves before publishing")

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    moderation = models.CharField(
        _("moderation policy"),
        max_length=20,
        choices=Moderation.choices,
        default=Moderation.DIRECT,
        help_text=_(
            "Applies to the organisation's content and to the units below it. Only administrators"
            " can change it."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    phone = models.CharField(
        _("switchboard"), max_length=50, blank=True, validators=[validate_phone]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    visiting_address = models.CharField(_("visiting address"), max_length=255, blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=255, blank=True)

    panels = [
        FieldPanel("key"),
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("moderation", permission=ADMINISTRATORS_ONLY),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("address"),
                FieldPanel("visiting_address"),
                FieldPanel("website"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("retired_at"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation", args=[self.key])

    def clean(self) -> None:
        """Refuse a parent that is this organisation or one of its descendants."""
        if self.pk is None or self.parent_id is None:
            return
        tree = Tree(dict(Organisation.objects.values_list("pk", "parent_id")))
        if self.pk == self.parent_id or self.pk in tree.chain(self.parent_id):
            raise ValidationError({"parent": _("An organisation cannot be placed under itself.")})


class Function(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    ImportedRecord,
):
    """A role that exists across bodies, with its mandate and when to contact it."""

    class Sector(models.TextChoices):
        SOCIAL = "social", _("Social services")
        SCHOOL = "school", _("School")
        PRESCHOOL = "preschool", _("Preschool")
        HEALTH = "health", _("Health care")
        POLICE = "police", _("Police")
        LEISURE = "leisure", _("Leisure")
        JOINT = "joint", _("Joint")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    summary = models.TextField(_("summary"), blank=True, max_length=LONG_TEXT_MAX)
    mandate = models.TextField(_("mandate"), blank=True, max_length=LONG_TEXT_MAX)
    responsibilities = models.TextField(
        _("areas of responsibility"), blank=True, max_length=LONG_TEXT_MAX
    )
    competence = models.TextField(_("competence"), blank=True, max_length=LONG_TEXT_MAX)
    conditions = models.TextField(_("conditions"), blank=True, max_length=LONG_TEXT_MAX)
    legal_basis = models.TextField(_("legal basis"), blank=True, max_length=LONG_TEXT_MAX)
    contact_when = models.TextField(_("when to contact"), blank=True, max_length=LONG_TEXT_MAX)
    contact_not_when = models.TextField(
        _("when not to contact"), blank=True, max_length=LONG_TEXT_MAX
    )
    synonyms = models.JSONField(_("synonyms"), default=list, blank=True)
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("owning organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_functions",
        help_text=_("Its editors keep the function's mandate up to date."),
    )

    panels = [
        FieldPanel("key"),
        FieldPanel("name"),
        FieldPanel("sector"),
        FieldPanel("owner_organisation", permission=ADMINISTRATORS_ONLY),
        FieldPanel("summary"),
        FieldPanel("mandate"),
        FieldPanel("responsibilities"),
        FieldPanel("competence"),
        FieldPanel("conditions"),
        FieldPanel("legal_basis"),
        FieldPanel("contact_when"),
        FieldPanel("contact_not_when"),
        FieldPanel("synonyms"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("function")
        verbose_name_plural = _("functions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:function", args=[self.key])

    def get_workflow(self):
        """The moderation workflow a hook names for the function, else Wagtail's default."""
        for find in hooks.get_hooks(FUNCTION_WORKFLOW_HOOK):
            workflow = find(function=self)
            if workflow is not None:
                return workflow
        return super().get_workflow()

    def get_preview_template(self, request, mode_name):
        return "directory/function_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["function"] = self
        for extend in hooks.get_hooks(FUNCTION_PREVIEW_HOOK):
            context.update(extend(function=self))
        return context


def visible_person_condition(prefix: str = "") -> models.Q:
    """The visibility rule: not protected and not retired; `prefix` reaches a related person."""
    return models.Q(**{f"{prefix}protected": False, f"{prefix}retired_at__isnull": True})


class PersonQuerySet(ImportedQuerySet):
    """People; `visible()` is the only way to list them anywhere a reader can see."""

    def visible(self):
        return self.filter(visible_person_condition())


class PersonTag(TaggedItemBase):
    """An expertise tag on a person."""

    content_object = ParentalKey("directory.Person", related_name="tagged_items")


class Person(ClusterableModel, ImportedRecord):
    """A named person; protected people are never shown to anyone."""

    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    title = models.CharField(_("title"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True, validators=[validate_phone])
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, validators=[validate_languages]
    )
    expertise = ClusterTaggableManager(_("expertise"), through=PersonTag, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    protected = models.BooleanField(
        _("protected identity"),
        default=False,
        help_text=_("Skyddade personuppgifter: never shown anywhere."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    last_verified = models.DateField(_("last verified"), null=True, blank=True)

    objects = PersonQuerySet.as_manager()

    panels = [
        FieldPanel("key"),
        FieldPanel("given_name"),
        FieldPanel("family_name"),
        FieldPanel("title"),
        FieldPanel("organisation"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("photo"),
        FieldPanel("languages"),
        FieldPanel("expertise"),
        FieldPanel("protected", permission=ADMINISTRATORS_ONLY),
        FieldPanel("user", permission=ADMINISTRATORS_ONLY),
        FieldPanel("last_verified"),
        FieldPanel("retired_at"),
    ]

    class Meta:
        ordering = ["family_name", "given_name"]
        # Search statistics check MAX(updated_at) before every stored query.
        indexes = [models.Index(fields=["updated_at"], name="person_updated_at")]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        """The name, except for protected people: admin labels, log entries and diffs use this."""
        return str(_("Protected person")) if self.protected else self.full_name

    def get_absolute_url(self) -> str:
        return reverse("directory:person", args=[self.key])

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def is_visible(self) -> bool:
        """The rule of `Person.objects.visible()` for a person already loaded."""
        return not self.protected and self.retired_at is None

    @property
    def is_stale(self) -> bool:
        """True when the profile has not been verified for twelve months."""
        if self.last_verified is None:
            return True
        return (timezone.localdate() - self.last_verified).days > 365


class PositionQuerySet(models.QuerySet):
    """Positions, current and past."""

    def current(self, on=None):
        day = on or timezone.localdate()
        return self.filter(
            models.Q(start__isnull=True) | models.Q(start__lte=day),
            models.Q(end__isnull=True) | models.Q(end__gte=day),
            person__retired_at__isnull=True,
        )


class Position(models.Model):
    """A person holding a function at an organisation unit, serving an area."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    function = models.ForeignKey(Function, on_delete=models.PROTECT, related_name="positions")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="positions"
    )
    area = models.CharField(_("area served"), max_length=255, blank=True)
    age_groups = models.JSONField(_("age groups"), default=list, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["function__name", "organisation__name"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self) -> str:
        return f"{self.function} – {self.organisation}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return (self.start is None or self.start <= today) and (
            self.end is None or self.end >= today
        )


class ContactPoint(ImportedRecord):
    """A functional entry: an intake line, shared mailbox or on-call service."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contact_points"
    )
    name = models.CharField(_("name"), max_length=255)
    purpose = models.TextField(_("purpose"), blank=True, max_length=LONG_TEXT_MAX)
    phone = models.CharField(_("phone"), max_length=50, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    hours = models.CharField(_("hours"), max_length=255, blank=True)
    topics = models.JSONField(_("topics"), default=list, blank=True)

    panels = [
        FieldPanel("key"),
        FieldPanel("name"),
        FieldPanel("organisation"),
        FieldPanel("purpose"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("hours"),
        FieldPanel("topics"),
        FieldPanel("retired_at"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact point")
        verbose_name_plural = _("contact points")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:contact_point", args=[self.key])


class CacheGeneration(models.Model):
    """The current generation of one cache scope; a new token invalidates its cached fragments."""

    scope = models.CharField(max_length=32, primary_key=True)
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("cache generation")
        verbose_name_plural = _("cache generations")

    def __str__(self) -> str:
        return f"{self.scope}: {self.token}"
