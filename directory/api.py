"""Directory API under /api/v1/ (django-ninja); ids are import ids, protected people never appear."""

import datetime

from django.db.models import QuerySet
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict

from directory import selectors
from directory.models import ContactPoint, Function, Organisation, Person
from directory.schemas import (
    AGE_GROUP_KEYS,
    KEY_PATTERN,
    Email,
    FunctionFields,
    Key,
    Languages,
    LongText,
    OrganisationFields,
    Phone,
    ShortText,
    Tags,
    Text,
    Words,
)

router = Router(tags=["directory"])


def _without_defaults(schema: dict) -> None:
    for field in schema.get("properties", {}).values():
        field.pop("default", None)


# An answer always holds every field: the import's defaults are no part of the API.
OUTPUT = ConfigDict(
    json_schema_mode_override="serialization",
    json_schema_serialization_defaults_required=True,
    json_schema_extra=_without_defaults,
)


class Ref(Schema):
    id: str
    name: str


class PositionOut(Schema):
    function: Ref
    organisation: Ref
    area: Text
    age_groups: list[str]
    start: datetime.date | None
    end: datetime.date | None


class PersonOut(Schema):
    id: Key
    given_name: ShortText
    family_name: ShortText
    name: str
    title: Text
    email: Email
    phone: Phone
    languages: Languages
    expertise: Tags
    organisation: Ref
    positions: list[PositionOut]
    last_verified: datetime.date | None
    url: str


class FunctionOut(FunctionFields):
    model_config = OUTPUT

    url: str


class OrganisationOut(OrganisationFields):
    model_config = OUTPUT

    url: str


class ContactPointOut(Schema):
    id: Key
    name: Text
    organisation: Ref
    purpose: LongText
    phone: Phone
    email: Email
    hours: Text
    topics: Words
    url: str


class Error(Schema):
    detail: str


class Filters(Schema):
    organisation: str = Field("", description="organisation id; includes its descendants")
    function: str = Field("", description="function id")
    area: str = Field("", max_length=200, description="part of the area served")
    age_group: str = Field("", description="one of " + ", ".join(AGE_GROUP_KEYS))
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


class PersonPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[PersonOut]


class FunctionPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[FunctionOut]


class OrganisationPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[OrganisationOut]


class ContactPointPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[ContactPointOut]


def _ref(record) -> dict:
    return {"id": record.key, "name": str(record)}


def _person(person: Person) -> dict:
    return {
        "id": person.key,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "name": person.full_name,
        "title": person.title,
        "email": person.email,
        "phone": person.phone,
        "languages": person.languages,
        "expertise": [item.tag.name for item in person.tagged_items.all()],
        "organisation": _ref(person.organisation),
        "positions": [
            {
                "function": _ref(position.function),
                "organisation": _ref(position.organisation),
                "area": position.area,
                "age_groups": position.age_groups,
                "start": position.start,
                "end": position.end,
            }
            for position in person.current_positions
        ],
        "last_verified": person.last_verified,
        "url": person.get_absolute_url(),
    }


def _function(function: Function) -> dict:
    fields = [name for name in FunctionOut.model_fields if name not in {"id", "url"}]
    return {
        "id": function.key,
        "url": function.get_absolute_url(),
        **{name: getattr(function, name) for name in fields},
    }


def _organisation(organisation: Organisation, parents: dict[int, str]) -> dict:
    fields = [name for name in OrganisationOut.model_fields if name not in {"id", "url", "parent"}]
    return {
        "id": organisation.key,
        "parent": parents.get(organisation.parent_id),
        "url": organisation.get_absolute_url(),
        **{name: getattr(organisation, name) for name in fields},
    }


def _contact_point(point: ContactPoint) -> dict:
    return {
        "id": point.key,
        "name": point.name,
        "organisation": _ref(point.organisation),
        "purpose": point.purpose,
        "phone": point.phone,
        "email": point.email,
        "hours": point.hours,
        "topics": point.topics,
        "url": point.get_absolute_url(),
    }


def _position_q(filters: Filters, prefix: str):
    """Validate the filters and turn them into conditions on current positions."""
    organisations = None
    values = (filters.organisation, filters.function, filters.area, filters.age_group)
    if any("\x00" in value for value in values):
        raise HttpError(422, "Filters must not contain NUL characters")
    if filters.organisation:
        organisations = selectors.organisation_ids(key=filters.organisation)
        if organisations is None:
            raise HttpError(422, f"Unknown organisation: {filters.organisation}")
    if filters.function and not selectors.visible_functions().filter(key=filters.function).exists():
        raise HttpError(422, f"Unknown function: {filters.function}")
    if filters.age_group and filters.age_group not in AGE_GROUP_KEYS:
        raise HttpError(422, f"Unknown age group, expected one of {', '.join(AGE_GROUP_KEYS)}")
    return organisations, selectors.position_filter(
        organisations=organisations,
        function=filters.function,
        area=filters.area.strip(),
        age_group=filters.age_group,
        prefix=prefix,
    )


