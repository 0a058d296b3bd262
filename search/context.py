"""Who is searching, as search sees it: organisation keys by closeness (SPEC §5.3).

Apps turn a signed-in user (or a directory person) into a `SearchContext` through the provider
they register in search/registry.py; search knows no app. The context is a ranking input of the
engines: `boosts()` become `EngineQuery.context`, which each engine applies before its candidate
cut-off. A document's score is multiplied by the highest weight among the boosts it matches, and
left as it is when it matches none (pages without an organisation, bodies serving everyone).

Document fields read here (see search/backends/base.py): `organisation` (own key and ancestors)
and `serves` (the municipality keys a record is for; empty when it is for everyone).
"""

from __future__ import annotations

from dataclasses import dataclass

UNIT_WEIGHT = 1.3
ADMINISTRATION_WEIGHT = 1.2
BODY_WEIGHT = 1.15
SERVING_WEIGHT = 1.1
ELSEWHERE_WEIGHT = 0.5


@dataclass(frozen=True)
class Boost:
    """Multiply the score of documents whose `field` holds one of `values` by `weight`.

    With `elsewhere`, the boost matches documents whose `field` holds values but none of these
    (a record that is for another municipality).
    """

    field: str
    values: tuple[str, ...]
    weight: float
    elsewhere: bool = False

    def matches(self, document: dict) -> bool:
        held = document.get(self.field) or ()
        if self.elsewhere:
            return bool(held) and set(held).isdisjoint(self.values)
        return not set(held).isdisjoint(self.values)


@dataclass(frozen=True)
class SearchContext:
    """The searcher's own units, administrations and bodies, and the municipalities they serve.

    `municipalities` are the municipality keys the searcher works in or for: a municipal
    employee's own municipality; for a region or police employee, those their unit serves.
    """

    units: tuple[str, ...] = ()
    administrations: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.units or self.administrations or self.bodies or self.municipalities)

    def boosts(self) -> tuple[Boost, ...]:
        """The engine boosts, closest first: unit > administration > body > serving > elsewhere."""
        tiers = (
            Boost("organisation", self.units, UNIT_WEIGHT),
            Boost("organisation", self.administrations, ADMINISTRATION_WEIGHT),
            Boost("organisation", self.bodies, BODY_WEIGHT),
            Boost("serves", self.municipalities, SERVING_WEIGHT),
            Boost("serves", self.municipalities, ELSEWHERE_WEIGHT, elsewhere=True),
        )
        return tuple(boost for boost in tiers if boost.values)


def context_weight(document: dict, boosts: tuple[Boost, ...]) -> float:
    """The factor a document's score gets from the context: the best matching boost, else 1."""
    weights = [boost.weight for boost in boosts if boost.matches(document)]
    return max(weights) if weights else 1.0
