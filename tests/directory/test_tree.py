"""The one organisation tree: walks on a child → parent mapping, and callers that stay bounded."""

import pytest

from directory.selectors import organisation_chain
from directory.tree import Tree
from tests.factories import OrganisationFactory

#   lek
#   ├── soc
#   │   └── barn
#   │       └── team
#   └── skola
PARENTS = {"lek": None, "soc": "lek", "barn": "soc", "team": "barn", "skola": "lek"}


def test_chain_lists_ancestors_nearest_first():
    tree = Tree(PARENTS)
    assert tree.chain("team") == ["barn", "soc", "lek"]
    assert tree.chain("lek") == []
    assert tree.with_ancestors(["team", "skola"]) == {"team", "barn", "soc", "lek", "skola"}


def test_descendants_include_the_nodes_and_may_stop_at_a_depth():
    tree = Tree(PARENTS)
    assert tree.descendants(["soc"]) == {"soc", "barn", "team"}
    assert tree.descendants(["lek"], depth=1) == {"lek", "soc", "skola"}
    assert tree.descendants(["nowhere"]) == set()
    assert tree.roots() == ["lek"]
    assert tree.children("lek") == ["soc", "skola"]


def test_an_unknown_parent_ends_the_walk():
    tree = Tree({"unit": "retired-body", "other": None})
    assert tree.chain("unit") == []
    assert tree.roots() == ["unit", "other"]


def test_a_cycle_is_found_never_walked_forever_and_can_be_broken():
    tree = Tree({"a": "b", "b": "a", "tail": "a", "self": "self", "ok": None})
    assert tree.loops("a") and tree.loops("tail") and tree.loops("self")
    assert not tree.loops("ok")
    assert tree.chain("tail") == ["a", "b"]
    tree.break_cycles()
    assert not any(tree.loops(node) for node in tree.parents)
    assert tree.chain("tail") == ["a"]
    assert set(tree.roots()) == {"a", "self", "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize("depth", [1, 8])
def test_an_organisation_chain_costs_two_queries_at_any_depth(django_assert_num_queries, depth):
    chain = [OrganisationFactory(kind="municipality")]
    for _ in range(depth):
        chain.append(OrganisationFactory(parent=chain[-1]))
    with django_assert_num_queries(2):
        found = organisation_chain(organisation_id=chain[-1].pk)
    assert [org.pk for org in found] == [org.pk for org in reversed(chain)]
