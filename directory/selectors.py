"""Reads for directory pages and the API, each a fixed number of queries regardless of data size."""

import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.paginator import Page as PaginatorPage
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    OrderBy,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone

from directory import caching
from directory.models import (
    ContactPoint,
    Function,
    Organisation,
    Person,
    Position,
    visible_person_condition,
)
from directory.tree import Tree
from search.pagination import paginate

STALE_AFTER_DAYS = 365
HOLDERS_PER_PAGE = 25
URL_KEY = "__key__"
EDITOR_GROUP_PREFIX = "Redaktörer "
MODERATOR_GROUP_PREFIX = "Granskare "
HOLDER_FIELDS = (
    "area",
    "age_groups",
    "person__key",
    "person__given_name",
    "person__family_name",
    "person__title",
    "person__phone",
    "person__email",
    "person__protected",
    "person__retired_at",
    "function__key",
    "function__name",
    "organisation__key",
    "organisation__name",
)


@dataclass
class Node:
    """One organisation in the tree, without touching the database again."""

    pk: int
    key: str
    name: str
    kind: str
    parent_id: int | None
    children: list["Node"] = field(default_factory=list)


class OrgTree:
    """All current organisations loaded in one query; ancestors and descendants in memory."""

    def __init__(self):
        rows = (
            Organisation.objects.current()
            .order_by("name")
            .values_list("pk", "key", "name", "kind", "parent_id")
        )
        self.nodes = {row[0]: Node(*row) for row in rows}
        self.by_key = {node.key: node for node in self.nodes.values()}
        self.tree = Tree({pk: node.parent_id for pk, node in self.nodes.items()})
        self.tree.break_cycles()
        for node in self.nodes.values():
            node.parent_id = self.tree.parents[node.pk]
            node.children = [self.nodes[pk] for pk in self.tree.children(node.pk)]

    def roots(self) -> list[Node]:
        return [self.nodes[pk] for pk in self.tree.roots()]

    def ancestors(self, pk: int) -> list[Node]:
        """The chain from the root down to the parent of `pk`."""
        return [self.nodes[ancestor] for ancestor in reversed(self.tree.chain(pk))]

    def descendant_ids(self, pk: int) -> set[int]:
        """`pk` and every organisation below it."""
        return self.tree.descendants([pk])


def shared_org_tree() -> OrgTree:
    """The current organisations' tree for readers, built once per directory generation."""
    return caching.memoized("org-tree", [caching.DIRECTORY], OrgTree)


def editor_group_name(organisation: Organisation) -> str:
    """The group whose members edit the organisation's pages and hear about its stale profiles."""
    return f"{EDITOR_GROUP_PREFIX}{organisation.name}"


def moderator_group_name(organisation: Organisation) -> str:
    """The group whose members approve what the organisation's editors submit for moderation."""
    return f"{MODERATOR_GROUP_PREFIX}{organisation.name}"


def edited_organisation_name(group_name: str) -> str | None:
    """The name of the organisation an editor group is for; None for any other group."""
    return (
        group_name.removeprefix(EDITOR_GROUP_PREFIX)
        if group_name.startswith(EDITOR_GROUP_PREFIX)
        else None
    )


def _group_organisation_names(user, prefix: str) -> list[str]:
    """The organisations named by the user's groups that start with `prefix`."""
    return [
        name.removeprefix(prefix)
        for name in user.groups.values_list("name", flat=True)
        if name.startswith(prefix)
    ]


def _organisation_ids_of_groups(user, prefix: str) -> frozenset[int]:
    """Organisations (with every unit below) named by the user's groups that start with `prefix`."""
    names = _group_organisation_names(user, prefix)
    if not names:
        return frozenset()
    roots = Organisation.objects.filter(name__in=names).values_list("id", flat=True)
    return frozenset(organisation_tree().descendants(roots))


