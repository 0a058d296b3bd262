"""Shaping search results (search.results) for the results page: items, facets, tabs, pages."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from django.core.paginator import Page
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page as WagtailPage
from wagtail.search.utils import normalise_query_string

from search import registry, service
from search.context import SearchContext
from search.pagination import paginate
from search.params import MAX_PAGE, PAGE_SIZE, SearchParams
from search.results import Answer, Result, Results

KIND_NAMES = {
    "person": _("Person"),
    "function": _("Function"),
    "contact_point": _("Contact point"),
    "organisation": _("Organisation"),
    "guideline": _("Guideline"),
    "directive": _("Directive"),
    "forum": _("Forum"),
    "meeting": _("Meeting"),
    "glossary": _("Glossary term"),
    "page": _("Page"),
    "document": _("Document"),
}
KIND_LABELS = {
    "person": _("People"),
    "function": _("Functions"),
    "contact_point": _("Contact points"),
    "organisation": _("Organisations"),
    "guideline": _("Guidelines"),
    "directive": _("Directives"),
    "forum": _("Forums"),
    "meeting": _("Meetings"),
    "glossary": _("Glossary"),
    "page": _("Pages"),
    "document": _("Documents"),
}
FACET_LABELS = {
    "organisation": _("Organisation"),
    "function": _("Function"),
    "tag": _("Tag"),
    "audience": _("Audience"),
}
MAX_FACET_OPTIONS = 20
MAX_KIND_TABS = 5
# The intake line the no-results page names: concern for a child, the portal's commonest need.
INTAKE_QUERY = "oro för barn"
GLOSSARY_INDEX = ("portal", "glossaryindexpage")
VISIBLE_FACET_OPTIONS = 8


def is_local_path(target: str) -> bool:
    """Whether `target` is a path on this site (no scheme, host or protocol-relative trick)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    if any(ord(character) < 32 or ord(character) == 127 for character in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and url_has_allowed_host_and_scheme(target, None)


def safe_href(url: str) -> str:
    """The address of a local path or a web link; nothing for any other scheme."""
    if is_local_path(url):
        return url
    return url if url.startswith(("https://", "http://")) else ""


def click_data(*, uid: str, rank: int, url: str) -> dict | None:
    """What the click counter posts for a link to a local result (None: not counted)."""
    return {"uid": uid, "rank": rank} if uid and is_local_path(url) else None


def result_items(results: list[Result], *, offset: int) -> list[dict]:
    """Results ready for the result-item component, ranked from offset + 1."""
    return [
        {
            "kind": result.kind,
            "kind_label": KIND_NAMES.get(result.kind, result.kind),
            "title": result.title or result.url,
            "url": result.url,
            "href": safe_href(result.url),
            "click": click_data(uid=f"{result.kind}:{result.id}", rank=position, url=result.url),
            "snippet": result.snippet,
            "rank": position,
            "detail": [part for part in (result.role, result.unit) if part],
            "phone": result.phone,
            "phone_uri": _tel(result.phone),
        }
        for position, result in enumerate(results, start=offset + 1)
    ]


_NESTED = ("holders", "intake")


def answer_card(answer: Answer | None) -> dict | None:
    """The who-to-contact answer ready for the answer-card component (each kind of card)."""
    if answer is None:
        return None
    search_path = reverse("search:search")
    return {
        **_contact_card(answer),
        "holders": [
            {
                "place": group.place,
                "href": f"{search_path}?{urlencode({'q': group.query})}",
                "people": [
                    {
                        **asdict(holder),
                        "href": safe_href(holder.url),
                        "phone_uri": _tel(holder.phone),
                    }
                    for holder in group.people
                ],
            }
            for group in answer.holders
        ],
        "intake": _contact_card(answer.intake) if answer.intake else None,
    }


def _contact_card(answer: Answer) -> dict:
    fields = {name: value for name, value in asdict(answer).items() if name not in _NESTED}
    return {
        **fields,
        "kind_label": KIND_NAMES.get(answer.kind, answer.kind),
        "href": safe_href(answer.url),
        "click": click_data(uid=f"{answer.kind}:{answer.id}", rank=0, url=answer.url),
        "phone_uri": _tel(answer.phone),
    }


def _tel(phone: str) -> str:
    return re.sub(r"[^\d+]", "", phone)


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    checked: bool


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    options: list[FacetOption]

    @property
    def visible_count(self) -> int:
        return min(len(self.options), VISIBLE_FACET_OPTIONS)

    @property
    def hidden_count(self) -> int:
        return len(self.options) - self.visible_count


def facet_groups(facets: dict, selected: dict[str, tuple[str, ...]]) -> list[FacetGroup]:
    """Checkbox groups for organisation, function, tag and audience, with readable labels."""
    shown = {}
    for name in FACET_LABELS:
        counts = facets.get(name) or {}
        chosen = selected.get(name, ())
        ranked = sorted(counts, key=lambda value: (-counts[value], str(value)))
        shown[name] = [*chosen, *[v for v in ranked[:MAX_FACET_OPTIONS] if v not in chosen]]
    names = registry.facet_labels(shown)
    groups = []
    for name, label in FACET_LABELS.items():
        counts = facets.get(name) or {}
        options = [
            FacetOption(
                value=value,
                label=names.get(name, {}).get(value, value),
                count=counts.get(value, 0),
                checked=value in selected.get(name, ()),
            )
            for value in shown[name]
        ]
        if options:
            groups.append(FacetGroup(name=name, label=label, options=options))
    return groups


def kind_tabs(kind_counts: dict[str, int], selected: tuple[str, ...], total: int) -> list[dict]:
    """All, then the MAX_KIND_TABS biggest kinds found (the selected one always), current marked."""
    current = selected[0] if len(selected) == 1 else ""
    order = list(KIND_LABELS)
    found = [kind for kind in order if kind_counts.get(kind) and kind != current]
    biggest = sorted(found, key=lambda kind: (-kind_counts[kind], order.index(kind)))
    shown = set(biggest[: MAX_KIND_TABS - 1 if current else MAX_KIND_TABS])
    if current in KIND_LABELS:
        shown.add(current)
    tabs = [
        {
            "kind": "",
            "label": _("All"),
            "count": max(total, sum(kind_counts.values())) if not current else None,
            "current": not selected,
        }
    ]
    for kind, label in KIND_LABELS.items():
        if kind in shown:
            tabs.append(
                {
                    "kind": kind,
                    "label": label,
                    "count": kind_counts.get(kind, 0),
                    "current": kind == current,
                }
            )
    return tabs


def results_page(*, total: int, number: int) -> Page:
    """Page `number` of the ranked results, within the MAX_PAGE pages a search can reach."""
    return paginate(range(min(total, MAX_PAGE * PAGE_SIZE)), per_page=PAGE_SIZE, number=number)


def promotions(query: str, *, request) -> list[dict]:
    """Editors' promoted results for the query, in their order, live pages only."""
    text = normalise_query_string(query)
    if not text:
        return []
    picks = SearchPromotion.objects.filter(query__query_string=text).select_related("page")
    items = []
    for pick in picks:
        if pick.page is not None:
            if not pick.page.live:
                continue
            url = pick.page.get_url(request) or ""
            items.append(
                {
                    "title": pick.page.title,
                    "href": safe_href(url),
                    "click": click_data(uid=f"promotion:{pick.pk}", rank=0, url=url),
                    "description": pick.description,
                }
            )
        elif pick.external_link_url:
            items.append(
                {
                    "title": pick.external_link_text or pick.external_link_url,
                    "href": safe_href(pick.external_link_url),
                    "description": pick.description,
                }
            )
    return items


def glossary_url(request) -> str:
    """The address of the live glossary index page, or nothing when there is none."""
    app_label, model = GLOSSARY_INDEX
    glossary = (
        WagtailPage.objects.live()
        .filter(content_type__app_label=app_label, content_type__model=model)
        .first()
    )
    return safe_href(glossary.get_url(request) or "") if glossary else ""


def intake_line(asking: SearchContext | None) -> dict | None:
    """The searcher's body's intake line for concern about a child (None: no context or none found)."""
    if not asking:
        return None
    answer = service.search(SearchParams(q=INTAKE_QUERY), context=asking).answer
    if answer is None or answer.kind != "contact_point":
        return None
    return {
        "title": answer.title,
        "href": safe_href(answer.url),
        "phone": answer.phone,
        "phone_uri": _tel(answer.phone),
    }


def no_results_help(params: SearchParams, *, request, asking: SearchContext | None) -> dict:
    """Next steps when nothing matched: broaden, the glossary and the right intake line."""
    filtered = any(params.selected.values())
    return {
        "unfiltered_href": "?" + urlencode({"q": params.q}) if filtered else "",
        "fewer_words": len(params.q.split()) > 1,
        "glossary_href": glossary_url(request),
        "intake": intake_line(asking),
        "intake_search_href": reverse("search:search") + "?" + urlencode({"q": "orosanmälan"}),
    }


def corrected_params(params: QueryDict, corrected: str) -> QueryDict:
    """The page's parameters searching the correction, so tabs and pages stay on it."""
    changed = params.copy()
    changed["q"] = corrected
    changed.pop("page", None)
    return changed


def results_context(
    results: Results, *, params: SearchParams, page: Page, request, asking: SearchContext | None
) -> dict:
    """Template context for one page of results; `asking` is who searches (even with context=none)."""
    first_page = page.number == 1
    selected = params.selected
    return {
        "total": results.total,
        "answer": answer_card(results.answer) if first_page else None,
        "promotions": promotions(params.q, request=request) if first_page else [],
        "results": result_items(results.results, offset=params.offset),
        "offset": params.offset,
        "did_you_mean": None if results.total else results.did_you_mean,
        "corrected_from": results.corrected_from,
        "corrected_query": results.query if results.corrected_from else None,
        "tabs": kind_tabs(results.facets.get("kind") or {}, selected["kind"], results.total),
        "facet_groups": facet_groups(results.facets, selected),
        "results_page": page,
        "help": (
            None if results.total else no_results_help(params, request=request, asking=asking)
        ),
    }
