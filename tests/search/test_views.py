"""The results page at /sok/ and the click counter at /sok/klick/."""

import re
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from search import indexing
from search.models import ClickLog
from search.params import MAX_PAGE, PAGE_SIZE
from search.presentation import click_data, is_local_path, results_page, safe_href
from search.results import snippet
from tests.factories import PositionFactory
from tests.search import ui_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    return ui_dataset.build()


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get("/sok/", {"q": "kurator"})
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_empty_query_shows_help_and_no_results(signed_in_client):
    response = signed_in_client.get("/sok/")
    assert response.status_code == 200
    assert "search-results" not in response.content.decode()


def test_answer_card_comes_first_with_phone_and_email(signed_in_client, data):
    content = signed_in_client.get("/sok/", {"q": "socialjouren"}).content.decode()
    assert 'class="card card--answer search-answer"' in content
    answer = content.index("search-answer")
    assert answer < content.index('class="search-results"')
    assert 'href="tel:098012345"' in content
    assert 'href="mailto:socialjouren@lekeby.test"' in content


def test_results_link_straight_to_their_pages_with_click_data_in_rank_order(signed_in_client, data):
    response = signed_in_client.get("/sok/", {"q": "skolkurator"})
    items = response.context["results"]
    content = response.content.decode()
    assert items
    assert [item["rank"] for item in items] == list(range(1, len(items) + 1))
    assert all(item["href"] == item["url"] for item in items)
    assert [item["click"]["rank"] for item in items] == [item["rank"] for item in items]
    assert (
        '<a href="/katalog/funktioner/ui-kurator/" data-click-uid="function:ui-kurator"' in content
    )
    assert 'id="search-click-counter" method="post" action="/sok/klick/"' in content
    assert "js/search-clicks.js" in content


def test_facets_are_checkboxes_with_counts_and_keep_the_selection(signed_in_client, data):
    response = signed_in_client.get("/sok/", {"q": "kurator", "organisation": "ui-fjallby"})
    content = response.content.decode()
    groups = {group.name: group for group in response.context["facet_groups"]}
    chosen = [option for option in groups["organisation"].options if option.checked]
    assert [option.value for option in chosen] == ["ui-fjallby"]
    assert chosen[0].label == "Fjällby skola"
    assert 'type="checkbox"' in content
    assert 'value="ui-fjallby" checked' in content


def test_results_come_before_the_filters_with_a_skip_link_and_a_button_without_javascript(
    signed_in_client, data
):
    content = signed_in_client.get("/sok/", {"q": "kurator"}).content.decode()
    assert '<a class="skip-link" href="#search-hits">' in content
    assert content.index('id="search-hits"') < content.index(
        '<details class="search-filters" open>'
    )
    assert content.index('class="search-results"') < content.index('class="search-facets"')
    assert '<button type="submit">' in content[content.index('class="search-facets"') :]


def test_kind_tabs_mark_the_current_kind(signed_in_client, data):
    response = signed_in_client.get("/sok/", {"q": "fjällby", "kind": "person"})
    current = [tab for tab in response.context["tabs"] if tab["current"]]
    assert [tab["kind"] for tab in current] == ["person"]
    assert 'aria-current="page"' in response.content.decode()
    assert {item["kind"] for item in response.context["results"]} <= {"person"}


def test_pagination_links_previous_next_and_numbers_and_marks_the_current_page(
    signed_in_client, data
):
    for number in range(14):
        ui_dataset.FunctionFactory(key=f"ui-pag-{number}", name=f"Paginerad funktion {number}")
    first = signed_in_client.get("/sok/", {"q": "paginerad"})
    content = first.content.decode()
    assert first.context["results_page"].next_page_number() == 2
    assert '<nav class="pagination no-print" aria-label="Sidor">' in content
    assert '<span aria-current="page">1</span>' in content
    assert '<a href="?q=paginerad&amp;page=2">2</a>' in content
    assert '<a href="?q=paginerad&amp;page=2" rel="next">' in content
    assert 'rel="prev"' not in content
    assert "sida 1 av 2" in content
    second = signed_in_client.get("/sok/", {"q": "paginerad", "page": "2"})
    content = second.content.decode()
    assert second.context["results"][0]["rank"] == 11
    assert second.context["answer"] is None
    assert '<span aria-current="page">2</span>' in content
    assert '<a href="?q=paginerad&amp;page=1">1</a>' in content
    assert '<a href="?q=paginerad&amp;page=1" rel="prev">' in content
    assert 'rel="next"' not in content


