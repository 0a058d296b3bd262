"""Reads for the content pages: who to contact, glossary synonyms, review lists, filtered indexes."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import Page, PageLogEntry

from directory.models import (
    AGE_GROUPS,
    ContactPoint,
    Function,
    Organisation,
    Position,
)
from directory.selectors import (
    function_positions,
    shared_organisation_tree,
    stand_in_contact_points,
    visible_person,
)
from directory.tree import Tree
from portal.pages.base import REVIEW_WINDOW_DAYS, ContentPage, ContentPageTag
from portal.pages.content import DirectivePage, GlossaryPage, GlossaryTerm
from portal.swedish import OTHER_INITIAL, SWEDISH_ALPHABET, initial, swedish_sort_key
from portal.workflows import editor_organisation_ids
from search.pagination import paginate
from search.registry import GlossaryEntry

MAX_HOLDERS = 3
MAX_CONTACT_POINTS = 3
INDEX_PAGE_SIZE = 50
MAX_GUIDELINES = 20
# The statuses readers filter by; "due for review" is the editors' business (their dashboard).
STATUSES = ("valid", "expired", "upcoming")
MAX_DECISION_CHAIN = 20


def who_to_contact(*, function: Function | None, organisation: Organisation | None) -> dict:
    """Current visible holders of the function (owner's units first) and contact points to use.

    Protected people are never returned: where one holds the function, their unit's stand-in contact
    point is offered instead; with no visible holder, the owner's (or its parent's) contact points.
    """
    holders: list[Position] = []
    hidden_units: set[int] = set()
    tree = None
    if function is not None:
        tree = shared_organisation_tree()
        nearest = _nearest_positions(
            rows=function_positions(function=function), organisation=organisation, tree=tree
        )
        shown: list[int] = []
        for pk, organisation_id, visible in nearest:
            if not visible:
                hidden_units.add(organisation_id)
            elif len(shown) < MAX_HOLDERS:
                shown.append(pk)
        found = Position.objects.select_related("person", "organisation").in_bulk(shown)
        holders = [found[pk] for pk in shown if pk in found and visible_person(found[pk].person)]
    points = set(stand_in_contact_points(organisation_ids=hidden_units, tree=tree).values())
    if not holders and organisation is not None:
        points.update(
            ContactPoint.objects.current()
            .filter(organisation_id__in=filter(None, [organisation.pk, organisation.parent_id]))
            .select_related("organisation")
            .order_by("name")[:MAX_CONTACT_POINTS]
        )
    contact_points = sorted(points, key=lambda point: (point.name, point.pk))[:MAX_CONTACT_POINTS]
    fallback = organisation if not holders and not contact_points else None
    return {
        "function": function,
        "holders": holders,
        "contact_points": contact_points,
        "organisation": fallback,
    }


def _nearest_positions(
    *, rows: list[tuple[int, int, bool]], organisation: Organisation | None, tree: Tree[int]
) -> list[tuple[int, int, bool]]:
    """Up to MAX_HOLDERS * 3 of the rows: those in the owner's units (three levels down) first."""
    limit = MAX_HOLDERS * 3
    if organisation is None:
        return rows[:limit]
    units = tree.descendants([organisation.pk], depth=3)
    near = [row for row in rows if row[1] in units][:limit]
    visible = sum(row[2] for row in near)
    if visible >= MAX_HOLDERS or len(near) >= limit:
        return near
    return near + [row for row in rows if row[1] not in units][: limit - len(near)]


def related_guidelines(*, function: Function) -> dict:
    """The newest live content pages whose responsible function is this one, and how many."""
    pages = ContentPage.objects.live().filter(contact_function=function)
    newest = list(pages.order_by("-last_published_at", "title")[:MAX_GUIDELINES])
    total = len(newest) if len(newest) < MAX_GUIDELINES else pages.count()
    return {"pages": sorted(newest, key=lambda page: page.title), "total": total}


def contact_for_page(page: ContentPage) -> dict:
    """The 'who to contact about this' box of a content page."""
    return who_to_contact(function=page.contact_function, organisation=page.owner_organisation)


def audience_names(keys: list[str]) -> list[str]:
    """Display names for audience keys: function names where the key is a function id."""
    if not keys:
        return []
    names = dict(Function.objects.filter(key__in=keys).values_list("key", "name"))
    return [names.get(key, key) for key in keys]


def glossary_synonyms() -> dict[str, list[str]]:
    """Each live glossary term (lowercased) mapped to its expansion (abbreviations) and synonyms."""
    found: dict[str, list[str]] = {}
    rows = GlossaryTerm.objects.filter(page__live=True).values_list(
        "term", "is_abbreviation", "expansion", "synonyms"
    )
    for term, is_abbreviation, expansion, synonyms in rows:
        words = [expansion] if is_abbreviation and expansion else []
        words += [word for word in synonyms or [] if isinstance(word, str)]
        target = found.setdefault(term.strip().lower(), [])
        for word in words:
            word = word.strip().lower()
            if word and word not in target and word != term.strip().lower():
                target.append(word)
    return found


def glossary_abbreviation(word: str) -> GlossaryEntry | None:
    """The live glossary's abbreviation spelt `word` (any case), linked to its term on its page."""
    found = (
        GlossaryTerm.objects.filter(
            page__live=True, is_abbreviation=True, term__iexact=word.strip()
        )
        .select_related("page")
        .order_by("page__path", "sort_order", "pk")
        .first()
    )
    if found is None:
        return None
    page = found.page
    return GlossaryEntry(
        term=found.term,
        expansion=found.expansion,
        definition=found.definition,
        slug=page.slug,
        url=f"{page.get_url() or page.url_path}#{found.anchor}",
    )


@dataclass(frozen=True)
class RecentPage:
    """A recently published page as the home page links it."""

    url: str
    label: str
    published: datetime


