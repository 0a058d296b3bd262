"""Sign-in identities bound to their issuer, refused sign-ins, and the body a user chose."""

from django.conf import settings
from django.db import models
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
