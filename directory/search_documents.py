"""What the directory exposes to search: people, functions, contact points and organisations.

People are indexed through their current positions and never when protected or retired.
Registered with search/registry.py from DirectoryConfig.ready().
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from django.db.models import Max
from django.urls import reverse

from directory.models import ContactPoint, Function, Organisation, Person, PersonTag, Position
from directory.selectors import organisation_serves, organisation_tree, served_by
from directory.tree import Tree
from search import registry
from search.documents import legal_keywords, new_document


class Organisations:
    """Organisation lookups shared by a batch of documents (ancestors without extra queries)."""

    def __init__(self, organisations: Iterable[Organisation] | None = None):
        self.by_id = {org.pk: org for org in (organisations or [])}
        self.chains: dict[int | None, list[Organisation]] = {}
        self._tree: Tree[int] | None = None
        self._serves: dict[int, list[str]] | None = None

    def get(self, pk: int | None) -> Organisation | None:
        if pk is None:
            return None
        if pk not in self.by_id:
            org = Organisation.objects.filter(pk=pk).first()
            if org is None:
                return None
            self.by_id[pk] = org
        return self.by_id[pk]

    def chain(self, pk: int | None) -> list[Organisation]:
        """The organisation and its ancestors, nearest first (at most ten)."""
        cached = self.chains.get(pk)
        if cached is not None:
            return cached
        chain: list[Organisation] = []
        if self.get(pk) is not None:
            if self._tree is None:
                self._tree = organisation_tree()
            ids = [pk, *self._tree.chain(pk)][:10]
            chain = [org for org in map(self.get, ids) if org is not None]
        self.chains[pk] = chain
        return chain

    def serves(self, *pks: int | None) -> list[str]:
        """The municipalities these organisations serve (search/context.py `serves`)."""
        if self._serves is None:
            self._serves = organisation_serves()
        return served_by(pks, self._serves)


@lru_cache(maxsize=1)
def _person_url_pattern() -> str:
    return reverse("directory:person", args=["KEY"]).replace("KEY", "{}")


def _person_url(key: str) -> str:
    return _person_url_pattern().format(key)


def _positions_summary(functions_at: dict[tuple[str, ...], list[str]]) -> str:
    """One line per place: "Kurator, Elevhälsa – Norrbyskolan, Fjällby F–6", each name once."""
    lines = []
    for place, functions in functions_at.items():
        names = ", ".join(dict.fromkeys(functions))
        lines.append(" – ".join(filter(None, (names, ", ".join(place)))))
    return " · ".join(lines)


def person_document(
    person: Person, positions: list[Position], orgs: Organisations, tags: list[str] | None = None
) -> dict | None:
    """A person through their current positions; None when they must not be found."""
    if not person.is_visible:
        return None
    roles: list[str] = [person.title] if person.title else []
    places: list[str] = []
    org_keys: list[str] = []
    function_keys: list[str] = []
    functions_at: dict[tuple[str, ...], list[str]] = {}
    cards: list[dict] = []
    for position in positions:
        function = position.function
        chain = orgs.chain(position.organisation_id)
        roles += [function.name, *(function.synonyms or [])]
        places += [position.area, *(org.name for org in chain)]
        org_keys += [org.key for org in chain]
        function_keys.append(function.key)
        unit = chain[0].name if chain else ""
        place = tuple(dict.fromkeys(filter(None, (unit, position.area))))
        functions_at.setdefault(place, []).append(function.name)
        cards.append({"function": function.name, "organisation": unit, "area": position.area})
    home = orgs.chain(person.organisation_id)
    places += [org.name for org in home]
    org_keys += [org.key for org in home]
    return new_document(
        "person",
        person.key,
        person.full_name,
        _person_url(person.key),
        names=[person.full_name],
        roles=list(dict.fromkeys(filter(None, roles))),
        places=list(dict.fromkeys(filter(None, places))),
        keywords=tags if tags is not None else [tag.name for tag in person.expertise.all()],
        summary=_positions_summary(functions_at) or person.title,
        organisation=list(dict.fromkeys(org_keys)),
        serves=orgs.serves(*(p.organisation_id for p in positions), person.organisation_id),
        function=list(dict.fromkeys(function_keys)),
        contact={
            "phone": person.phone,
            "email": person.email,
            "function": cards[0]["function"] if cards else person.title,
            "organisation": cards[0]["organisation"] if cards else (home[0].name if home else ""),
        },
        positions=cards,
    )


def function_document(function: Function) -> dict | None:
    if function.retired_at is not None or not getattr(function, "live", True):
        return None
    body_parts = [
        function.mandate,
        function.responsibilities,
        function.competence,
        function.conditions,
        function.legal_basis,
        function.contact_when,
        function.contact_not_when,
    ]
    return new_document(
        "function",
        function.key,
        function.name,
        function.get_absolute_url(),
        names=[function.name],
        roles=list(function.synonyms or []),
        keywords=[function.get_sector_display(), *legal_keywords(*body_parts)],
        summary=function.summary,
        body="\n".join(filter(None, body_parts)),
        function=[function.key],
    )


def contact_point_document(point: ContactPoint, orgs: Organisations) -> dict | None:
    if point.retired_at is not None:
        return None
    chain = orgs.chain(point.organisation_id)
    return new_document(
        "contact_point",
        point.key,
        point.name,
        point.get_absolute_url(),
        names=[point.name],
        places=[org.name for org in chain],
        keywords=[*(point.topics or []), *legal_keywords(point.purpose)],
        summary=point.purpose,
        body=point.hours,
        organisation=[org.key for org in chain],
        serves=orgs.serves(point.organisation_id),
        contact={
            "phone": point.phone,
            "email": point.email,
            "hours": point.hours,
            "organisation": chain[0].name if chain else "",
        },
    )


def organisation_document(org: Organisation, orgs: Organisations) -> dict | None:
    if org.retired_at is not None:
        return None
    chain = orgs.chain(org.pk)
    return new_document(
        "organisation",
        org.key,
        org.name,
        org.get_absolute_url(),
        names=[org.name],
        places=[ancestor.name for ancestor in chain[1:]],
        keywords=[org.get_kind_display()],
        summary=" ".join(filter(None, [org.address, org.visiting_address, org.opening_hours])),
        organisation=[ancestor.key for ancestor in chain],
        serves=orgs.serves(org.pk),
        contact={
            "phone": org.phone,
            "email": org.email,
            "hours": org.opening_hours,
            "organisation": chain[1].name if len(chain) > 1 else "",
        },
    )


def _positions_by_person(people: Iterable[Person]) -> dict[int, list[Position]]:
    ids = [person.pk for person in people]
    grouped: dict[int, list[Position]] = {pk: [] for pk in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        positions = (
            Position.objects.current()
            .filter(person_id__in=chunk)
            .select_related("function")
            .filter(function__retired_at__isnull=True)
            .order_by("person_id", "id")
        )
        for position in positions:
            grouped[position.person_id].append(position)
    return grouped


def _tags_by_person(people: list[Person]) -> dict[int, list[str]]:
    ids = [person.pk for person in people]
    grouped: dict[int, list[str]] = {pk: [] for pk in ids}
    for start in range(0, len(ids), 500):
        rows = PersonTag.objects.filter(content_object_id__in=ids[start : start + 500]).order_by(
            "content_object_id", "tag__name"
        )
        for person_id, name in rows.values_list("content_object_id", "tag__name"):
            grouped[person_id].append(name)
    return grouped


def people_documents(people: Iterable[Person], orgs: Organisations | None = None) -> Iterator[dict]:
    people = [person for person in people if person.is_visible]
    orgs = orgs or Organisations(Organisation.objects.all())
    positions = _positions_by_person(people)
    tags = _tags_by_person(people)
    for person in people:
        document = person_document(person, positions[person.pk], orgs, tags[person.pk])
        if document:
            yield document


def all_documents() -> Iterator[dict]:
    """Every directory document, in bulk with a bounded number of queries per kind."""
    orgs = Organisations(Organisation.objects.all())
    for org in orgs.by_id.values():
        document = organisation_document(org, orgs)
        if document:
            yield document
    for function in Function.objects.current():
        document = function_document(function)
        if document:
            yield document
    for point in ContactPoint.objects.current():
        document = contact_point_document(point, orgs)
        if document:
            yield document
    people = Person.objects.visible()
    for start in range(0, people.count(), 2000):
        yield from people_documents(people.order_by("pk")[start : start + 2000], orgs)


def _shared_organisations(shared: dict) -> Organisations:
    """One organisation lookup for every builder of an index batch."""
    if "organisations" not in shared:
        shared["organisations"] = Organisations(Organisation.objects.all())
    return shared["organisations"]


def _organisation_dependents(org: Organisation) -> list:
    people = Person.objects.filter(organisation=org) | Person.objects.filter(
        positions__organisation=org
    )
    return [*people.distinct(), *org.contact_points.all(), *org.children.all()]


def _personal_rows() -> Iterable[tuple[str, str, str, str, str]]:
    rows = Person.objects.values_list("key", "given_name", "family_name", "email", "phone")
    return rows.iterator(chunk_size=5000)


def _people_signature() -> object:
    return Person.objects.aggregate(changed=Max("updated_at"))["changed"] or "empty"


def _organisation_names(keys: list[str]) -> dict[str, str]:
    return dict(Organisation.objects.filter(key__in=keys).values_list("key", "name"))


def _function_names(keys: list[str]) -> dict[str, str]:
    return dict(Function.objects.filter(key__in=keys).values_list("key", "name"))


def register() -> None:
    """Register the directory's documents, dependents, facet labels and personal data with search."""
    registry.register(
        Person,
        uid=lambda person: f"person:{person.key}",
        build=lambda people, shared: people_documents(people, _shared_organisations(shared)),
    )
    registry.register(
        Function,
        uid=lambda function: f"function:{function.key}",
        build=lambda functions, shared: (function_document(f) for f in functions),
        dependents=lambda function: list(
            Person.objects.filter(positions__function=function).distinct()
        ),
    )
    registry.register(
        ContactPoint,
        uid=lambda point: f"contact_point:{point.key}",
        build=lambda points, shared: (
            contact_point_document(point, _shared_organisations(shared)) for point in points
        ),
    )
    registry.register(
        Organisation,
        uid=lambda org: f"organisation:{org.key}",
        build=lambda orgs, shared: (
            organisation_document(org, _shared_organisations(shared)) for org in orgs
        ),
        dependents=_organisation_dependents,
    )
    registry.register(
        Position,
        dependents=lambda position: list(Person.objects.filter(pk=position.person_id)),
    )
    registry.register_source(all_documents)
    registry.register_facet_labels("organisation", _organisation_names)
    registry.register_facet_labels("function", _function_names)
    registry.register_facet_labels("audience", _function_names)
    registry.register_personal_data(
        registry.PersonalData(model=Person, rows=_personal_rows, signature=_people_signature)
    )
