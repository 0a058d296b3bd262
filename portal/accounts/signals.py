"""Receivers: every removed SSO identity is audited, however it was removed; writes to users and
body choices invalidate the cached sessions, users and search contexts (portal/accounts/sessions.py)."""

from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete
from django.dispatch import receiver

from portal.accounts import services, sessions
from portal.accounts.models import BodyChoice


@receiver(post_delete, sender=SocialAccount, dispatch_uid="accounts.audit_unlink")
def audit_unlink(sender, instance: SocialAccount, **kwargs) -> None:
    services.record_unlink(account=instance)


sessions.connect(get_user_model(), BodyChoice)
