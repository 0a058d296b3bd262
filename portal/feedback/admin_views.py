"""The owners' feedback list in the Wagtail admin: their organisations' feedback, handled and replied to."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.feedback import selectors, services
from portal.feedback.forms import ReplyForm
from portal.feedback.models import Feedback
from search.pagination import paginate

PER_PAGE = 50


def _allowed(request) -> None:
    if not selectors.may_handle_feedback(request.user):
        raise PermissionDenied


def feedback_index(request):
    """The feedback of the editor's organisations (all of it for administrators), by status."""
    _allowed(request)
    status = request.GET.get("status", Feedback.Status.NEW)
    if status not in Feedback.Status.values:
        status = ""
    items = paginate(
        selectors.feedback_for(user=request.user, status=status or None),
        per_page=PER_PAGE,
        number=request.GET.get("p"),
    )
    return render(
        request,
        "feedback/admin/index.html",
        {"items": items, "status": status, "statuses": Feedback.Status.choices},
    )


@require_http_methods(["GET", "POST"])
def feedback_detail(request, pk: int):
    """One feedback: read it, reply to the reader or mark it handled."""
    _allowed(request)
    feedback = get_object_or_404(selectors.feedback_for(user=request.user), pk=pk)
    form = ReplyForm(request.POST if request.POST.get("action") == "reply" else None)
    if request.method == "POST":
        if request.POST.get("action") == "handle":
            services.mark_handled(feedback=feedback)
            messages.success(request, _("The feedback is marked as handled."))
            return redirect("feedback_index")
        if request.POST.get("action") == "reply" and services.may_reply(feedback=feedback):
            if form.is_valid():
                services.reply_to_reader(feedback=feedback, reply=form.cleaned_data["reply"])
                messages.success(request, _("Your reply has been e-mailed to the reader."))
                return redirect("feedback_index")
        else:
            messages.error(request, _("The feedback is handled already and cannot be replied to."))
    return render(
        request,
        "feedback/admin/detail.html",
        {"feedback": feedback, "form": form, "may_reply": services.may_reply(feedback=feedback)},
        status=400 if form.is_bound and form.errors else 200,
    )
