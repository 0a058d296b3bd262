"""My onboarding: the signed-in user's paths, ticking steps, and a path's progress on its page."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from directory.selectors import person_for_user
from portal.onboarding import selectors, services
from portal.onboarding.pages import OnboardingPathPage, OnboardingStep
from portal.pages.context import context_for


@require_GET
def my_onboarding(request):
    """The paths matching the user's positions, with progress."""
    return render(
        request,
        "portal/onboarding/my_onboarding.html",
        {
            "paths": selectors.onboarding_for_user(request.user),
            "has_person": person_for_user(user=request.user) is not None,
        },
    )


@require_POST
def tick_step(request, step_id: int):
    """Mark a step done (done=1) or not done (done=0), then go back."""
    step = get_object_or_404(OnboardingStep, pk=step_id, path__live=True)
    services.set_step_done(user=request.user, step=step, done=request.POST.get("done") == "1")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "onboarding:mine"
    return redirect(target)


@context_for(OnboardingPathPage)
def path_page_context(page: OnboardingPathPage, request) -> dict:
    return {"progress": selectors.path_progress(page, request.user)}
