"""The reader's feedback: a plain POST that redirects back to the page with a thank-you."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.feedback import selectors, services
from portal.feedback.forms import FeedbackForm
from portal.feedback.models import Feedback

# The thank-you the page shows after the redirect; a "No" also asks what was wrong or missing.
THANKS = {Feedback.Kind.NOT_HELPFUL: "nej"}


@require_POST
def submit(request):
    """Store the feedback and go back to the page; a form error or a flood gets a page of its own."""
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _refused(request, form, status=400)
    target = selectors.feedback_target(
        kind=form.cleaned_data["target_kind"], key=form.cleaned_data["target_key"]
    )
    if target is None:
        raise Http404(_("The page you gave feedback on does not exist."))
    try:
        services.submit_feedback(
            reader=request.user,
            target=target,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
        )
    except services.TooMuchFeedback:
        form.add_error(
            None,
            _("You have sent a lot of feedback in the last hour. Wait a while and try again."),
        )
        return _refused(request, form, status=429)
    thanks = THANKS.get(form.cleaned_data["kind"], "tack")
    return redirect(f"{target.url}?feedback={thanks}#feedback")


def _refused(request, form: FeedbackForm, *, status: int):
    return render(request, "feedback/refused.html", {"form": form}, status=status)
