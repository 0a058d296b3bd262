from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from portal.accounts import services


class Command(BaseCommand):
    help = "Remove an account's SSO identities (all, or one provider's); each removal is audited."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--provider", default=None, help="only this provider's identity")

    def handle(self, *args, username, provider, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"no account named {username!r}") from None
        removed = services.unlink_identities(user=user, provider_id=provider)
        self.stdout.write(f"unlinked {removed} identities from {username}")
