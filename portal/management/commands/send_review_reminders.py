"""E-mail owner organisations' editors about pages past or near their review-by date."""

from django.core.management.base import BaseCommand

from portal.selectors import pages_due_for_review
from portal.services import send_review_reminders


class Command(BaseCommand):
    help = "E-mail each owner organisation's editors the pages due for review within 30 days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="Include pages due within N days.")

    def handle(self, *args, days: int, **options):
        pages = pages_due_for_review(within_days=days).filter(live=True).select_related("owner")
        counts = send_review_reminders(pages=pages)
        self.stdout.write(f"Sent {counts['emails']} e-mail(s) about {counts['pages']} page(s).")
