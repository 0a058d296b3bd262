"""Directory pages read well: a breadcrumb trail, the place once, the area served, no "never verified"."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.factories import FunctionFactory, OrganisationFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db


def test_an_organisation_breadcrumb_is_a_labelled_trail_ending_at_the_unit(signed_in_client):
    kommun = OrganisationFactory(key="lek", name="Lekeby kommun")
    soc = OrganisationFactory(key="lek-soc", name="Socialförvaltningen", parent=kommun)
    unit = OrganisationFactory(key="lek-soc-mott", name="Mottagningen", parent=soc)
    html = signed_in_client.get(reverse("directory:organisation", args=[unit.key])).content.decode()
    trail = re.search(r'<nav aria-label="Del av" class="breadcrumbs">\s*<ol>(.*?)</ol>', html, re.S)
    assert trail
    items = re.findall(r"<li[^>]*>(.*?)</li>", trail.group(1), re.S)
    assert [re.sub(r"<[^>]+>", "", item) for item in items] == [
        "Lekeby kommun",
        "Socialförvaltningen",
        "Mottagningen",
    ]
    assert '<li aria-current="page">Mottagningen</li>' in trail.group(1)


@pytest.fixture
def school():
    return OrganisationFactory(key="lek-lind", name="Lindbackaskolan")


def test_a_person_page_names_the_place_once_and_shows_the_area_served(signed_in_client, school):
    person = PersonFactory(key="p1", organisation=school)
    PositionFactory(person=person, organisation=school, area="Lindbackaskolan")
    PositionFactory(
        person=person,
        organisation=school,
        function=FunctionFactory(name="Elevhälsa"),
        area="Kontakt för Strandskolan",
    )
    html = signed_in_client.get(reverse("directory:person", args=["p1"])).content.decode()
    assert "Lindbackaskolan – Lindbackaskolan" not in html
    assert html.count("Område: ") == 1
    assert "Område: Kontakt för Strandskolan" in html


def test_a_person_never_verified_has_no_verified_line(signed_in_client, school):
    PersonFactory(key="p1", organisation=school, last_verified=None)
    html = signed_in_client.get(reverse("directory:person", args=["p1"])).content.decode()
    assert "Senast bekräftad" not in html
    assert "aldrig" not in html


def test_a_verified_person_shows_the_date_in_swedish(signed_in_client, school):
    PersonFactory(key="p1", organisation=school, last_verified=datetime.date(2026, 3, 2))
    html = signed_in_client.get(reverse("directory:person", args=["p1"])).content.decode()
    assert 'Senast bekräftad: <time datetime="2026-03-02">2 mars 2026</time>' in html
