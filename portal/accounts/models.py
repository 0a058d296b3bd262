"""Sign-in identities bound to their issuer, refused sign-ins, the body a user chose, and the
secrets machine clients use (only a SHA-256 hash of each secret is stored; it is shown once)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

BODY_KINDS = ("municipality", "region", "police")


class IdentityIssuer(models.Model):
    """The issuer an SSO identity belongs to: the identity is (issuer, sub), never the e-mail."""

    account = models.OneToOneField(
        "socialaccount.SocialAccount", on_delete=models.CASCADE, related_name="issuer_binding"
    )
    issuer = models.CharField(_("issuer"), max_length=255)
    linked_at = models.DateTimeField(_("linked"), auto_now_add=True)

    class Meta:
        verbose_name = _("SSO identity")
        verbose_name_plural = _("SSO identities")

    def __str__(self) -> str:
        return gettext("SSO identity at %(provider)s") % {"provider": self.account.provider}


class SignInRefusal(models.Model):
    """A first SSO sign-in that was not linked; holds only what an administrator needs to link it."""

    class Reason(models.TextChoices):
        MISSING_EMAIL = "missing_email", _("no e-mail address in the sign-in")
        UNVERIFIED_EMAIL = "unverified_email", _("e-mail address not verified by the provider")
        OUTSIDE_DOMAINS = "outside_domains", _("e-mail address outside the provider's domains")
        PRIVILEGED_ACCOUNT = "privileged_account", _("the matching account is staff or superuser")
        ALREADY_LINKED = "already_linked", _("the matching account is linked to another identity")
        AMBIGUOUS = "ambiguous", _("several accounts match the e-mail address")
        INACTIVE_ACCOUNT = "inactive_account", _("the matching account is deactivated")

    provider = models.CharField(_("provider"), max_length=40)
    issuer = models.CharField(_("issuer"), max_length=255)
    subject = models.CharField(_("subject (sub)"), max_length=255)
    reason = models.CharField(_("reason"), max_length=30, choices=Reason.choices)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The existing account the sign-in matched, for linking by hand."),
    )
    refused_at = models.DateTimeField(_("refused"), auto_now_add=True)

    class Meta:
        ordering = ["-refused_at"]
        verbose_name = _("refused SSO sign-in")
        verbose_name_plural = _("refused SSO sign-ins")

    def __str__(self) -> str:
        return gettext("Refused SSO sign-in %(number)s at %(provider)s") % {
            "number": self.pk,
            "provider": self.provider,
        }


class BodyChoice(models.Model):
    """The municipality, region or police area a user without a directory link works for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="body_choice"
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"kind__in": BODY_KINDS},
        verbose_name=_("organisation"),
    )
    chosen_at = models.DateTimeField(_("chosen"), auto_now=True)

    class Meta:
        verbose_name = _("chosen body")
        verbose_name_plural = _("chosen bodies")

    def __str__(self) -> str:
        return str(self.organisation)


class MachineToken(models.Model):
    """A named, revocable secret of one user; the secret itself is never stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class CalendarToken(MachineToken):
    """The secret in a personal calendar subscription URL, /kalender/<secret>.ics."""

    class Meta(MachineToken.Meta):
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")


class ApiToken(MachineToken):
    """A personal, read-only API token sent as `Authorization: Bearer <secret>`."""

    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta(MachineToken.Meta):
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()
