"""manage.py flag_stale_profiles: e-mail editors the profiles not verified for twelve months."""

from django.core.management.base import BaseCommand

from directory.services import flag_stale_profiles


class Command(BaseCommand):
    help = (
        "E-mail each organisation's editors (group 'Redaktörer <organisation name>' or staff with "
        "a profile there) the profiles in it that have not been verified for twelve months."
    )

    def handle(self, *args, **options):
        profiles, sent = flag_stale_profiles()
        self.stdout.write(f"{profiles} stale profile(s); {sent} e-mail(s) sent to editors.")