def test_a_page_past_the_end_shows_the_last_page(signed_in_client, data):
    for number in range(14):
        ui_dataset.FunctionFactory(key=f"ui-pag-{number}", name=f"Paginerad funktion {number}")
    response = signed_in_client.get("/sok/", {"q": "paginerad", "page": "9"})
    assert [item["rank"] for item in response.context["results"]] == [11, 12, 13, 14]
    assert '<span aria-current="page">2</span>' in response.content.decode()


def test_the_results_pages_stop_at_the_search_window():
    page = results_page(total=10**6, number=99_999_999)
    assert page.number == page.paginator.num_pages == MAX_PAGE
    assert page.start_index() == (MAX_PAGE - 1) * PAGE_SIZE + 1
    assert results_page(total=0, number=3).number == 1


LINK_GROUPS = {
    "tabs": re.compile(r'<nav class="search-tabs".*?</nav>', re.DOTALL),
    "pages": re.compile(r'<nav class="pagination[^"]*".*?</nav>', re.DOTALL),
    "did you mean": re.compile(r'<p class="did-you-mean">.*?</p>', re.DOTALL),
}


def links(page_url: str, content: str) -> dict[str, list[str]]:
    """The addresses the tabs, page links and "did you mean" of a results page lead to."""
    found = {}
    for group, pattern in LINK_GROUPS.items():
        hrefs = re.findall(r'href="([^"]*)"', "".join(pattern.findall(content)))
        targets = [urlsplit(urljoin(f"http://testserver{page_url}", unescape(h))) for h in hrefs]
        found[group] = [f"{target.path}?{target.query}" for target in targets]
    return found


def test_tabs_pages_and_did_you_mean_lead_to_results(signed_in_client, data):
    for number in range(14):
        ui_dataset.FunctionFactory(key=f"ui-pag-{number}", name=f"Paginerad funktion {number}")
    followed = {group: [] for group in LINK_GROUPS}
    for page_url in ("/sok/?q=kurator", "/sok/?q=paginerad", "/sok/?q=paginerad&page=2",
                     "/sok/?q=lindkvizt&exact=1", "/sok/?q=lindkvizt"):  # fmt: skip
        for group, targets in links(
            page_url, signed_in_client.get(page_url).content.decode()
        ).items():
            followed[group] += targets
    assert all(followed.values()), followed
    for group, targets in followed.items():
        for target in targets:
            response = signed_in_client.get(target)
            assert response.status_code == 200, target
            assert response.context["query"], (group, target)
            assert response.context["total"] > 0 and response.context["results"], (group, target)


def test_nothing_found_says_so_and_offers_a_spelling_when_there_is_one(signed_in_client, data):
    content = signed_in_client.get("/sok/", {"q": "xqzvwk"}).content.decode()
    assert "search-results" not in content.replace("search-results-heading", "")
    misspelt = signed_in_client.get("/sok/", {"q": "skolkuratr"})
    found = {item["url"] for item in misspelt.context["results"]}
    hint = misspelt.context["did_you_mean"] or ""
    assert "/katalog/funktioner/ui-kurator/" in found or "skolkurator" in hint


def test_promoted_pages_come_first_marked_recommended(signed_in_client, data):
    home = Page.get_first_root_node().get_children().first() or Page.get_first_root_node()
    page = home.add_child(instance=Page(title="Orosanmälan steg för steg", slug="oro-steg"))
    pick = SearchPromotion.objects.create(
        query=Query.get("Kurator"), page=page, description="Läs detta först."
    )
    content = signed_in_client.get("/sok/", {"q": "kurator"}).content.decode()
    assert "Orosanmälan steg för steg" in content
    assert "Läs detta först." in content
    assert content.index("search-promotions") < content.index('class="search-results"')
    assert f'data-click-uid="promotion:{pick.pk}"' in content


def test_snippets_escape_everything_but_their_own_mark():
    summary = 'a kurator <mark>x</mark> <script>alert(1)</script><b onclick="x">b</b>'
    html = snippet({"summary": summary}, frozenset({"kurator"}))
    assert html == (
        "a <mark>kurator</mark> &lt;mark&gt;x&lt;/mark&gt; &lt;script&gt;alert(1)&lt;/script&gt;"
        "&lt;b onclick=&quot;x&quot;&gt;b&lt;/b&gt;"
    )
    assert "<script" not in html
    assert "<b" not in html


