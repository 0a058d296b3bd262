"""Receivers: every removed SSO identity is audited, however it was removed."""

from allauth.socialaccount.models import SocialAccount
from django.db.models.signals import post_delete
from django.dispatch import receiver

from portal.accounts import services


@receiver(post_delete, sender=SocialAccount, dispatch_uid="accounts.audit_unlink")
def audit_unlink(sender, instance: SocialAccount, **kwargs) -> None:
    services.record_unlink(account=instance)
