"""The answer card rules (SPEC §5.3): a person only when pinned, else the function, line or term."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from portal.pages.content import GlossaryTerm
from search import answers, query, service
from search.api import search_json
from search.backends.base import Hit
from search.context import SearchContext
from search.documents import new_document
from search.params import SearchParams
from search.presentation import answer_card
from tests.factories import (
    ContactPointFactory,
    DirectivePageFactory,
    FunctionFactory,
    GlossaryPageFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db

LEKEBY = SearchContext(bodies=("lek",), municipalities=("lek",))
ASBY = SearchContext(bodies=("asby",), municipalities=("asby",))


def search(text, context=None):
    return service.search(SearchParams(q=text), context=context)


@pytest.fixture
def schools():
    """Two schools of one municipality with a kurator each, a third school with two kuratorer."""
    kommun = OrganisationFactory(key="lek", name="Lekeby kommun")
    norrby = OrganisationFactory(key="norrby", name="Norrbyskolan", parent=kommun)
    fjallby = OrganisationFactory(key="fjallby", name="Fjällby skola", parent=kommun)
    central = OrganisationFactory(key="central", name="Centralskolan", parent=kommun)
    kurator = FunctionFactory(key="kurator", name="Skolkurator", synonyms=["kurator"])
    for key, given, family, school in [
        ("p1", "Eva", "Ek", norrby),
        ("p2", "Per", "Al", fjallby),
        ("p3", "Lina", "Berg", central),
        ("p4", "Omar", "Lind", central),
    ]:
        person = PersonFactory(key=key, given_name=given, family_name=family, organisation=school)
        PositionFactory(person=person, function=kurator, organisation=school)
    hidden = PersonFactory(
        key="p9", given_name="Hemlig", family_name="Person", organisation=norrby, protected=True
    )
    PositionFactory(person=hidden, function=kurator, organisation=norrby)
    return kurator


def index(*documents):
    service.get_engine().index_documents(list(documents))


def person(key, name, *, role, place, serves, function="kurator", phone="070-100 00 00"):
    return new_document(
        "person",
        key,
        name,
        f"/katalog/personer/{key}/",
        names=[name],
        roles=[role],
        places=[place],
        organisation=[place.lower()],
        serves=serves,
        function=[function],
        summary=f"{role} {place}",
        contact={"phone": phone, "function": role, "organisation": place},
        positions=[{"function": role, "organisation": place, "area": ""}],
    )


def contact_point(key, name, *, place, serves, topics):
    return new_document(
        "contact_point",
        key,
        name,
        f"/katalog/kontaktvagar/{key}/",
        names=[name],
        places=[place],
        keywords=topics,
        summary=f"Ta emot {' '.join(topics)}",
        organisation=[place.lower()],
        serves=serves,
        contact={"phone": "0980-100 00", "organisation": place},
    )


def test_a_name_pins_one_person(schools):
    answer = search("Eva Ek").answer
    assert (answer.kind, answer.id, answer.reason) == ("person", "p1", "person")
    assert answer.function == "Skolkurator"


def test_a_name_with_a_contact_word_still_pins_the_person(schools):
    answer = search("Eva Ek telefon").answer
    assert (answer.kind, answer.id) == ("person", "p1")


def test_a_name_two_people_share_gives_no_card(schools):
    PersonFactory(key="p5", given_name="Eva", family_name="Ek")
    assert search("Eva Ek").answer is None


def test_a_role_at_a_place_with_one_holder_pins_the_person(schools):
    answer = search("kurator Norrbyskolan").answer
    assert (answer.kind, answer.id, answer.reason) == ("person", "p1", "person")


def test_a_role_at_a_place_with_two_holders_shows_the_function_with_both(schools):
    answer = search("kurator Centralskolan", LEKEBY).answer
    assert (answer.kind, answer.id, answer.reason) == ("function", "kurator", "function")
    assert [(group.place, [p.id for p in group.people]) for group in answer.holders] == [
        ("Centralskolan", ["p3", "p4"])
    ]


def test_a_role_without_a_place_shows_the_function_with_holders_by_school(schools):
    answer = search("skolkurator", LEKEBY).answer
    assert (answer.kind, answer.id, answer.reason) == ("function", "kurator", "function")
    groups = {group.place: [holder.id for holder in group.people] for group in answer.holders}
    assert groups == {
        "Centralskolan": ["p3", "p4"],
        "Fjällby skola": ["p2"],
        "Norrbyskolan": ["p1"],
    }
    assert {group.query for group in answer.holders} >= {"Skolkurator Norrbyskolan"}


def test_protected_people_are_never_holders(schools):
    answer = search("skolkurator", LEKEBY).answer
    held = [holder.id for group in answer.holders for holder in group.people]
    assert "p9" not in held
    assert "Hemlig" not in str(search_json(search("skolkurator", LEKEBY)))


def test_without_context_the_function_card_lists_no_holders(schools):
    answer = search("vad gör en skolkurator").answer
    assert (answer.kind, answer.id) == ("function", "kurator")
    assert answer.holders == ()


def test_two_functions_the_word_names_equally_give_no_card(schools):
    FunctionFactory(key="umo-kurator", name="Kurator på ungdomsmottagningen")
    assert search("kurator", LEKEBY).answer is None


def test_holders_of_another_municipality_are_left_out():
    function = new_document(
        "function", "kurator", "Skolkurator", "/katalog/funktioner/kurator/", names=["Skolkurator"]
    )
    index(
        function,
        person("a1", "Eva Ek", role="Skolkurator", place="Norrbyskolan", serves=["lek"]),
        person("b1", "Bo Ek", role="Skolkurator", place="Åsskolan", serves=["asby"]),
    )
    for context, place in [(LEKEBY, "Norrbyskolan"), (ASBY, "Åsskolan")]:
        answer = search("skolkurator", context).answer
        assert answer.id == "kurator"
        assert [group.place for group in answer.holders] == [place]


def test_a_topic_answers_with_the_searchers_own_intake_line():
    index(
        contact_point(
            "mott-lek",
            "Mottagningen Lekeby",
            place="Lekeby",
            serves=["lek"],
            topics=["orosanmälan"],
        ),
        contact_point(
            "mott-asby", "Mottagningen Åsby", place="Åsby", serves=["asby"], topics=["orosanmälan"]
        ),
    )
    for context, expected in [(LEKEBY, "mott-lek"), (ASBY, "mott-asby")]:
        answer = search("orosanmälan", context).answer
        assert (answer.kind, answer.id, answer.reason) == (
            "contact_point",
            expected,
            "contact_point",
        )


def test_under_a_routine_the_searchers_own_intake_line_near_the_top_is_the_card():
    routine = new_document(
        "guideline",
        "orosanmalan-skola",
        "Orosanmälan från skolan",
        "/rutiner/orosanmalan-skola/",
        title_text="Orosanmälan från skolan",
        summary="Så gör skolan en orosanmälan till socialtjänsten.",
    )
    line = contact_point(
        "mott-lek", "Mottagningen Lekeby", place="Lekeby", serves=["lek"], topics=["orosanmälan"]
    )
    index(routine, line)

    found = search("orosanmälan skola", LEKEBY)

    assert [result.id for result in found.results[:2]] == ["orosanmalan-skola", "mott-lek"]
    assert (found.answer.id, found.answer.reason) == ("mott-lek", "contact_point")
    assert search("orosanmälan skola", ASBY).answer is None
    assert search("orosanmälan skola").answer is None


def test_a_role_at_a_place_whose_holder_is_not_first_gets_no_function_card():
    function = new_document(
        "function",
        "umo-kurator",
        "Kurator på ungdomsmottagningen",
        "/katalog/funktioner/umo-kurator/",
        names=["Kurator på ungdomsmottagningen"],
        roles=["kurator"],
    )
    holder = person("p1", "Eva Ek", role="Skolkurator", place="Solberga skola", serves=["lek"])
    ranked = [(1.0, Hit(function["uid"], 1.0, function)), (0.9, Hit(holder["uid"], 0.9, holder))]

    assert answers.select_answer(ranked, query.analyse("kurator Solberga"), LEKEBY) is None
    assert answers.select_answer(ranked, query.analyse("kurator"), LEKEBY).id == "umo-kurator"


def test_a_query_for_a_number_answers_with_the_line_before_the_function():
    function = new_document(
        "function",
        "socialjour",
        "Socialsekreterare i socialjouren",
        "/katalog/funktioner/socialjour/",
        names=["Socialsekreterare i socialjouren"],
        roles=["socialjouren"],
    )
    line = contact_point(
        "socjour", "Socialjouren", place="Lekeby", serves=["lek"], topics=["akut oro"]
    )
    ranked = [(1.0, Hit(function["uid"], 1.0, function)), (0.9, Hit(line["uid"], 0.9, line))]

    assert answers.select_answer(ranked, query.analyse("socialjouren nummer"), LEKEBY).id == (
        "socjour"
    )
    assert answers.select_answer(ranked, query.analyse("socialjouren"), LEKEBY).id == "socialjour"


def test_another_municipalitys_line_is_never_the_card():
    index(
        contact_point(
            "mott-asby", "Mottagningen Åsby", place="Åsby", serves=["asby"], topics=["orosanmälan"]
        ),
    )
    assert search("orosanmälan", ASBY).answer.id == "mott-asby"
    assert search("orosanmälan", LEKEBY).answer is None


def test_without_context_equal_lines_of_two_municipalities_give_no_card():
    index(
        contact_point(
            "mott-lek",
            "Mottagningen Lekeby",
            place="Lekeby",
            serves=["lek"],
            topics=["orosanmälan"],
        ),
        contact_point(
            "mott-asby", "Mottagningen Åsby", place="Åsby", serves=["asby"], topics=["orosanmälan"]
        ),
    )
    assert search("orosanmälan").answer is None


def test_a_line_for_everyone_is_the_card_without_context():
    ContactPointFactory(
        key="socjour",
        name="Socialjouren",
        purpose="Akut oro för barn kvällar och helger.",
        hours="Kvällar och helger",
    )
    answer = search("socialjouren telefon").answer
    assert (answer.kind, answer.id, answer.reason) == ("contact_point", "socjour", "contact_point")
    assert answer.hours == "Kvällar och helger"


def test_a_directive_topic_never_answers_with_a_person(schools):
    police = PersonFactory(key="p7", given_name="Erik", family_name="Nyström")
    PositionFactory(person=police, function=FunctionFactory(key="kommunpolis", name="Kommunpolis"))
    DirectivePageFactory(title="Direktiv för SSPF polis och skola", slug="direktiv-sspf")
    answer = search("SSPF direktiv kommunpolis skola").answer
    assert answer is None or answer.kind != "person"


def test_an_abbreviation_shows_the_glossary_definition_and_the_intake_line():
    page = GlossaryPageFactory(title="Förkortningar", slug="forkortningar")
    GlossaryTerm.objects.create(
        page=page,
        term="LVU",
        is_abbreviation=True,
        expansion="lagen med särskilda bestämmelser om vård av unga",
        definition="Vård av barn och unga utan samtycke.",
    )
    index(
        contact_point(
            "mott-lek", "Mottagningen Lekeby", place="Lekeby", serves=["lek"], topics=["LVU"]
        ),
        contact_point(
            "mott-asby", "Mottagningen Åsby", place="Åsby", serves=["asby"], topics=["LVU"]
        ),
    )
    answer = search("lvu", LEKEBY).answer
    assert (answer.kind, answer.id, answer.reason) == ("glossary", "forkortningar", "glossary")
    assert answer.title == "LVU – lagen med särskilda bestämmelser om vård av unga"
    assert answer.definition == "Vård av barn och unga utan samtycke."
    assert answer.url.endswith("#lvu")
    assert answer.intake.id == "mott-lek"
    assert search("lvu").answer.intake is None


def test_a_word_that_is_no_abbreviation_gets_no_glossary_card(schools):
    page = GlossaryPageFactory(slug="begrepp")
    GlossaryTerm.objects.create(page=page, term="Kurator", definition="En yrkesroll.")
    answer = search("kurator").answer
    assert answer is None or answer.kind != "glossary"


def test_the_api_returns_the_card_with_its_reason_and_extras(schools):
    body = search_json(search("skolkurator", LEKEBY))
    card = body["answer"]
    assert {"kind", "id", "title", "url", "reason", "holders"} <= set(card)
    assert (card["kind"], card["reason"]) == ("function", "function")
    group = next(group for group in card["holders"] if group["place"] == "Norrbyskolan")
    assert group["people"] == [
        {"id": "p1", "title": "Eva Ek", "url": "/katalog/personer/p1/", "phone": "070-174 00 00"}
    ]
    assert group["query"] == "Skolkurator Norrbyskolan"


def card_html(answer):
    with translation.override("sv"):
        return render_to_string(
            "search/components/answer_card.html", {"answer": answer_card(answer)}
        )


def test_the_function_card_offers_the_choice_of_school(schools):
    html = card_html(search("skolkurator", LEKEBY).answer)
    assert "Vilken skola eller enhet?" in html
    assert 'href="/sok/?q=Skolkurator+Norrbyskolan">Norrbyskolan</a>' in html
    assert 'href="/katalog/personer/p1/">Eva Ek</a>' in html
    assert 'href="tel:0701740000"' in html


def test_the_glossary_card_shows_the_definition_and_the_intake_line():
    page = GlossaryPageFactory(slug="forkortningar")
    GlossaryTerm.objects.create(
        page=page, term="BUP", is_abbreviation=True, definition="Barn- och ungdomspsykiatrin."
    )
    index(contact_point("bup", "BUP-mottagningen", place="Lekeby", serves=[], topics=["BUP"]))
    html = card_html(search("BUP").answer)
    assert "Det här betyder det" in html
    assert "Barn- och ungdomspsykiatrin." in html
    assert "Hit vänder du dig" in html
    assert 'href="/katalog/kontaktvagar/bup/">BUP-mottagningen</a>' in html


def test_a_searcher_working_in_two_municipalities_sees_the_holders_of_both():
    function = new_document(
        "function", "kurator", "Skolkurator", "/katalog/funktioner/kurator/", names=["Skolkurator"]
    )
    index(
        function,
        person("a1", "Eva Ek", role="Skolkurator", place="Norrbyskolan", serves=["lek"]),
        person("b1", "Bo Ek", role="Skolkurator", place="Åsskolan", serves=["asby"]),
        person("c1", "Cay Ek", role="Skolkurator", place="Cskolan", serves=["cby"]),
    )
    both = SearchContext(bodies=("lek", "asby"), municipalities=("lek", "asby"))
    answer = search("skolkurator", both).answer
    assert [group.place for group in answer.holders] == ["Norrbyskolan", "Åsskolan"]


def test_the_search_endpoint_returns_the_card(signed_in_client, schools):
    body = signed_in_client.get("/api/v1/search", {"q": "Eva Ek"}).json()
    assert {key: body["answer"][key] for key in ("kind", "id", "reason")} == {
        "kind": "person",
        "id": "p1",
        "reason": "person",
    }
    assert body["answer"]["url"] == "/katalog/personer/p1/"