def edited_organisations(user) -> QuerySet[Organisation]:
    """The organisations the user's editor groups are for, without the units below them."""
    return Organisation.objects.filter(
        name__in=_group_organisation_names(user, EDITOR_GROUP_PREFIX)
    )


def _organisation_ids_cached_on_user(user, prefix: str) -> frozenset[int]:
    cached = user.__dict__.setdefault("_directory_organisation_ids", {})
    if prefix not in cached:
        cached[prefix] = _organisation_ids_of_groups(user, prefix)
    return cached[prefix]


def editor_organisation_ids(user) -> frozenset[int]:
    """Organisations (with all their units) whose pages the user may edit; cached on the user."""
    return _organisation_ids_cached_on_user(user, EDITOR_GROUP_PREFIX)


def moderator_organisation_ids(user) -> frozenset[int]:
    """Organisations (with all their units) whose submissions the user approves; cached."""
    return _organisation_ids_cached_on_user(user, MODERATOR_GROUP_PREFIX)


def kept_records(*, user, records: QuerySet, field: str, moderated_too: bool = False) -> QuerySet:
    """The records whose organisation (`field`) the user keeps: all for administrators.

    Editors keep their organisations' records; with `moderated_too`, moderators see theirs too.
    """
    if user.is_active and user.is_superuser:
        return records
    if not user.is_active:
        return records.none()
    organisation_ids = editor_organisation_ids(user)
    if moderated_too:
        organisation_ids |= moderator_organisation_ids(user)
    return records.filter(**{f"{field}_id__in": organisation_ids})


def organisation_tree() -> Tree[int]:
    """Every organisation, current or retired, by primary key: one query."""
    return Tree(dict(Organisation.objects.order_by("name").values_list("pk", "parent_id")))


def shared_organisation_tree() -> Tree[int]:
    """`organisation_tree()` for readers, built once per directory generation (not for writes)."""
    return caching.memoized("organisation-tree", [caching.DIRECTORY], organisation_tree)


def moderated_organisation_ids() -> set[int]:
    """Organisations with the "moderated" policy and every unit below them."""
    roots = list(
        Organisation.objects.filter(moderation=Organisation.Moderation.MODERATED).values_list(
            "pk", flat=True
        )
    )
    return organisation_tree().descendants(roots) if roots else set()


def publishes_directly(user, organisation_id: int | None) -> bool:
    """True unless the organisation's content is moderated and the user no administrator; cached."""
    if user.is_superuser:
        return True
    moderated = getattr(user, "_directory_moderated_organisation_ids", None)
    if moderated is None:
        moderated = user._directory_moderated_organisation_ids = moderated_organisation_ids()
    return organisation_id not in moderated


def place_name(municipality_name: str) -> str:
    """A municipality's place name: its name without a trailing "kommun" ("Lekeby kommun" → Lekeby)."""
    return re.sub(r"\s+kommun$", "", municipality_name.strip(), flags=re.IGNORECASE).strip()


class MunicipalityPlaces:
    """Which municipalities a text names, by their place names as whole words (any case)."""

    def __init__(self, municipalities: Iterable[tuple[str, str]]):
        by_place: dict[str, list[str]] = {}
        for key, name in municipalities:
            place = place_name(name)
            if place:
                by_place.setdefault(place.casefold(), []).append(key)
        self.by_place = by_place
        alternatives = "|".join(map(re.escape, sorted(by_place, key=len, reverse=True)))
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if by_place else None

    def named_in(self, text: str) -> list[str]:
        """The keys of the municipalities whose place name occurs in `text` as a whole word."""
        if self.pattern is None:
            return []
        found = (self.by_place[match.group()] for match in self.pattern.finditer(text.casefold()))
        return list(dict.fromkeys(key for keys in found for key in keys))


