"""Search analytics: aggregated per day, no identity, no personal data; the editors' report."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from search import analytics
from search.analysis.normalise import fold
from search.models import ClickLog, QueryLog
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_tables_have_no_place_for_identity():
    columns = {field.name for model in (QueryLog, ClickLog) for field in model._meta.fields}
    assert columns == {"id", "day", "query", "kind", "results", "searches", "uid", "rank", "clicks"}


def test_searches_are_normalised_and_counted_per_day():
    analytics.record_search(query="  Kurator\tFJÄLLBY  ", results=3)
    analytics.record_search(query="kurator fjällby", results=2)
    analytics.record_search(query="kurator fjällby", results=2, kind="person")
    yesterday = timezone.localdate() - timedelta(days=1)
    analytics.record_search(query="kurator fjällby", results=1, day=yesterday)
    today = QueryLog.objects.get(day=timezone.localdate(), kind="")
    assert (today.query, today.searches, today.results) == ("kurator fjällby", 2, 2)
    assert QueryLog.objects.count() == 3


def test_blank_queries_are_not_logged():
    analytics.record_search(query=" \x00 ", results=0)
    assert not QueryLog.objects.exists()


@pytest.mark.parametrize(
    ("query", "logged"),
    [
        ("kontakt anna.berg@lekeby.test", "kontakt [e-post]"),
        ("barn 20150312-1234 anmälan", "barn [personnummer] anmälan"),
        ("barn 1503121234", "barn [personnummer]"),
        ("ring 070-174 00 12", "ring [telefon]"),
        ("14 kap 1 § sol", "14 kap 1 § sol"),
        ("sol 14:1", "sol 14:1"),
        ("son 18-205 direktiv", "son 18-205 direktiv"),
    ],
)
def test_contact_data_and_identity_numbers_are_redacted(query, logged):
    assert analytics.loggable_query(query) == logged


def test_names_of_people_are_redacted_including_protected_people():
    PersonFactory(given_name="Åsa", family_name="Lövqvist", protected=True)
    PersonFactory(given_name="Karin", family_name="Lindqvist")
    analytics.record_search(query="Åsa Lövqvist socialjouren", results=0)
    analytics.record_search(query="karin lindqvist kurator", results=1)
    analytics.record_click(query="ÅSA lövqvist", uid="page:x", rank=1)
    assert set(QueryLog.objects.values_list("query", flat=True)) == {
        "[namn] [namn] socialjouren",
        "[namn] [namn] kurator",
    }
    assert ClickLog.objects.get().query == "[namn] [namn]"


def test_a_search_on_the_page_stores_no_trace_of_the_user(client):
    user = UserFactory(username="hemlig.anvandare", email="hemlig@kommun.test")
    client.force_login(user)
    client.get("/sok/", {"q": "orosanmälan"}, REMOTE_ADDR="10.9.8.7")
    client.get("/sok/", {"q": "orosanmälan", "page": "2"})
    row = QueryLog.objects.get()
    assert row.query == "orosanmälan"
    assert row.searches == 1
    stored = str(list(QueryLog.objects.values())) + str(list(ClickLog.objects.values()))
    for trace in ("hemlig", "10.9.8.7", "user_id", "session"):
        assert trace not in stored


def test_the_report_ranks_queries_and_computes_click_through():
    for _ in range(4):
        analytics.record_search(query="kurator", results=5)
    analytics.record_search(query="bvc", results=2)
    for _ in range(3):
        analytics.record_search(query="xyzzy", results=0)
    analytics.record_click(query="kurator", uid="function:kurator", rank=1)
    analytics.record_click(query="kurator", uid="person:p1", rank=3)
    old = timezone.localdate() - timedelta(days=40)
    analytics.record_search(query="gammal", results=0, day=old)

    report = analytics.search_report(days=30)

    assert [row.query for row in report.top_queries] == ["kurator", "xyzzy", "bvc"]
    kurator = report.top_queries[0]
    assert (kurator.searches, kurator.clicks, kurator.mean_click_rank) == (4, 2, 2.0)
    assert kurator.click_through_rate == 0.5
    assert [(row.query, row.zero_result_searches) for row in report.zero_result_queries] == [
        ("xyzzy", 3)
    ]
    assert (report.searches, report.zero_result_searches, report.clicks) == (8, 3, 2)
    assert report.click_through_rate == 0.25


def test_the_admin_report_lists_queries_for_editors_with_the_permission(client):
    analytics.record_search(query="skolsköterska", results=0)
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.get("/admin/reports/search-queries/")
    assert response.status_code == 200
    assert "skolsköterska" in response.content.decode()


def test_the_admin_report_is_closed_to_editors_without_the_permission(client):
    from django.contrib.auth.models import Permission

    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get("/admin/reports/search-queries/")
    assert response.status_code in (302, 403)


def test_a_click_on_a_person_is_stored_by_kind_never_by_id():
    PersonFactory(key="p-hidden", protected=True)
    PersonFactory(key="p-open")
    analytics.record_click(query="kurator", uid="person:p-hidden", rank=1)
    analytics.record_click(query="kurator", uid="person:p-open", rank=1)
    analytics.record_click(query="kurator", uid="function:kurator", rank=2)
    stored = sorted(ClickLog.objects.values_list("uid", "clicks"))
    assert stored == [("function:kurator", 1), ("person", 2)]


FILLER = "vem är kurator för elevhälsan på skolan och hur når jag mottagningen i kommunen"


def forms_of(person: dict) -> list[str]:
    """The ways a user may type a person: as written, folded, cased, hyphenated, joined, …"""
    given, family = person["given_name"], person["family_name"]
    digits = re.sub(r"\D", "", person["phone"])
    return [
        f"{given} {family}",
        fold(f"{given} {family}"),
        f"{family.upper()}, {given.lower()}",
        f"{given}-{family}",
        fold(f"{given}-{family}").replace(" ", "-"),
        fold(f"{given}{family}").replace(" ", ""),
        fold(f"{family}{given}").replace(" ", ""),
        f"{FILLER} {given} {family} tack",
        person["email"],
        person["email"].split("@")[0],
        person["phone"],
        digits,
        "+46 " + digits[1:],
        person["id"],
        person["id"].upper(),
        f"kontakt {person['id']} {fold(family)}",
    ]


def personal_words(person: dict) -> set[str]:
    words = set(re.findall(r"[0-9a-z]+", fold(f"{person['given_name']} {person['family_name']}")))
    words |= set(re.findall(r"[0-9a-z]+", fold(person["email"])))
    words.discard("test")
    words.discard("lekeby")
    return {*words, person["id"].lower(), re.sub(r"\D", "", person["phone"])}


def test_no_stored_query_names_any_person_of_the_shared_directory(shared_eval):
    from directory.services import import_directory

    import_directory(path=shared_eval / "directory.json")
    people = json.loads((shared_eval / "directory.json").read_text(encoding="utf-8"))["people"]
    assert len(people) == 150

    for person in people:
        for query in forms_of(person):
            analytics.record_search(query=query, results=1)
            analytics.record_click(query=query, uid="function:kurator", rank=1)

    stored = list(QueryLog.objects.values_list("query", flat=True))
    stored += list(ClickLog.objects.values_list("query", flat=True))
    assert set(stored) >= {"[namn] [namn]", "[e-post]", "[id]"}
    every_word = set(re.findall(r"[0-9a-z]+", fold(" ".join(stored))))
    digits = set(re.findall(r"\d+", re.sub(r"[\s()+-]", "", " ".join(stored))))
    for person in people:
        leaked = personal_words(person) & (every_word | digits)
        assert not leaked, f"{person['id']}: {leaked}"
    assert f"{FILLER} [namn] [namn] tack" in stored


def test_only_known_kinds_are_stored_as_the_kind_filter():
    analytics.record_search(query="kurator", results=1, kind="person,<script>,p035,guideline")
    analytics.record_search(query="bvc", results=1, kind="Anna Berg")

    assert dict(QueryLog.objects.values_list("query", "kind")) == {
        "kurator": "guideline,person",
        "bvc": "",
    }


def test_a_renamed_person_is_redacted_at_once():
    person = PersonFactory(given_name="Karin", family_name="Lindqvist")
    assert analytics.loggable_query("yngve rask") == "yngve rask"

    person.given_name, person.family_name = "Yngve", "Rask"
    person.save()

    assert analytics.loggable_query("yngve rask") == "[namn] [namn]"
