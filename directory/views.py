"""Directory pages; thin over selectors and services."""

from collections.abc import Callable, Iterable

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail import hooks

from directory import caching, selectors, services
from directory.forms import ProfileForm
from directory.models import ImportedRecord
from directory.vcard import contact_point_vcard, person_vcard
from search.pagination import page_number

# Apps above the directory add to the function page through this hook: `fn(*, function) -> dict`
# (the portal adds the guidelines the function is responsible for).
FUNCTION_CONTEXT_HOOK = "directory_function_context"
# Holder pages beyond this number are rendered without caching (they are the last page anyway).
LAST_CACHED_PAGE = 1000
KEY_MAX_LENGTH = ImportedRecord._meta.get_field("key").max_length


def _or_404(record):
    if record is None:
        raise Http404(_("Not found in the directory."))
    return record


def _vcard_response(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "kontakt"}.vcf"'
    return response


def _shared_record(
    kind: str, key: str, number: int, scopes: Iterable[str], compute: Callable[[], dict]
) -> dict:
    """A record's rendered body, the same for every reader today, cached until a write in `scopes`.

    `compute` raises Http404 for unknown keys, so nothing is stored for them.
    """
    if len(key) > KEY_MAX_LENGTH:
        raise Http404(_("Not found in the directory."))
    if number > LAST_CACHED_PAGE:
        return compute()
    today = timezone.localdate().isoformat()
    return caching.cached(f"directory:{kind}:{key}:{number}:{today}", scopes, compute)


def _rendered(template: str, title: str, **context) -> dict:
    return {"title": title, "html": render_to_string(template, context)}


def directory_index(request):
    tree = selectors.shared_org_tree()
    context = {
        "functions": list(selectors.visible_functions().order_by("name")),
        "roots": tree.roots(),
    }
    return render(request, "directory/index.html", context)


def person_detail(request, key: str):
    record = _shared_record("person", key, 1, [caching.DIRECTORY], lambda: _person_record(key))
    own = record["user_id"] is not None and record["user_id"] == request.user.pk
    return render(
        request,
        "directory/record.html",
        {"record": record, "show_stale_banner": own and record["stale"]},
    )


def _person_record(key: str) -> dict:
    person = _or_404(selectors.get_person(key=key))
    return _rendered("directory/components/person_record.html", person.full_name, person=person) | {
        "user_id": person.user_id,
        "stale": person.is_stale,
    }


def person_vcard_download(request, key: str):
    person = _or_404(selectors.get_person(key=key))
    return _vcard_response(person_vcard(person=person), person.full_name)


def function_detail(request, key: str):
    number = page_number(request.GET.get("sida"))
    record = _shared_record(
        "function",
        key,
        number,
        [caching.DIRECTORY, caching.CONTENT],
        lambda: _function_record(key, number),
    )
    return render(request, "directory/record.html", {"record": record})


def _function_record(key: str, number: int) -> dict:
    function = _or_404(selectors.get_function(key=key))
    context = {
        "function": function,
        "holders": selectors.function_holders(function=function, number=number),
    }
    for extend in hooks.get_hooks(FUNCTION_CONTEXT_HOOK):
        context.update(extend(function=function))
    return _rendered("directory/components/function_record.html", function.name, **context)


def organisation_detail(request, key: str):
    number = page_number(request.GET.get("sida"))
    record = _shared_record(
        "organisation",
        key,
        number,
        [caching.DIRECTORY],
        lambda: _organisation_record(key, number),
    )
    return render(request, "directory/record.html", {"record": record})


def _organisation_record(key: str, number: int) -> dict:
    organisation = _or_404(selectors.get_organisation(key=key))
    tree = selectors.shared_org_tree()
    return _rendered(
        "directory/components/organisation_record.html",
        organisation.name,
        organisation=organisation,
        ancestors=tree.ancestors(organisation.pk),
        units=tree.nodes[organisation.pk].children,
        holders=selectors.organisation_holders(organisation=organisation, tree=tree, number=number),
        contact_points=list(organisation.contact_points.current().order_by("name")),
    )


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
