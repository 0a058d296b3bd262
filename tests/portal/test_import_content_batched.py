"""import_content writes in bulk: indexes, reference index and cache bump once per import."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models.signals import post_save
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from directory.models import CacheGeneration, Organisation
from portal.models import GuidelinePage
from search import service
from search.params import SearchParams
from tests.factories import FunctionFactory, OrganisationFactory

# Admin views and the content importer read and write Wagtail's reference and page search indexes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_indexes")]


def guideline(number: int, title: str = "Rutin") -> str:
    return (
        "---\n"
        "type: guideline\n"
        f"title: {title} nummer {number} om avvikelsehantering\n"
        f"slug: rutin-{number}\n"
        "summary: Så hanterar du en avvikelse.\n"
        "owner: lek\n"
        "contact_function: socsek-mott\n"
        "tags: [avvikelse]\n"
        "---\n"
        "Text om avvikelser.\n"
    )


@pytest.fixture
def content(tmp_path, search_index):
    OrganisationFactory(key="lek", name="Lekeby kommun")
    FunctionFactory(key="socsek-mott", name="Socialsekreterare mottagning")
    for number in range(3):
        (tmp_path / f"{number}.md").write_text(guideline(number), encoding="utf-8")
    return tmp_path


@pytest.fixture
def content_bumps():
    bumps = []

    def count(sender, instance, **kwargs):
        if instance.scope == "content":
            bumps.append(instance.token)

    post_save.connect(count, sender=CacheGeneration, dispatch_uid="test-count-content-bumps")
    yield bumps
    post_save.disconnect(sender=CacheGeneration, dispatch_uid="test-count-content-bumps")


def run(directory, *args):
    call_command("import_content", str(directory), *args, stdout=io.StringIO())


def found_slugs(query: str) -> set[str]:
    return {result.id for result in service.search(SearchParams(q=query)).results}


def test_every_imported_page_is_in_the_search_index(content):
    run(content)
    assert found_slugs("avvikelsehantering") == {"rutin-0", "rutin-1", "rutin-2"}


def test_every_imported_page_is_found_by_the_admin_page_search(content):
    run(content)
    found = {page.slug for page in Page.objects.search("avvikelsehantering")}
    assert found == {"rutin-0", "rutin-1", "rutin-2"}


def test_every_imported_page_is_in_the_reference_index(content):
    run(content)
    referring = ReferenceIndex.get_references_to(Organisation.objects.get(key="lek"))
    assert {page.slug for page, _references in referring.group_by_source_object()} == {
        "rutin-0",
        "rutin-1",
        "rutin-2",
    }


def test_an_import_bumps_the_content_scope_once(content, content_bumps):
    run(content)
    assert len(content_bumps) == 1
    assert CacheGeneration.objects.get(scope="content").token == content_bumps[0]


def test_a_dry_run_bumps_nothing_and_indexes_nothing(content, content_bumps):
    run(content, "--dry-run")
    assert content_bumps == []
    assert not CacheGeneration.objects.filter(scope="content").exists()
    assert found_slugs("avvikelsehantering") == set()


def test_a_reimport_of_unchanged_pages_writes_nothing(content, content_bumps):
    run(content)
    revisions, entries = Revision.objects.count(), PageLogEntry.objects.count()
    run(content)
    assert (Revision.objects.count(), PageLogEntry.objects.count()) == (revisions, entries)
    assert len(content_bumps) == 1


def test_each_imported_page_has_its_history(content):
    run(content)
    for page in GuidelinePage.objects.all():
        assert page.live and not page.has_unpublished_changes
        assert page.live_revision == page.latest_revision
        assert page.first_published_at is not None
        actions = list(
            PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", flat=True)
        )
        assert actions == ["wagtail.create", "wagtail.edit", "wagtail.publish"]


def test_a_failed_import_leaves_neither_pages_nor_index_entries(content, content_bumps):
    (content / "3.md").write_text(guideline(3), encoding="utf-8")
    (content / "4.md").write_text(guideline(4).replace("slug: rutin-4", "slug: rutin-3"), "utf-8")
    with pytest.raises(CommandError):
        run(content)
    assert not GuidelinePage.objects.exists()
    assert found_slugs("avvikelsehantering") == set()
    assert list(Page.objects.search("avvikelsehantering")) == []
    assert content_bumps == []