def recently_changed_pages(*, limit: int = 8) -> list[RecentPage]:
    """The latest published pages; a meeting's label carries its date, as meetings share titles."""
    pages = (
        ContentPage.objects.live()
        .annotate(meeting_start=F("meetingpage__start"))
        .order_by("-last_published_at")[:limit]
    )
    return [
        RecentPage(
            url=page.url,
            label=(
                f"{page.title}, {date_format(timezone.localtime(page.meeting_start), 'j F Y')}"
                if page.meeting_start
                else page.title
            ),
            published=page.last_published_at,
        )
        for page in pages
    ]


def pages_due_for_review(*, user=None, within_days: int = REVIEW_WINDOW_DAYS) -> QuerySet:
    """Content pages past or within `within_days` of review-by; an editor sees their organisations'.

    A directive replaced by a live directive is no longer reviewed.
    """
    limit = timezone.localdate() + timedelta(days=within_days)
    superseded = DirectivePage.objects.live().filter(replaces__isnull=False).values("replaces_id")
    pages = (
        ContentPage.objects.filter(review_by__lte=limit)
        .exclude(pk__in=superseded)
        .select_related("owner_organisation")
    )
    if user is not None and not user.is_superuser:
        pages = pages.filter(owner_organisation_id__in=editor_organisation_ids(user))
    return pages.order_by("review_by", "title")


def section_links() -> QuerySet[Page]:
    """The live index pages directly under the home page, for shortcuts."""
    return Page.objects.live().filter(depth=3).order_by("path")


def directive_successor(directive: DirectivePage) -> DirectivePage | None:
    return DirectivePage.objects.live().filter(replaces=directive).order_by("-decided_on").first()


def decision_history(directive: DirectivePage) -> list[dict]:
    """The live directives this one replaced and that replaced it, oldest first.

    Each entry is {"directive", "replaced_by", "current"}; one query per directive in the chain.
    """
    chain = [directive]
    older = directive.replaces
    while older is not None and older.live and len(chain) < MAX_DECISION_CHAIN:
        if older in chain:
            break
        chain.insert(0, older)
        older = older.replaces
    newer = directive_successor(directive)
    while newer is not None and newer not in chain and len(chain) < MAX_DECISION_CHAIN:
        chain.append(newer)
        newer = directive_successor(newer)
    return [
        {
            "directive": item,
            "replaced_by": chain[index + 1] if index + 1 < len(chain) else None,
            "current": item.pk == directive.pk,
        }
        for index, item in enumerate(chain)
    ]


def version_history(page: Page, *, limit: int = 20) -> QuerySet[PageLogEntry]:
    """When each version of the page's text was published, newest first (not its decisions)."""
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish").order_by("-timestamp")[
        :limit
    ]


def status_filter(status: str) -> Q:
    """Pages in a status: valid, due (for review within 30 days), expired or upcoming."""
    today = timezone.localdate()
    started = Q(valid_from__isnull=True) | Q(valid_from__lte=today)
    running = Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    return {
        "valid": started & running,
        "expired": Q(valid_to__lt=today),
        "upcoming": Q(valid_from__gt=today),
    }[status]


def filtered_children(*, index: Page, params) -> dict:
    """The live pages under an index page, filtered by tag, organisation, audience, age group, status."""
    model = index.specific_class.allowed_subpage_models()[0]
    children = model.objects.child_of(index).live()
    active = {
        key: str(params.get(key, ""))[:100]
        for key in ("tag", "organisation", "audience", "age_group", "status")
    }
    pages = children
    if active["tag"]:
        pages = pages.filter(tagged_content_items__tag__name=active["tag"])
    if active["organisation"]:
        pages = pages.filter(owner_organisation__key=active["organisation"])
    if active["audience"]:
        pages = pages.filter(audience__icontains=f'"{active["audience"]}"')
    if active["age_group"]:
        pages = pages.filter(age_groups__icontains=f'"{active["age_group"]}"')
    if active["status"] in STATUSES:
        pages = pages.filter(status_filter(active["status"]))
    pages = pages.select_related("owner_organisation").order_by("title").distinct()
    audience_keys = sorted(
        {key for keys in children.values_list("audience", flat=True) for key in keys or []}
    )
    return {
        "pages": paginate(pages, per_page=INDEX_PAGE_SIZE, number=params.get("page")),
        "active_filters": active,
        "tag_options": [
            (name, name)
            for name in ContentPageTag.objects.filter(content_object__in=children)
            .values_list("tag__name", flat=True)
            .order_by("tag__name")
            .distinct()
        ],
        "organisation_options": Organisation.objects.filter(
            pk__in=children.values("owner_organisation")
        ).values_list("key", "name"),
        "audience_options": Function.objects.filter(key__in=audience_keys).values_list(
            "key", "name"
        ),
        "age_group_options": AGE_GROUPS,
        "status_options": STATUSES,
    }


def glossary_by_letter(page: GlossaryPage) -> list[dict]:
    """The page's terms in Swedish order, grouped under their initials; every A–Ö letter is listed.

    Each entry is {"letter", "anchor", "terms"}; letters without terms have an empty list.
    """
    terms = sorted(page.terms.all(), key=lambda term: swedish_sort_key(term.term))
    groups: dict[str, list[GlossaryTerm]] = {}
    for term in terms:
        groups.setdefault(initial(term.term), []).append(term)
    letters = ([OTHER_INITIAL] if OTHER_INITIAL in groups else []) + list(SWEDISH_ALPHABET)
    return [
        {
            "letter": letter,
            "anchor": "bokstav-" + ("ovrigt" if letter == OTHER_INITIAL else letter.lower()),
            "terms": groups.get(letter, []),
        }
        for letter in letters
    ]
