"""History that tells the truth: decisions apart from edits, import dates, review list, statuses."""

import datetime
import io
import textwrap
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from portal.importers.content import content_dates
from portal.models import DirectivePage, GuidelinePage
from portal.selectors import decision_history, pages_due_for_review
from tests.factories import DirectivePageFactory, GuidelinePageFactory, OrganisationFactory
from tests.portal.helpers import shown

# Admin views and the content importer read and write Wagtail's reference and page search indexes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_indexes")]

DIRECTIVE_2022 = """\
---
type: directive
title: Direktiv om tidiga insatser 2022
slug: direktiv-2022
owner: lek
decided_by: Socialnämnden
decided_on: 2022-02-15
valid_from: 2022-03-01
---
Text.
"""


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def import_files(directory, **files):
    for name, text in files.items():
        (directory / name).write_text(textwrap.dedent(text), encoding="utf-8")
    call_command("import_content", str(directory), stdout=io.StringIO())


def local_day(moment) -> datetime.date:
    return timezone.localtime(moment).date()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"published": datetime.date(2021, 1, 5), "updated": datetime.date(2023, 4, 1)},
         (datetime.date(2021, 1, 5), datetime.date(2023, 4, 1))),
        ({"decided_on": datetime.date(2022, 2, 15), "valid_from": datetime.date(2022, 3, 1)},
         (datetime.date(2022, 2, 15), datetime.date(2022, 2, 15))),
        ({"valid_from": datetime.date(2024, 1, 1), "last_reviewed": datetime.date(2025, 5, 2)},
         (datetime.date(2024, 1, 1), datetime.date(2025, 5, 2))),
        ({"last_reviewed": datetime.date(2025, 5, 2)},
         (datetime.date(2025, 5, 2), datetime.date(2025, 5, 2))),
        ({"published": datetime.date(2024, 1, 1), "updated": datetime.date(2023, 1, 1)},
         (datetime.date(2024, 1, 1), datetime.date(2024, 1, 1))),
        ({}, None),
    ],
)  # fmt: skip
def test_content_dates_come_from_the_front_matter(data, expected):
    assert content_dates(data) == expected


def test_an_imported_directive_is_dated_by_its_decision_not_the_import(tmp_path):
    OrganisationFactory(key="lek", name="Lekeby kommun")
    import_files(tmp_path, **{"a.md": DIRECTIVE_2022})
    page = DirectivePage.objects.get(slug="direktiv-2022")
    decided = datetime.date(2022, 2, 15)
    assert local_day(page.first_published_at) == decided
    assert local_day(page.last_published_at) == decided
    assert local_day(page.latest_revision.created_at) == decided
    entries = PageLogEntry.objects.filter(page=page)
    assert entries.exists() and {local_day(entry.timestamp) for entry in entries} == {decided}


def test_a_reimported_change_takes_the_updated_date(tmp_path):
    OrganisationFactory(key="lek", name="Lekeby kommun")
    import_files(tmp_path, **{"a.md": DIRECTIVE_2022})
    changed = DIRECTIVE_2022.replace("Text.", "Ny text.").replace(
        "valid_from: 2022-03-01", "valid_from: 2022-03-01\nupdated: 2023-09-01"
    )
    import_files(tmp_path, **{"a.md": changed})
    page = DirectivePage.objects.get(slug="direktiv-2022")
    assert local_day(page.first_published_at) == datetime.date(2022, 2, 15)
    assert local_day(page.last_published_at) == datetime.date(2023, 9, 1)
    days = [
        local_day(entry.timestamp)
        for entry in PageLogEntry.objects.filter(page=page, action="wagtail.publish").order_by(
            "timestamp"
        )
    ]
    assert days == [datetime.date(2022, 2, 15), datetime.date(2023, 9, 1)]


def test_a_directive_page_shows_its_decisions_apart_from_its_edits(tmp_path, signed_in_client):
    OrganisationFactory(key="lek", name="Lekeby kommun")
    newer = DIRECTIVE_2022.replace("2022", "2025").replace(
        "valid_from: 2025-03-01", "valid_from: 2025-03-01\nreplaces: direktiv-2022"
    )
    import_files(tmp_path, **{"a.md": DIRECTIVE_2022, "b.md": newer})
    old = DirectivePage.objects.get(slug="direktiv-2022")
    html = signed_in_client.get(old.url).content.decode()
    decisions = html[html.index('id="decisions-heading"') : html.index('id="versions-heading"')]
    assert "15 februari 2022" in decisions and "1 mars 2022" in decisions
    assert "Direktiv om tidiga insatser 2025" in decisions
    assert shown("Replaced by") in decisions
    edits = html[html.index('id="versions-heading"') :]
    edits = edits[: edits.index("</ol>")]
    assert "15 februari 2022" in edits
    assert str(timezone.localdate().year) not in edits.replace("2022", "")


def test_decision_history_runs_oldest_first_with_successors():
    owner = OrganisationFactory()
    first = publish(DirectivePageFactory(title="2019", owner_organisation=owner))
    second = publish(DirectivePageFactory(title="2022", owner_organisation=owner, replaces=first))
    third = publish(DirectivePageFactory(title="2025", owner_organisation=owner, replaces=second))
    history = decision_history(DirectivePage.objects.get(pk=second.pk))
    assert [entry["directive"].title for entry in history] == ["2019", "2022", "2025"]
    assert [entry["current"] for entry in history] == [False, True, False]
    assert [getattr(entry["replaced_by"], "pk", None) for entry in history] == [
        second.pk,
        third.pk,
        None,
    ]


def test_a_superseded_directive_leaves_the_review_list():
    owner = OrganisationFactory()
    overdue = timezone.localdate() - timedelta(days=10)
    old = publish(
        DirectivePageFactory(title="Gammalt direktiv", owner_organisation=owner, review_by=overdue)
    )
    kept = publish(GuidelinePageFactory(title="Gammal rutin", review_by=overdue))
    assert old.pk in {page.pk for page in pages_due_for_review()}
    publish(DirectivePageFactory(title="Nytt direktiv", owner_organisation=owner, replaces=old))
    due = {page.pk for page in pages_due_for_review()}
    assert old.pk not in due and kept.pk in due


def test_readers_never_see_the_review_state(signed_in_client):
    page = publish(
        GuidelinePageFactory(
            title="Snart granskad rutin", review_by=timezone.localdate() + timedelta(days=5)
        )
    )
    index_html = signed_in_client.get(page.get_parent().url).content.decode()
    assert "Snart granskad rutin" in index_html
    assert shown("Due for review") not in index_html
    assert 'value="due"' not in index_html
    valid = signed_in_client.get(page.get_parent().url, {"status": "valid"}).content.decode()
    assert "Snart granskad rutin" in valid
    assert shown("Due for review") not in signed_in_client.get(page.url).content.decode()
    assert GuidelinePage.objects.get(pk=page.pk).status == "due"


def test_a_date_still_to_come_is_not_a_publication_date(tmp_path):
    OrganisationFactory(key="lek", name="Lekeby kommun")
    coming = timezone.localdate() + timedelta(days=60)
    text = DIRECTIVE_2022.replace("decided_on: 2022-02-15\n", "").replace(
        "valid_from: 2022-03-01", f"valid_from: {coming.isoformat()}"
    )
    import_files(tmp_path, **{"a.md": text})
    page = DirectivePage.objects.get(slug="direktiv-2022")
    assert local_day(page.first_published_at) == timezone.localdate()
    assert local_day(page.last_published_at) == timezone.localdate()