def serving_municipalities(
    *, chain: list[tuple[str, str, str]], places: MunicipalityPlaces
) -> list[str]:
    """The municipality keys a record at the head of `chain` (key, name, kind; nearest first) is for.

    A municipality's records are for that municipality; a region's, police area's or other
    body's record is for the municipalities its nearest named organisation (itself or an
    ancestor) names by place name; when none names one, it is for everyone ([]).
    """
    for key, _name, kind in chain:
        if kind == Organisation.Kind.MUNICIPALITY:
            return [key]
    for _key, name, _kind in chain:
        found = places.named_in(name)
        if found:
            return found
    return []


def municipality_places() -> MunicipalityPlaces:
    """Every municipality's place name: one query."""
    municipalities = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)
    return MunicipalityPlaces(municipalities.values_list("key", "name"))


def chain_serves(chain: list[Organisation], places: MunicipalityPlaces) -> list[str]:
    """The municipalities the head of a loaded chain (nearest first) serves."""
    return serving_municipalities(
        chain=[(org.key, org.name, org.kind) for org in chain], places=places
    )


def organisation_serves() -> dict[int, list[str]]:
    """Per organisation (current or retired, by primary key), the municipalities it serves: one query."""
    rows = list(Organisation.objects.values_list("pk", "key", "name", "kind", "parent_id"))
    nodes = {pk: (key, name, kind) for pk, key, name, kind, _parent in rows}
    tree = Tree({pk: parent for pk, _key, _name, _kind, parent in rows})
    places = MunicipalityPlaces(
        (key, name) for key, name, kind in nodes.values() if kind == Organisation.Kind.MUNICIPALITY
    )
    return {
        pk: serving_municipalities(
            chain=[nodes[node] for node in [pk, *tree.chain(pk)]], places=places
        )
        for pk in nodes
    }


def served_by(organisation_ids: Iterable[int | None], serves: Mapping[int, list[str]]) -> list[str]:
    """The municipalities any of these organisations serves, in order, without repeats."""
    return list(
        dict.fromkeys(
            key for pk in organisation_ids if pk is not None for key in serves.get(pk, ())
        )
    )


def organisation_chain(*, organisation_id: int) -> list[Organisation]:
    """The organisation and its ancestors, nearest first: two queries at any depth."""
    ids = [organisation_id, *organisation_tree().chain(organisation_id)]
    found = Organisation.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


@dataclass
class Holder:
    """A current position as readers may see it: no person when the holder is protected."""

    function: Function
    organisation: Organisation
    area: str
    age_groups: list[str]
    person: Person | None
    contact_point: ContactPoint | None
    person_url: str = ""
    function_url: str = ""
    organisation_url: str = ""
    contact_point_url: str = ""


def current_positions() -> QuerySet[Position]:
    """Current positions of current people in current functions and organisations."""
    return Position.objects.current().filter(
        function__retired_at__isnull=True,
        function__live=True,
        organisation__retired_at__isnull=True,
    )


def visible_positions() -> QuerySet[Position]:
    """Current positions whose holder readers may see."""
    return current_positions().filter(visible_person_condition("person__"))


def visible_person(person: Person | None) -> Person | None:
    """The person when readers may see them (`Person.objects.visible()`), else None."""
    return person if person is not None and person.is_visible else None


def visible_people() -> QuerySet[Person]:
    """People a reader may see, with their organisation, current positions and expertise."""
    return (
        Person.objects.visible()
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "positions",
                queryset=current_positions().select_related("function", "organisation"),
                to_attr="current_positions",
            ),
            "tagged_items__tag",
        )
    )


def may_see_protected_people(user) -> bool:
    """Only administrators (active superusers) ever see people with protected identity."""
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def visible_people_for(*, user) -> QuerySet[Person]:
    """Everyone the user may see listed, chosen or named: all for administrators, else `visible()`."""
    if may_see_protected_people(user):
        return Person.objects.all()
    return Person.objects.visible()


def get_person(*, key: str) -> Person | None:
    return visible_people().filter(key=key).first()


def person_for_user(*, user) -> Person | None:
    """The current person linked to a signed-in user, protected or not (only they see it)."""
    if not user.is_authenticated:
        return None
    return Person.objects.current().filter(user=user).select_related("organisation").first()


