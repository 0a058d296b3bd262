"""The development server, which refuses HTTPS=1: that setting is for a deployment behind TLS."""

import os

from django.conf import settings
from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand
from django.core.management.base import CommandError

CGI_HTTPS_VALUES = {"1", "on", "yes"}


class Command(RunserverCommand):
    help = "Start the development server (plain http; HTTPS=1 is refused, see README)."

    def handle(self, *args, **options):
        if settings.HTTPS or os.environ.get("HTTPS", "").lower() in CGI_HTTPS_VALUES:
            raise CommandError(
                "HTTPS=1 is for a deployment behind a TLS proxy that sets X-Forwarded-Proto; the "
                "development server serves plain http and would take HTTPS=1 as 'every request is "
                "https' (no redirect, HSTS over http). Unset HTTPS to run it."
            )
        super().handle(*args, **options)
