"""Reads for directory pages and the API, each a fixed number of queries regardless of data size."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Case, F, OrderBy, Prefetch, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from directory.models import ContactPoint, Function, Organisation, Person, Position
from directory.tree import Tree

STALE_AFTER_DAYS = 365
HOLDERS_PER_PAGE = 25
MAX_GUIDELINES = 20
URL_KEY = "__key__"
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


def organisation_tree() -> Tree[int]:
    """Every organisation, current or retired, by primary key: one query."""
    return Tree(dict(Organisation.objects.order_by("name").values_list("pk", "parent_id")))


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
    for point in rows.order_by("name"):
        points.setdefault(point.organisation_id, point)
    return points


def nearest_contact_point(
    *, organisation_id: int, tree: OrgTree, points: dict[int, ContactPoint]
) -> ContactPoint | None:
    """The unit's own contact point, else that of its nearest ancestor."""
    if organisation_id in points:
        return points[organisation_id]
    for node in reversed(tree.ancestors(organisation_id)):
        if node.pk in points:
            return points[node.pk]
    return None


def key_url(viewname: str) -> Callable[[str], str]:
    """Import id → URL of a directory record, reversing the pattern once rather than per row."""
    pattern = reverse(viewname, args=[URL_KEY])
    return lambda key: pattern.replace(URL_KEY, key)


def holders(*, rows: list[Position], tree: OrgTree | None = None) -> list[Holder]:
    """Holders of loaded positions; protected ones become function + unit + a contact point."""
    protected_units = {row.organisation_id for row in rows if row.person.protected}
    points: dict[int, ContactPoint] = {}
    if protected_units:
        tree = tree or OrgTree()
        near = set(protected_units)
        for pk in protected_units:
            near.update(node.pk for node in tree.ancestors(pk))
        points = first_contact_points(organisation_ids=near)
    person_url, function_url = key_url("directory:person"), key_url("directory:function")
    organisation_url = key_url("directory:organisation")
    point_url = key_url("directory:contact_point")
    result = []
    for row in rows:
        protected = row.person.protected
        point = (
            nearest_contact_point(organisation_id=row.organisation_id, tree=tree, points=points)
            if protected
            else None
        )
        result.append(
            Holder(
                function=row.function,
                organisation=row.organisation,
                area=row.area,
                age_groups=row.age_groups,
                person=None if protected else row.person,
                contact_point=point,
                person_url="" if protected else person_url(row.person.key),
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


def page_number(value: object) -> int:
    """A 1-based page number from a query parameter; anything unusable means the first page."""
    try:
        return max(int(str(value)), 1)
    except ValueError:
        return 1


def holder_page(
    *, positions: QuerySet[Position], number: object = 1, tree: OrgTree | None = None
) -> PaginatorPage:
    """One page of holders: a count and one slice of rows, whatever the number of positions."""
    rows = positions.select_related("person", "function", "organisation").only(*HOLDER_FIELDS)
    page = Paginator(rows, HOLDERS_PER_PAGE).get_page(page_number(number))
    page.object_list = holders(rows=list(page.object_list), tree=tree)
    return page


def function_holders(*, function: Function, number: object = 1) -> PaginatorPage:
    return holder_page(
        positions=current_positions()
        .filter(function=function)
        .order_by(*holder_ordering("organisation__name")),
        number=number,
    )


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


def related_guidelines(*, function: Function) -> dict:
    """The newest live content pages whose responsible function is this one, and how many."""
    from portal.models import ContentPage

    pages = ContentPage.objects.live().filter(contact_function=function)
    newest = list(pages.order_by("-last_published_at", "title")[:MAX_GUIDELINES])
    total = len(newest) if len(newest) < MAX_GUIDELINES else pages.count()
    return {"pages": sorted(newest, key=lambda page: page.title), "total": total}


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


EDITOR_GROUP_PREFIX = "Redaktörer "


def editor_emails_by_organisation(*, tree: OrgTree) -> dict[int, set[str]]:
    """E-mail addresses of each organisation's editors (see services.flag_stale_profiles)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    by_name = {node.name: node.pk for node in tree.nodes.values()}
    editors: dict[int, set[str]] = {}
    groups = Group.objects.filter(name__startswith=EDITOR_GROUP_PREFIX).prefetch_related("user_set")
    for group in groups:
        pk = by_name.get(group.name.removeprefix(EDITOR_GROUP_PREFIX))
        if pk is not None:
            editors.setdefault(pk, set()).update(
                user.email for user in group.user_set.all() if user.is_active and user.email
            )
    staff = get_user_model().objects.filter(is_staff=True, is_active=True, person__isnull=False)
    for email, organisation_id in staff.values_list("email", "person__organisation_id"):
        if email:
            editors.setdefault(organisation_id, set()).add(email)
    return editors