def visible_functions() -> QuerySet[Function]:
    return Function.objects.current().filter(live=True)


def get_function(*, key: str) -> Function | None:
    return visible_functions().filter(key=key).first()


def get_organisation(*, key: str) -> Organisation | None:
    return Organisation.objects.current().select_related("parent").filter(key=key).first()


def get_contact_point(*, key: str) -> ContactPoint | None:
    return ContactPoint.objects.current().select_related("organisation").filter(key=key).first()


def first_contact_points(*, organisation_ids: set[int]) -> dict[int, ContactPoint]:
    """Each of these organisations' first current contact point by name."""
    points: dict[int, ContactPoint] = {}
    rows = ContactPoint.objects.current().filter(organisation_id__in=organisation_ids)
    for point in rows.select_related("organisation").order_by("name"):
        points.setdefault(point.organisation_id, point)
    return points


def stand_in_contact_points(
    *, organisation_ids: set[int], tree: Tree[int] | None = None
) -> dict[int, ContactPoint]:
    """Per unit, a hidden holder's stand-in: its first contact point, else its nearest ancestor's."""
    if not organisation_ids:
        return {}
    tree = tree or OrgTree().tree
    chains = {unit: [unit, *tree.chain(unit)] for unit in organisation_ids}
    points = first_contact_points(
        organisation_ids={pk for chain in chains.values() for pk in chain}
    )
    found = {}
    for unit, chain in chains.items():
        point = next((points[pk] for pk in chain if pk in points), None)
        if point is not None:
            found[unit] = point
    return found


def key_url(viewname: str) -> Callable[[str], str]:
    """Import id → URL of a directory record, reversing the pattern once rather than per row."""
    pattern = reverse(viewname, args=[URL_KEY])
    return lambda key: pattern.replace(URL_KEY, key)


def holders(*, rows: list[Position], tree: OrgTree | None = None) -> list[Holder]:
    """Holders of loaded positions; protected ones become function + unit + a contact point."""
    points = stand_in_contact_points(
        organisation_ids={row.organisation_id for row in rows if not row.person.is_visible},
        tree=tree.tree if tree else None,
    )
    person_url, function_url = key_url("directory:person"), key_url("directory:function")
    organisation_url = key_url("directory:organisation")
    point_url = key_url("directory:contact_point")
    result = []
    for row in rows:
        person = visible_person(row.person)
        point = None if person else points.get(row.organisation_id)
        result.append(
            Holder(
                function=row.function,
                organisation=row.organisation,
                area=row.area,
                age_groups=row.age_groups,
                person=person,
                contact_point=point,
                person_url=person_url(person.key) if person else "",
                function_url=function_url(row.function.key),
                organisation_url=organisation_url(row.organisation.key),
                contact_point_url=point_url(point.key) if point else "",
            )
        )
    return result


def _name_unless_protected(field: str) -> Case:
    return Case(When(person__protected=True, then=Value("")), default=F(f"person__{field}"))


def holder_ordering(*first: str) -> list[str | OrderBy]:
    """Order positions by `first`, then named holders by name, protected holders last.

    Protected rows follow by area and creation, never by the hidden name (a side channel).
    """
    return [
        *first,
        "person__protected",
        _name_unless_protected("family_name").asc(),
        _name_unless_protected("given_name").asc(),
        "area",
        "pk",
    ]


def holder_page(
    *, positions: QuerySet[Position], number: object = 1, tree: OrgTree | None = None
) -> PaginatorPage:
    """One page of holders: a count and one slice of rows, whatever the number of positions."""
    rows = positions.select_related("person", "function", "organisation").only(*HOLDER_FIELDS)
    page = paginate(rows, per_page=HOLDERS_PER_PAGE, number=number)
    page.object_list = holders(rows=list(page.object_list), tree=tree)
    return page


