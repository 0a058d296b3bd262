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
    action = request.POST.get("action") if request.method == "POST" else None
    form = ReplyForm(request.POST if action == "reply" else None)
    status = 200
    if action == "handle":
        services.mark_handled(feedback=feedback)
        messages.success(request, _("The feedback is marked as handled."))
        return redirect("feedback_index")
    if action == "reply" and not services.may_reply(feedback=feedback):
        messages.error(request, _("The feedback is handled already and cannot be replied to."))
        status = 409
    elif action == "reply" and form.is_valid():
        services.reply_to_reader(feedback=feedback, reply=form.cleaned_data["reply"])
        messages.success(request, _("Your reply has been e-mailed to the reader."))
        return redirect("feedback_index")
    elif action is not None:
        status = 400
        if action != "reply":
            messages.error(request, _("Choose to reply or to mark the feedback as handled."))
    return render(
        request,
        "feedback/admin/detail.html",
        {"feedback": feedback, "form": form, "may_reply": services.may_reply(feedback=feedback)},
        status=status,
    )
