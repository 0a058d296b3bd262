"""Shaping results for the page: kind tabs, the no-results help and person details."""

from search.presentation import MAX_KIND_TABS, kind_tabs

COUNTS = {
    "person": 40,
    "function": 3,
    "contact_point": 2,
    "organisation": 9,
    "guideline": 7,
    "directive": 1,
    "forum": 5,
    "glossary": 4,
}


def test_tabs_are_all_plus_the_five_biggest_kinds_in_their_usual_order():
    tabs = kind_tabs(COUNTS, (), 71)

    assert MAX_KIND_TABS == 5
    assert [tab["kind"] for tab in tabs] == [
        "",
        "person",
        "organisation",
        "guideline",
        "forum",
        "glossary",
    ]
    assert tabs[0]["current"] and tabs[0]["count"] == 71


def test_the_selected_kind_keeps_its_tab_even_when_small():
    tabs = kind_tabs(COUNTS, ("directive",), 1)

    assert [tab["kind"] for tab in tabs] == [
        "",
        "person",
        "organisation",
        "guideline",
        "directive",
        "forum",
    ]
    assert [tab["kind"] for tab in tabs if tab["current"]] == ["directive"]


def test_a_selected_kind_without_results_still_has_its_tab():
    tabs = kind_tabs({}, ("meeting",), 0)

    assert [(tab["kind"], tab["count"], tab["current"]) for tab in tabs] == [
        ("", None, False),
        ("meeting", 0, True),
    ]
