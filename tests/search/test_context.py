from search.context import ELSEWHERE_WEIGHT, SearchContext, context_weight

LEKEBY = SearchContext(
    units=("lek-soc-mott",),
    administrations=("lek-soc",),
    bodies=("lek",),
    municipalities=("lek",),
)


def _document(organisation=(), serves=()):
    return {"organisation": list(organisation), "serves": list(serves)}


def test_the_closest_tier_a_document_matches_sets_its_weight():
    boosts = LEKEBY.boosts()
    own_unit = _document(["lek-soc-mott", "lek-soc-bou", "lek-soc", "lek"], ["lek"])
    own_administration = _document(["lek-soc-utr", "lek-soc-bou", "lek-soc", "lek"], ["lek"])
    own_body = _document(["lek-skola-norrby", "lek-utb", "lek"], ["lek"])
    serving = _document(["reg-bvc-norrby", "reg-nara", "reg"], ["lek"])

    weights = [context_weight(d, boosts) for d in (own_unit, own_administration, own_body, serving)]

    assert weights == sorted(weights, reverse=True)
    assert len(set(weights)) == 4
    assert weights[-1] > 1.0


def test_records_of_another_municipality_rank_below_records_for_everyone():
    boosts = LEKEBY.boosts()
    elsewhere = _document(["ang-soc-mott", "ang-soc", "ang"], ["ang"])
    for_everyone = _document(["reg-psyk", "reg"], [])
    page = _document()

    assert context_weight(elsewhere, boosts) == ELSEWHERE_WEIGHT
    assert context_weight(for_everyone, boosts) == 1.0
    assert context_weight(page, boosts) == 1.0


def test_a_record_for_two_municipalities_including_the_searchers_is_not_elsewhere():
    both = _document(["reg-bup"], ["ang", "lek"])

    assert context_weight(both, LEKEBY.boosts()) > 1.0


def test_an_empty_context_has_no_boosts():
    assert not SearchContext()
    assert SearchContext().boosts() == ()
