"""Directory pages; thin over selectors."""

from django.shortcuts import get_object_or_404, render

from directory.models import ContactPoint, Function, Organisation, Person


def person_detail(request, key: str):
    person = get_object_or_404(Person.objects.visible(), key=key)
    return render(request, "directory/person.html", {"person": person})


def function_detail(request, key: str):
    function = get_object_or_404(Function.objects.current(), key=key)
    return render(request, "directory/function.html", {"function": function})


def organisation_detail(request, key: str):
    organisation = get_object_or_404(Organisation.objects.current(), key=key)
    return render(request, "directory/organisation.html", {"organisation": organisation})


def contact_point_detail(request, key: str):
    contact_point = get_object_or_404(ContactPoint.objects.current(), key=key)
    return render(request, "directory/contact_point.html", {"contact_point": contact_point})