def function_positions(*, function: Function) -> list[tuple[int, int, bool]]:
    """The function's current positions in holder order as (position, organisation, holder visible).

    One query per function, directory generation and day, shared by its page and by every
    content page it is the contact of.
    """
    today = timezone.localdate().isoformat()
    return caching.cached(
        f"function-positions:{function.pk}:{today}",
        [caching.DIRECTORY],
        lambda: list(
            current_positions()
            .filter(function=function)
            .order_by(*holder_ordering("organisation__name"))
            .values_list(
                "pk",
                "organisation_id",
                ExpressionWrapper(
                    visible_person_condition("person__"), output_field=BooleanField()
                ),
            )
        ),
    )


def function_holders(*, function: Function, number: object = 1) -> PaginatorPage:
    """One page of the function's holders: the shared position list paged, one query for the rows."""
    page = paginate(function_positions(function=function), per_page=HOLDERS_PER_PAGE, number=number)
    ids = [pk for pk, _organisation, _visible in page.object_list]
    found = (
        Position.objects.select_related("person", "function", "organisation")
        .only(*HOLDER_FIELDS)
        .in_bulk(ids)
    )
    page.object_list = holders(
        rows=[found[pk] for pk in ids if pk in found], tree=shared_org_tree()
    )
    return page


def organisation_holders(
    *, organisation: Organisation, tree: OrgTree, number: object = 1
) -> PaginatorPage:
    return holder_page(
        positions=current_positions()
        .filter(organisation=organisation)
        .order_by(*holder_ordering("function__name")),
        number=number,
        tree=tree,
    )


def organisation_ids(*, key: str) -> set[int] | None:
    """The organisation with import id `key` and its descendants, or None when unknown."""
    tree = OrgTree()
    node = tree.by_key.get(key)
    return None if node is None else tree.descendant_ids(node.pk)


def position_filter(
    *,
    organisations: set[int] | None = None,
    function: str = "",
    area: str = "",
    age_group: str = "",
    prefix: str = "",
) -> Q:
    """Conditions on current positions, optionally seen from a related model via `prefix`."""
    q = Q()
    if organisations is not None:
        q &= Q(**{f"{prefix}organisation_id__in": organisations})
    if function:
        q &= Q(**{f"{prefix}function__key": function})
    if area:
        q &= Q(**{f"{prefix}area__icontains": area})
    if age_group:
        q &= Q(**{f"{prefix}age_groups__icontains": age_group})
    return q


def stale_profiles(*, today: datetime.date | None = None) -> QuerySet[Person]:
    """Visible people whose profile has not been verified for twelve months."""
    today = today or timezone.localdate()
    limit = today - datetime.timedelta(days=STALE_AFTER_DAYS)
    return (
        Person.objects.visible()
        .filter(Q(last_verified__isnull=True) | Q(last_verified__lt=limit))
        .select_related("organisation")
        .order_by("organisation__name", "family_name", "given_name")
    )


def editor_group_emails(*, pk_by_name: dict[str, int]) -> dict[int, set[str]]:
    """Active editors' e-mail addresses by the organisation (pk) their editor group is for."""
    emails: dict[int, set[str]] = {}
    groups = Group.objects.filter(name__startswith=EDITOR_GROUP_PREFIX).prefetch_related("user_set")
    for group in groups:
        pk = pk_by_name.get(edited_organisation_name(group.name))
        if pk is not None:
            emails.setdefault(pk, set()).update(
                user.email for user in group.user_set.all() if user.is_active and user.email
            )
    return emails


def editor_emails_by_organisation(*, tree: OrgTree) -> dict[int, set[str]]:
    """E-mail addresses of each organisation's editors (see services.flag_stale_profiles)."""
    editors = editor_group_emails(pk_by_name={node.name: node.pk for node in tree.nodes.values()})
    staff = get_user_model().objects.filter(is_staff=True, is_active=True, person__isnull=False)
    for email, organisation_id in staff.values_list("email", "person__organisation_id"):
        if email:
            editors.setdefault(organisation_id, set()).add(email)
    return editors
