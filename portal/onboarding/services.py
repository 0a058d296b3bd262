"""Writes for onboarding progress."""

from django.db import transaction

from portal.onboarding.pages import OnboardingProgress, OnboardingStep


@transaction.atomic
def set_step_done(*, user, step: OnboardingStep, done: bool) -> bool:
    """Tick or untick a step for a user; return whether it is now done."""
    if done:
        OnboardingProgress.objects.get_or_create(user=user, step=step)
    else:
        OnboardingProgress.objects.filter(user=user, step=step).delete()
    return done
