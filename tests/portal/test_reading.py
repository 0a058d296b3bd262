"""Portal pages read well: Swedish glossary order and index, dated decisions, no duplicate links."""

import datetime
import re

import pytest

from portal.governance.pages import Decision
from portal.models import GlossaryTerm, HomePage
from portal.swedish import initial, swedish_sort_key
from tests.factories import ForumPageFactory, GlossaryPageFactory, MeetingPageFactory

pytestmark = pytest.mark.django_db


def test_swedish_order_puts_a_ring_a_umlaut_and_o_umlaut_after_z():
    words = ["Öppenvård", "ärende", "Åtgärd", "Zon", "Barn", "adhd", "École", "Ängel", "ost"]
    assert sorted(words, key=swedish_sort_key) == [
        "adhd", "Barn", "École", "ost", "Zon", "Åtgärd", "Ängel", "ärende", "Öppenvård",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("word", "letter"),
    [("Åtgärd", "Å"), ("ärende", "Ä"), ("öppen", "Ö"), ("École", "E"), ("3-årsregeln", "0–9")],
)
def test_a_word_is_listed_under_its_swedish_initial(word, letter):
    assert initial(word) == letter


def test_the_glossary_is_in_swedish_order_with_an_a_to_o_index(signed_in_client):
    page = GlossaryPageFactory()
    for term in ["Öppenvård", "SIP", "Åtgärdsprogram", "BUP", "Ärende", "LVU", "Barnahus"]:
        GlossaryTerm.objects.create(page=page, term=term, definition="…")
    html = signed_in_client.get(page.url).content.decode()

    terms = re.findall(r'<dt id="[^"]+">([^<]+)', html)
    assert terms == ["Barnahus", "BUP", "LVU", "SIP", "Åtgärdsprogram", "Ärende", "Öppenvård"]
    index = re.search(r'<nav class="letter-index" aria-label="([^"]+)">(.*?)</nav>', html, re.S)
    assert index.group(1) == "Termer efter begynnelsebokstav"
    letters = re.findall(r"<li>(.*?)</li>", index.group(2))
    assert len(letters) == 29
    assert letters[1] == '<a href="#bokstav-b">B</a>'
    assert letters[-1] == '<a href="#bokstav-ö">Ö</a>'
    assert letters[0] == '<span class="letter-index__empty">A</span>'
    assert '<h2 id="bokstav-ö" class="glossary__letter">Ö</h2>' in html


def test_open_decisions_on_a_forum_page_carry_their_meeting_date(signed_in_client):
    forum = ForumPageFactory()
    for day in (3, 17):
        meeting = MeetingPageFactory(
            parent=forum, start=datetime.datetime(2026, 3, day, 9, tzinfo=datetime.UTC)
        )
        meeting.decisions = [Decision(text=f"Beslut från den {day}")]
        meeting.save_revision().publish()
    html = signed_in_client.get(forum.url).content.decode()
    labels = re.findall(r'<h3><a href="[^"]+">([^<]+)</a>', html)
    assert labels == ["Beslut 1, mötet 3 mars 2026", "Beslut 1, mötet 17 mars 2026"]


def test_recently_changed_meetings_of_the_same_name_are_told_apart_by_date(signed_in_client):
    forum = ForumPageFactory()
    for day in (3, 17):
        meeting = MeetingPageFactory(
            parent=forum,
            title="Barnteamets möte",
            start=datetime.datetime(2026, 3, day, 9, tzinfo=datetime.UTC),
        )
        meeting.save_revision().publish()
    html = signed_in_client.get(HomePage.objects.get().url).content.decode()
    recent = html[html.index('id="recent-heading"') :]
    links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', recent)
    assert ("Barnteamets möte, 17 mars 2026") in [label for _, label in links]
    assert ("Barnteamets möte, 3 mars 2026") in [label for _, label in links]
    assert len({label for _, label in links}) == len(links)
    assert len({url for url, _ in links}) == len(links)
