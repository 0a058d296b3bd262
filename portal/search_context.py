"""Who is searching (SPEC §4.3, §5.3): a signed-in user or a directory person as a SearchContext.

Registered with search/registry.py from PortalConfig.ready(). A linked current person (protected
ones too: they search, they are never found) gives their own units, administrations, bodies and
the municipalities those units serve; a user who is not linked gives the body they chose; anyone
else gives no context.
"""

from __future__ import annotations

from collections.abc import Iterable

from directory import caching
from directory.models import Organisation, Person, Position
from directory.selectors import (
    chain_serves,
    current_positions,
    municipality_places,
    organisation_chain,
)
from portal.accounts import sessions
from portal.accounts.models import BODY_KINDS
from portal.accounts.selectors import user_context
from search import registry
from search.context import SearchContext


def _keys(organisations: Iterable[Organisation | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(org.key for org in organisations if org is not None))


def person_context(*, person: Person, positions: Iterable[Position]) -> SearchContext:
    """The context of a person working at their home organisation and their positions' units."""
    heads = [person.organisation_id, *(position.organisation_id for position in positions)]
    chains = [organisation_chain(organisation_id=pk) for pk in dict.fromkeys(heads)]
    chains = [chain for chain in chains if chain]
    places = municipality_places()
    return SearchContext(
        units=_keys(chain[0] for chain in chains if chain[0].kind not in BODY_KINDS),
        administrations=_keys(
            next((org for org in chain if org.kind == Organisation.Kind.ADMINISTRATION), None)
            for chain in chains
        ),
        bodies=_keys(
            next((org for org in chain if org.kind in BODY_KINDS), chain[-1]) for chain in chains
        ),
        municipalities=tuple(
            dict.fromkeys(key for chain in chains for key in chain_serves(chain, places))
        ),
    )


def body_context(*, body: Organisation) -> SearchContext:
    """The context of a user who is not linked to a person but chose the body they work for."""
    served = chain_serves([body], municipality_places())
    return SearchContext(bodies=(body.key,), municipalities=tuple(served))


def context_for_user(user) -> SearchContext | None:
    """A signed-in user's context, cached until the directory or the user's account changes."""
    if not user.is_authenticated:
        return None
    (context,) = caching.cached(
        f"search-context:{user.pk}",
        (caching.DIRECTORY, sessions.ACCOUNTS),
        lambda: (_context_for_user(user),),
    )
    return context


def _context_for_user(user) -> SearchContext | None:
    """A signed-in user's context: their linked person's, else their chosen body's, else None."""
    asking = user_context(user=user)
    if asking.person is not None:
        return person_context(person=asking.person, positions=asking.positions)
    if asking.chosen_body is not None:
        return body_context(body=asking.chosen_body)
    return None


def context_for_person(key: str) -> SearchContext | None:
    """The context of a current person others may see (`search_query --as`), else None."""
    person = Person.objects.visible().filter(key=key).first()
    if person is None:
        return None
    return person_context(person=person, positions=current_positions().filter(person=person))


def register() -> None:
    """Tell search who is searching."""
    registry.register_context(
        registry.ContextProvider(for_user=context_for_user, for_person=context_for_person)
    )
