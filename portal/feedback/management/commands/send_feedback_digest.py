from django.core.management.base import BaseCommand

from portal.feedback.services import send_feedback_digest


class Command(BaseCommand):
    help = "E-mail each organisation's editors the new reader feedback since the last digest."

    def handle(self, *args, **options):
        counts = send_feedback_digest()
        self.stdout.write(f"{counts['feedback']} new feedback, {counts['emails']} e-mails sent.")
