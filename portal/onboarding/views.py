"""My onboarding: the signed-in user's paths, ticking steps, and a path's progress on its page."""

from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from directory.selectors import person_for_user
from portal.onboarding import selectors, services
from portal.onboarding.pages import OnboardingPathPage, OnboardingStep
from portal.onboarding.selectors import PathProgress
from portal.pages.context import context_for

ANNOUNCEMENT = "onboarding_announcement"


@require_GET
def my_onboarding(request):
    """The paths matching the user's positions, with progress."""
    return render(
        request,
        "portal/onboarding/my_onboarding.html",
        {
            "paths": selectors.onboarding_for_user(request.user),
            "has_person": person_for_user(user=request.user) is not None,
            "announcement": _pop_announcement(request),
        },
    )


def _pop_announcement(request) -> dict | None:
    """The announcement of the tick that redirected here, once (none for a request without session)."""
    session = getattr(request, "session", None)
    return session.pop(ANNOUNCEMENT, None) if session is not None else None


def _steps_done(progress: PathProgress) -> str:
    return _("%(done)s of %(total)s steps done") % {"done": progress.done, "total": progress.total}


def _announcement(step: OnboardingStep, progress: PathProgress, *, done: bool) -> str:
    """What a screen reader says after a tick: the step's new state and the path's progress."""
    state = _("“%(title)s” is done.") if done else _("“%(title)s” is no longer done.")
    return f"{state % {'title': step.title}} {_steps_done(progress)}."


@require_POST
def tick_step(request, step_id: int):
    """Mark a step done (done=1) or not done (done=0); answer a script in JSON, else go back."""
    step = get_object_or_404(OnboardingStep, pk=step_id, path__live=True)
    done = services.set_step_done(
        user=request.user, step=step, done=request.POST.get("done") == "1"
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("onboarding:mine")
    progress = selectors.path_progress(step.path, request.user)
    announcement = _announcement(step, progress, done=done)
    if request.headers.get("Accept") == "application/json":
        item = next(item for item in progress.steps if item.step.pk == step.pk)
        step_html = render_to_string(
            "portal/onboarding/_step.html",
            {"item": item, "next": target.split("#")[0], "csrf_token": get_token(request)},
        ).strip()
        return JsonResponse(
            {
                "path": progress.path.pk,
                "step": step.pk,
                "done": progress.done,
                "total": progress.total,
                "percent": progress.percent,
                "count": _steps_done(progress),
                "announcement": announcement,
                "step_html": step_html,
            }
        )
    request.session[ANNOUNCEMENT] = {"path": progress.path.pk, "text": announcement}
    return redirect(target)


@context_for(OnboardingPathPage)
def path_page_context(page: OnboardingPathPage, request) -> dict:
    return {
        "progress": selectors.path_progress(page, request.user),
        "announcement": _pop_announcement(request),
    }