def _page(queryset: QuerySet, filters: Filters, serialise) -> dict:
    count = queryset.count()
    rows = queryset[filters.offset : filters.offset + filters.limit]
    return {
        "count": count,
        "limit": filters.limit,
        "offset": filters.offset,
        "results": [serialise(row) for row in rows],
    }


def _has_position_filter(filters: Filters) -> bool:
    return bool(filters.organisation or filters.function or filters.area or filters.age_group)


def _by_key(get, key: str):
    """The record `get` finds by this key, or None for a key no record can have."""
    return get(key=key) if KEY_PATTERN.match(key) else None


def _current_position_ids(q) -> QuerySet:
    return selectors.visible_positions().filter(q)


@router.get("/people", response=PersonPage, summary="List people")
def list_people(request, filters: Query[Filters]):
    _organisations, q = _position_q(filters, prefix="")
    people = selectors.visible_people().order_by("family_name", "given_name", "key")
    if _has_position_filter(filters):
        people = people.filter(pk__in=_current_position_ids(q).values("person_id"))
    return _page(people, filters, _person)


@router.get("/people/{key}", response={200: PersonOut, 404: Error}, summary="One person")
def get_person(request, key: str):
    person = _by_key(selectors.get_person, key)
    if person is None:
        return Status(404, {"detail": "Person not found"})
    return _person(person)


@router.get("/functions", response=FunctionPage, summary="List functions")
def list_functions(request, filters: Query[Filters]):
    _organisations, q = _position_q(filters, prefix="")
    functions = selectors.visible_functions().order_by("name", "key")
    if filters.function:
        functions = functions.filter(key=filters.function)
    if filters.organisation or filters.area or filters.age_group:
        functions = functions.filter(
            pk__in=selectors.current_positions().filter(q).values("function_id")
        )
    return _page(functions, filters, _function)


@router.get("/functions/{key}", response={200: FunctionOut, 404: Error}, summary="One function")
def get_function(request, key: str):
    function = _by_key(selectors.get_function, key)
    if function is None:
        return Status(404, {"detail": "Function not found"})
    return _function(function)


@router.get("/organisations", response=OrganisationPage, summary="List organisations")
def list_organisations(request, filters: Query[Filters]):
    organisations_ids, q = _position_q(filters, prefix="")
    organisations = Organisation.objects.current().order_by("name", "key")
    if organisations_ids is not None:
        organisations = organisations.filter(pk__in=organisations_ids)
    if filters.function or filters.area or filters.age_group:
        organisations = organisations.filter(
            pk__in=selectors.current_positions().filter(q).values("organisation_id")
        )
    parents = dict(Organisation.objects.values_list("pk", "key"))
    return _page(organisations, filters, lambda row: _organisation(row, parents))


@router.get(
    "/organisations/{key}", response={200: OrganisationOut, 404: Error}, summary="One organisation"
)
def get_organisation(request, key: str):
    organisation = _by_key(selectors.get_organisation, key)
    if organisation is None:
        return Status(404, {"detail": "Organisation not found"})
    parents = {organisation.parent_id: organisation.parent.key} if organisation.parent else {}
    return _organisation(organisation, parents)


@router.get("/contact-points", response=ContactPointPage, summary="List contact points")
def list_contact_points(request, filters: Query[Filters]):
    organisations, q = _position_q(filters, prefix="")
    points = ContactPoint.objects.current().select_related("organisation").order_by("name", "key")
    if organisations is not None:
        points = points.filter(organisation_id__in=organisations)
    if filters.function or filters.area or filters.age_group:
        points = points.filter(
            organisation_id__in=selectors.current_positions().filter(q).values("organisation_id")
        )
    return _page(points, filters, _contact_point)


@router.get(
    "/contact-points/{key}",
    response={200: ContactPointOut, 404: Error},
    summary="One contact point",
)
def get_contact_point(request, key: str):
    point = _by_key(selectors.get_contact_point, key)
    if point is None:
        return Status(404, {"detail": "Contact point not found"})
    return _contact_point(point)
