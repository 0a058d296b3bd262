"""The synthetic Markdown pages the performance benchmark imports."""

import pytest
from django.core.management import call_command

from benchmarks.content import generate_content
from portal.importers.content import read_directory
from portal.pages.content import DirectivePage, GuidelinePage
from tests.factories import FunctionFactory, OrganisationFactory

# The content importer writes Wagtail's reference and page search indexes.
pytestmark = pytest.mark.usefixtures("wagtail_indexes")


def test_writes_the_requested_pages_deterministically(tmp_path):
    slugs = generate_content(tmp_path / "a", pages=12, organisations=["o1", "o2"], functions=["f"])
    generate_content(tmp_path / "b", pages=12, organisations=["o1", "o2"], functions=["f"])

    assert len(set(slugs)) == 12
    assert sorted(path.name for path in (tmp_path / "a").glob("*.md")) == sorted(
        f"{slug}.md" for slug in slugs
    )
    for slug in slugs:
        assert (tmp_path / "a" / f"{slug}.md").read_bytes() == (
            tmp_path / "b" / f"{slug}.md"
        ).read_bytes()


@pytest.mark.django_db
def test_generated_pages_import_as_guidelines_and_directives(tmp_path):
    orgs = [OrganisationFactory().key for _ in range(2)]
    functions = [FunctionFactory().key for _ in range(2)]
    generate_content(tmp_path, pages=8, organisations=orgs, functions=functions)

    items, warnings = read_directory(tmp_path)
    call_command("import_content", str(tmp_path))

    assert len(items) == 8
    assert warnings == []
    assert GuidelinePage.objects.live().count() == 6
    assert DirectivePage.objects.live().count() == 2
