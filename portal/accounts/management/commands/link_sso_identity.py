from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from portal.accounts import services
from portal.accounts.models import SignInRefusal


class Command(BaseCommand):
    help = "Link a refused SSO sign-in (see the site history) to an account, e.g. a staff account."

    def add_arguments(self, parser):
        parser.add_argument("refusal", type=int, help="number of the refused sign-in")
        parser.add_argument("username", help="the account to link it to")

    def handle(self, *args, refusal, username, **options):
        try:
            refused = SignInRefusal.objects.get(pk=refusal)
            user = get_user_model().objects.get(username=username)
            services.link_by_hand(refusal=refused, user=user)
        except SignInRefusal.DoesNotExist:
            raise CommandError(f"no refused sign-in number {refusal}") from None
        except get_user_model().DoesNotExist:
            raise CommandError(f"no account named {username!r}") from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"linked {refused.provider} identity to {username}")
