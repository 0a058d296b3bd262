"""manage.py load_demo: the demo cooperation area and demo accounts, idempotent."""

import io
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from directory.models import ContactPoint, Function, Organisation, Person
from portal.demo import services


class Command(BaseCommand):
    help = (
        "Load the demo cooperation area (Ekeså kommun, Region Dalmark, Polisområde Dalmark) "
        "through import_directory and import_content, then create demo accounts and print them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default=None, help="address to print (default: BASE_URL)")

    def handle(self, *args, url, **options):
        started = time.monotonic()
        warnings = io.StringIO()
        try:
            services.import_demo_data(stdout=self.stdout, stderr=warnings)
        except services.DemoUnavailable as error:
            raise CommandError(f"Cannot load the demo: {error}.") from None
        except CommandError:
            self.stderr.write(warnings.getvalue())
            raise
        lines = warnings.getvalue().splitlines()
        if options["verbosity"] > 1:
            for line in lines:
                self.stderr.write(line)
        elif lines:
            self.stdout.write(f"{len(lines)} import warning(s); run with -v 2 to list them.")
        accounts = services.create_demo_accounts(today=timezone.localdate())
        services.load_governance_demo()
        self.stdout.write("Governance demo: forums, meetings and onboarding paths loaded.")
        self.stdout.write(
            f"Demo data: {Organisation.objects.current().count()} organisations, "
            f"{Function.objects.current().count()} functions, "
            f"{Person.objects.visible().count()} people, "
            f"{ContactPoint.objects.current().count()} contact points "
            f"({time.monotonic() - started:.1f} s)."
        )
        address = url or f"{settings.WAGTAILADMIN_BASE_URL}/"
        self.stdout.write(f"\nSamverkansportalen: {address}\n")
        width = max(len(account.username) for account in accounts)
        secret = max(len(account.password) for account in accounts)
        self.stdout.write(f"{'Username':<{width}}  {'Password':<{secret}}  Role")
        self.stdout.write(f"{'-' * width}  {'-' * secret}  {'-' * 30}")
        for account in accounts:
            self.stdout.write(
                f"{account.username:<{width}}  {account.password:<{secret}}  {account.role}"
            )
