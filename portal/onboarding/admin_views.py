"""Editors' report of onboarding completion per path."""

from django.shortcuts import render

from portal.onboarding import selectors


def onboarding_report(request):
    """Steps, users who started and users who completed, per onboarding path."""
    return render(
        request,
        "portal/onboarding/admin_report.html",
        {"rows": selectors.completion_report()},
    )
