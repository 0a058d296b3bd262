"""Receivers: every removed SSO identity is audited, however it was removed; writes to users and
body choices, groups and rights invalidate the cached sessions, users (with their rights) and
search contexts (portal/accounts/sessions.py)."""

from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete
from django.dispatch import receiver

from directory import caching
from portal.accounts import services, sessions
from portal.accounts.models import BodyChoice


@receiver(post_delete, sender=SocialAccount, dispatch_uid="accounts.audit_unlink")
def audit_unlink(sender, instance: SocialAccount, **kwargs) -> None:
    services.record_unlink(account=instance)


@receiver(m2m_changed, sender=get_user_model().groups.through, dispatch_uid="accounts.groups")
@receiver(
    m2m_changed, sender=get_user_model().user_permissions.through, dispatch_uid="accounts.perms"
)
@receiver(m2m_changed, sender=Group.permissions.through, dispatch_uid="accounts.group_perms")
def rights_changed(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        caching.bump(sessions.ACCOUNTS)


sessions.connect(get_user_model(), BodyChoice, Group)
