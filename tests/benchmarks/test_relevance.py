"""How the relevance benchmark judges answer cards and picks the ambiguous county queries."""

import io
import json

from benchmarks.county import County
from benchmarks.relevance import (
    Outcome,
    ambiguous_queries,
    county_report,
    figures,
    summary,
    write_figures,
    wrong_card,
)

HOME = {
    ("person", "p1"): "lek",
    ("person", "asp-p1"): "asp",
    ("contact_point", "mott"): "lek",
    ("contact_point", "asp-mott"): "asp",
    ("contact_point", "polis-kontakt"): None,
    ("function", "kurator"): None,
}


def outcome(card, expect, rank=1):
    query = {"q": "x", "expect": [{"kind": kind, "id": key} for kind, key in expect]}
    return Outcome(query=query, rank=rank, card=card)


def test_an_expected_card_of_the_searchers_municipality_or_of_the_county_is_right():
    assert not wrong_card(outcome(("person", "p1"), [("person", "p1")]), HOME, "lek")
    assert not wrong_card(
        outcome(("contact_point", "polis-kontakt"), [("contact_point", "polis-kontakt")]),
        HOME,
        "lek",
    )
    assert not wrong_card(outcome(None, [("person", "p1")]), HOME, "lek")


def test_another_municipalitys_record_is_wrong_even_of_an_unexpected_kind():
    assert wrong_card(outcome(("contact_point", "asp-mott"), [("guideline", "g")]), HOME, "lek")
    assert not wrong_card(outcome(("contact_point", "mott"), [("guideline", "g")]), HOME, "lek")


def test_a_person_nobody_asked_for_is_wrong():
    assert wrong_card(outcome(("person", "p1"), [("function", "kurator")]), HOME, "lek")


def test_a_record_of_an_expected_kind_that_is_not_expected_is_wrong():
    card = ("contact_point", "polis-kontakt")
    assert wrong_card(outcome(card, [("contact_point", "mott")]), HOME, "lek")


def test_summary_counts_cards_shown_and_wrong():
    outcomes = [
        outcome(("person", "p1"), [("person", "p1")]),
        outcome(("person", "asp-p1"), [("person", "p1")], rank=2),
        outcome(None, [("person", "p1")], rank=None),
    ]

    figures = summary(outcomes, HOME, "lek")

    assert (figures["cards"], figures["wrong"], figures["n"]) == (2, 1, 3)
    assert figures["success@1"] == 1 / 3
    assert figures["success@3"] == 2 / 3


def test_a_query_is_ambiguous_when_an_expected_record_has_clones():
    county = County(bundle={}, content={}, clones={("person", "p1"): [("person", "asp-p1")]})
    queries = [
        {
            "q": "cloned",
            "expect": [{"kind": "function", "id": "f"}, {"kind": "person", "id": "p1"}],
        },
        {"q": "shared", "expect": [{"kind": "contact_point", "id": "polis-kontakt"}]},
    ]

    assert ambiguous_queries(queries, county) == {"cloned"}


def test_the_county_table_has_ambiguous_rows_and_lists_failing_queries_with_their_card():
    county = County(
        bundle={},
        content={},
        home=HOME,
        clones={("person", "p1"): [("person", "asp-p1")]},
    )
    cloned = outcome(("person", "asp-p1"), [("person", "p1")], rank=2)
    shared = outcome(None, [("contact_point", "polis-kontakt")])
    shared.query["q"] = "polisens kontaktcenter"
    runs = {
        "public, context=none": [outcome(("person", "p1"), [("person", "p1")])],
        "county, context=none": [cloned, shared],
    }
    out = io.StringIO()

    found = county_report(runs, county, out=out)

    assert found["ambiguous"] == ["x"]
    assert found["figures"]["county, context=none"]["n"] == 2
    assert found["figures"]["county, context=none ambiguous"]["wrong"] == 1
    assert "public, context=none ambiguous" not in found["figures"]
    assert "county, context=none: 'x' rank 2, card person/asp-p1 WRONG" in out.getvalue()
    assert "polisens kontaktcenter' rank" not in out.getvalue()


def test_the_figures_file_holds_overall_baseline_leaks_and_the_county(tmp_path):
    overall = {"success@1": 0.9, "success@3": 1.0, "mrr": 0.95, "n": 20}
    public = {
        "ours": {"overall": overall, "categories": {"name": overall}, "misses": [("kurator", 2)]},
        "baseline": {"overall": {"success@1": 0.5, "success@3": 0.6, "mrr": 0.55, "n": 20}},
        "ratio": 1.67,
        "leaks": 0,
    }
    county = {"figures": {"county, context=none": overall}, "ambiguous": ["x", "y"], "leaks": 0}
    county["imported_s"] = 12.5
    path = tmp_path / "bench" / "relevance.json"

    write_figures(figures(public, county), path)

    found = json.loads(path.read_text())
    assert (found["success@1"], found["success@3"], found["mrr"]) == (0.9, 1.0, 0.95)
    assert found["baseline"]["success@3"] == 0.6
    assert found["not_first"] == [{"q": "kurator", "rank": 2}]
    assert found["county"]["ambiguous"] == 2
    assert found["county"]["figures"]["county, context=none"]["n"] == 20
