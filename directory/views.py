"""Directory pages; thin over selectors and services."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail import hooks

from directory import selectors, services
from directory.forms import ProfileForm
from directory.vcard import contact_point_vcard, person_vcard

# Apps above the directory add to the function page through this hook: `fn(*, function) -> dict`
# (the portal adds the guidelines the function is responsible for).
FUNCTION_CONTEXT_HOOK = "directory_function_context"


def _or_404(record):
    if record is None:
        raise Http404(_("Not found in the directory."))
    return record


def _vcard_response(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "kontakt"}.vcf"'
    return response


def directory_index(request):
    tree = selectors.OrgTree()
    context = {
        "functions": list(selectors.visible_functions().order_by("name")),
        "roots": tree.roots(),
    }
    return render(request, "directory/index.html", context)


def person_detail(request, key: str):
    person = _or_404(selectors.get_person(key=key))
    own = person.user_id is not None and person.user_id == request.user.pk
    return render(
        request,
        "directory/person.html",
        {"person": person, "show_stale_banner": own and person.is_stale},
    )


def person_vcard_download(request, key: str):
    person = _or_404(selectors.get_person(key=key))
    return _vcard_response(person_vcard(person=person), person.full_name)


def function_detail(request, key: str):
    function = _or_404(selectors.get_function(key=key))
    context = {
        "function": function,
        "holders": selectors.function_holders(function=function, number=request.GET.get("sida")),
    }
    for extend in hooks.get_hooks(FUNCTION_CONTEXT_HOOK):
        context.update(extend(function=function))
    return render(request, "directory/function.html", context)


def organisation_detail(request, key: str):
    organisation = _or_404(selectors.get_organisation(key=key))
    tree = selectors.OrgTree()
    node = tree.nodes[organisation.pk]
    context = {
        "organisation": organisation,
        "ancestors": tree.ancestors(organisation.pk),
        "units": node.children,
        "holders": selectors.organisation_holders(
            organisation=organisation, tree=tree, number=request.GET.get("sida")
        ),
        "contact_points": list(organisation.contact_points.current().order_by("name")),
    }
    return render(request, "directory/organisation.html", context)


def contact_point_detail(request, key: str):
    contact_point = _or_404(selectors.get_contact_point(key=key))
    return render(request, "directory/contact_point.html", {"contact_point": contact_point})


def contact_point_vcard_download(request, key: str):
    contact_point = _or_404(selectors.get_contact_point(key=key))
    return _vcard_response(contact_point_vcard(contact_point=contact_point), contact_point.name)


@require_http_methods(["GET", "POST"])
def my_profile(request):
    person = selectors.person_for_user(user=request.user)
    if person is None:
        return render(request, "directory/my_profile.html", {"person": None})
    if request.method == "POST" and request.POST.get("action") == "verify":
        services.verify_profile(person=person)
        messages.success(request, _("Thank you, your profile is marked as verified today."))
        return redirect("directory:my_profile")
    initial = {
        "phone": person.phone,
        "expertise": ", ".join(tag.name for tag in person.expertise.all()),
        "languages": ", ".join(person.languages),
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_profile(person=person, **form.cleaned_data)
        messages.success(request, _("Your profile has been saved."))
        return redirect("directory:my_profile")
    return render(request, "directory/my_profile.html", {"person": person, "form": form})