def test_the_query_is_escaped_everywhere(signed_in_client, data):
    content = signed_in_client.get("/sok/", {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)" not in content
    assert "&lt;script&gt;alert(1)" in content


@pytest.fixture
def csrf_client(client, user):
    """A browser-like client: CSRF checks on, the token taken from the results page."""
    client.handler.enforce_csrf_checks = True
    client.force_login(user)
    page = client.get("/sok/", {"q": "kurator"}).content.decode()
    client.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return client


def test_a_same_origin_post_counts_a_click_without_identity(csrf_client, user):
    response = csrf_client.post(
        "/sok/klick/",
        {
            "q": "Kurator",
            "uid": "function:ui-kurator",
            "rank": "2",
            "csrfmiddlewaretoken": csrf_client.token,
        },
    )

    assert response.status_code == 204
    click = ClickLog.objects.get()
    assert (click.query, click.uid, click.rank, click.clicks) == (
        "kurator",
        "function:ui-kurator",
        2,
        1,
    )
    assert user.username not in str(ClickLog.objects.values().get())


def test_a_cross_site_get_counts_nothing(csrf_client):
    response = csrf_client.get(
        "/sok/klick/",
        {"q": "x", "uid": "page:x", "rank": "1", "to": "/a/"},
        HTTP_SEC_FETCH_SITE="cross-site",
    )

    assert response.status_code == 405
    assert not ClickLog.objects.exists()


def test_a_cross_site_post_without_the_token_counts_nothing(csrf_client):
    response = csrf_client.post(
        "/sok/klick/",
        {"q": "x", "uid": "page:x", "rank": "1"},
        HTTP_ORIGIN="https://evil.example",
    )

    assert response.status_code == 403
    assert not ClickLog.objects.exists()


@pytest.mark.parametrize(
    ("uid", "rank"), [("page:x", "²"), ("page:x", ""), ("", "1"), ("x y", "1")]
)
def test_a_malformed_click_is_refused_without_counting(csrf_client, uid, rank):
    response = csrf_client.post(
        "/sok/klick/",
        {"q": "x", "uid": uid, "rank": rank, "csrfmiddlewaretoken": csrf_client.token},
    )

    assert response.status_code == 400
    assert not ClickLog.objects.exists()


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "/\tevil",
        "",
        "katalog/relative",
    ],
)
def test_only_local_paths_are_counted_links(target):
    assert not is_local_path(target)
    assert click_data(uid="page:x", rank=1, url=target) is None
    assert safe_href(target) in ("", target)
    assert not safe_href(target).startswith(("javascript:", "//"))


def test_long_facet_lists_fold_the_rest_into_details():
    from django.template.loader import render_to_string

    from search.presentation import facet_groups

    counts = {f"tag-{number}": 20 - number for number in range(12)}
    groups = facet_groups({"tag": counts}, {"tag": ("tag-11",)})
    html = render_to_string(
        "search/components/facets.html", {"groups": groups, "query": "x", "selected": {}}
    )
    assert html.count("<details>") == html.count("</details>") == 1
    folded = html[html.index("<details>") :]
    assert 'value="tag-11" checked' in html[: html.index("<details>")]
    assert folded.count('type="checkbox"') == 12 - 8
    assert len(set(re.findall(r'id="(facet-[^"]+)"', html))) == 12


# The results page reads the same number of rows however many records match (SPEC §6).
RESULTS_PAGE_QUERIES = 16


def test_the_results_page_uses_a_fixed_number_of_queries(signed_in_client, data):
    with indexing.batch():
        for _ in range(30):
            PositionFactory(function=data.kurator, person__title="Skolkurator")
    signed_in_client.get("/sok/", {"q": "kurator"})
    with CaptureQueriesContext(connection) as small:
        assert signed_in_client.get("/sok/", {"q": "kurator"}).status_code == 200
    with indexing.batch():
        for _ in range(60):
            PositionFactory(function=data.kurator, person__title="Skolkurator")
    signed_in_client.get("/sok/", {"q": "kurator"})
    with CaptureQueriesContext(connection) as larger:
        assert signed_in_client.get("/sok/", {"q": "kurator"}).status_code == 200
    assert len(larger) <= len(small) <= RESULTS_PAGE_QUERIES, [q["sql"] for q in larger]
