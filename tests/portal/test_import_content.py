"""import_content: upsert by slug, all or nothing, revisions, precise errors, safe bodies."""

import io
import textwrap
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import PageLogEntry

from portal.models import DirectivePage, ForumPage, GlossaryPage, GuidelinePage
from portal.pages.base import ContentPage
from portal.selectors import glossary_synonyms
from search.params import SearchParams
from tests.factories import FunctionFactory, OrganisationFactory

# Admin views and the content importer read and write Wagtail's reference and page search indexes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_indexes")]

GUIDELINE = """\
---
type: guideline
title: Orosanmälan från skola
slug: orosanmalan-skola
summary: Så gör du när du misstänker att en elev far illa.
owner: lek-utb
contact_function: socsek-mott
tags: [orosanmälan, skola]
audience: [kurator, rektor]
age_groups: [6-12, 13-17]
valid_from: 2024-01-01
valid_to: 2026-12-31
review_by: 2025-06-30
---
## Du är skyldig att anmäla
Anmälningsskyldigheten stod i 14 kap. 1 § socialtjänstlagen (2001:453) och gäller även 10 kap. 28 § OSL.

1. Prata med rektor.
2. Ring mottagningen.
"""


def write(directory, name, text):
    (directory / name).write_text(textwrap.dedent(text), encoding="utf-8")


def front(**fields):
    lines = ["---"] + [f"{key}: {value}" for key, value in fields.items()] + ["---", "Text."]
    return "\n".join(lines) + "\n"


@pytest.fixture
def directory_records():
    OrganisationFactory(key="lek", name="Lekeby kommun")
    OrganisationFactory(key="reg", name="Region Bergslagen")
    OrganisationFactory(key="lek-utb", name="Utbildningsförvaltningen")
    FunctionFactory(key="socsek-mott", name="Socialsekreterare mottagning")


def run(directory, *args):
    call_command("import_content", str(directory), *args, stdout=io.StringIO())


def test_imports_a_guideline_with_metadata_and_a_published_revision(tmp_path, directory_records):
    write(tmp_path, "a.md", GUIDELINE)
    run(tmp_path)
    page = GuidelinePage.objects.get(slug="orosanmalan-skola")
    assert page.live
    assert page.owner_organisation.key == "lek-utb"
    assert page.contact_function.key == "socsek-mott"
    assert sorted(tag.name for tag in page.tags.all()) == ["orosanmälan", "skola"]
    assert page.audience == ["kurator", "rektor"]
    assert page.age_groups == ["6-12", "13-17"]
    assert str(page.valid_to) == "2026-12-31"
    assert str(page.review_by) == "2025-06-30"
    html = str(page.body[0].value)
    assert "<h2>Du är skyldig att anmäla</h2>" in html
    assert "<ol>" in html and "<li>Prata med rektor.</li>" in html
    assert page.revisions.count() == 1
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1
    citations = {(ref["citation"], ref["sfs"]) for ref in page.legal_references}
    assert ("14 kap. 1 § SoL", "2001:453") in citations
    assert ("10 kap. 28 § OSL", "2009:400") in citations
    assert page.get_parent().slug == "rutiner"


def test_reimport_is_unchanged_and_an_edit_updates_with_a_new_revision(tmp_path, directory_records):
    write(tmp_path, "a.md", GUIDELINE)
    run(tmp_path)
    run(tmp_path)
    page = GuidelinePage.objects.get(slug="orosanmalan-skola")
    assert page.revisions.count() == 1
    write(tmp_path, "a.md", GUIDELINE.replace("Orosanmälan från skola", "Orosanmälan i skolan"))
    run(tmp_path)
    page.refresh_from_db()
    assert page.title == "Orosanmälan i skolan"
    assert page.revisions.count() == 2
    assert GuidelinePage.objects.count() == 1


def test_draft_status_is_not_published(tmp_path, directory_records):
    write(
        tmp_path,
        "a.md",
        GUIDELINE.replace("review_by: 2025-06-30", "review_by: 2025-06-30\nstatus: draft"),
    )
    run(tmp_path)
    page = GuidelinePage.objects.get(slug="orosanmalan-skola")
    assert not page.live
    assert page.revisions.count() == 1


def test_dry_run_changes_nothing(tmp_path, directory_records):
    write(tmp_path, "a.md", GUIDELINE)
    run(tmp_path, "--dry-run")
    assert not ContentPage.objects.exists()


def test_directive_replaces_a_directive_in_the_same_run(tmp_path, directory_records):
    write(
        tmp_path,
        "a-new.md",
        front(
            type="directive", title="Nytt", slug="nytt", owner="lek", parties="[lek, reg]",
            decided_by="Socialnämnden", decided_on="2024-03-12", diary_number="SN 2024/1",
            replaces="gammalt",
        ),
    )  # fmt: skip
    write(
        tmp_path, "b-old.md", front(type="directive", title="Gammalt", slug="gammalt", owner="lek")
    )
    run(tmp_path)
    new = DirectivePage.objects.get(slug="nytt")
    assert new.replaces.slug == "gammalt"
    assert sorted(new.parties.values_list("key", flat=True)) == ["lek", "reg"]
    assert new.diary_number == "SN 2024/1" and str(new.decided_on) == "2024-03-12"


def test_glossary_terms_feed_synonyms_and_forums_import(tmp_path, directory_records):
    write(
        tmp_path,
        "g.md",
        """\
        ---
        type: glossary
        title: Förkortningar
        slug: forkortningar
        terms:
          SIP: Samordnad individuell plan – plan när ett barn behöver insatser från flera.
          OSL: "Offentlighets- och sekretesslagen (2009:400)."
          Orosanmälan: Anmälan till socialtjänsten.
        synonyms:
          SIP: [samordnad plan]
          Orosanmälan: [barnavårdsanmälan]
        ---
        """,
    )
    write(tmp_path, "f.md", front(type="forum", title="Styrgruppen", slug="styrgrupp", owner="lek"))
    run(tmp_path)
    glossary = GlossaryPage.objects.get(slug="forkortningar")
    assert glossary.terms.count() == 3
    synonyms = glossary_synonyms()
    assert synonyms["sip"] == ["samordnad individuell plan", "samordnad plan"]
    assert synonyms["osl"] == ["offentlighets- och sekretesslagen"]
    assert synonyms["orosanmälan"] == ["barnavårdsanmälan"]
    assert ForumPage.objects.get(slug="styrgrupp").live


BAD_FILES = {
    "unparseable front matter": ("---\ntitle: [unclosed\n---\nText\n", "front matter"),
    "unknown type": (front(type="recipe", title="X", slug="x"), "type"),
    "dangling owner": (front(type="guideline", title="X", slug="x", owner="nowhere"), "owner"),
    "dangling function": (
        front(type="guideline", title="X", slug="x", contact_function="nobody"),
        "contact_function",
    ),
    "dangling party": (
        front(type="directive", title="X", slug="x", parties="[lek, mars]"),
        "parties",
    ),
    "invalid date": (
        front(type="guideline", title="X", slug="x", review_by="2025-13-45"),
        "review_by",
    ),
    "valid_to before valid_from": (
        front(
            type="guideline", title="X", slug="x", valid_from="2025-01-01", valid_to="2024-01-01"
        ),
        "valid_to",
    ),
    "raw html body": (
        front(type="guideline", title="X", slug="x") + "<script>alert(1)</script>\n",
        "body",
    ),
    "unknown replaced directive": (
        front(type="directive", title="X", slug="x", replaces="ghost"),
        "replaces",
    ),
    "bad age group": (
        front(type="guideline", title="X", slug="x", age_groups="[0-99]"),
        "age_groups",
    ),
    "missing title": (front(type="guideline", slug="x"), "title"),
    "overlong summary": (
        front(type="guideline", title="X", slug="x", summary="ord " * 300),
        "summary",
    ),
    "NUL byte in the body": (front(type="guideline", title="X", slug="x") + "A\x00B\n", "file"),
    "number with 100,000 digits": (
        front(type="guideline", title="X", slug="x", diary_number="9" * 100_000),
        "front matter",
    ),
    "overlong body": (
        front(type="guideline", title="X", slug="x") + "ord " * 250_001,
        "body",
    ),
    "overlong glossary definition": (
        front(type="glossary", title="X", slug="x", terms="{SIP: " + "a" * 10_001 + "}"),
        "terms",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_input_names_file_and_field_and_changes_nothing(
    tmp_path, directory_records, case, capsys
):
    text, field = BAD_FILES[case]
    write(tmp_path, "a-good.md", GUIDELINE)
    write(tmp_path, "bad.md", text)
    with pytest.raises(CommandError):
        call_command("import_content", str(tmp_path))
    assert f"bad.md: {field}:" in capsys.readouterr().err
    assert not ContentPage.objects.exists()


def test_duplicate_slugs_are_refused(tmp_path, directory_records, capsys):
    write(tmp_path, "a.md", GUIDELINE)
    write(tmp_path, "b.md", GUIDELINE)
    with pytest.raises(CommandError):
        call_command("import_content", str(tmp_path))
    assert "b.md: slug: 'orosanmalan-skola' is also used by a.md" in capsys.readouterr().err
    assert not ContentPage.objects.exists()


def test_a_slug_used_by_another_type_is_refused(tmp_path, directory_records, capsys):
    write(tmp_path, "a.md", GUIDELINE)
    run(tmp_path)
    write(tmp_path, "a.md", GUIDELINE.replace("type: guideline", "type: directive"))
    with pytest.raises(CommandError):
        call_command("import_content", str(tmp_path))
    assert "a.md: slug: 'orosanmalan-skola' is already a guidelinepage" in capsys.readouterr().err
    assert not DirectivePage.objects.exists()


def test_a_failure_while_writing_rolls_back_pages_already_written(
    tmp_path, directory_records, capsys
):
    from wagtail.models import Page

    from portal.models import GuidelineIndexPage
    from portal.services import ensure_index_page

    ensure_index_page(model=GuidelineIndexPage).add_child(
        instance=Page(title="Upptagen", slug="upptagen")
    )
    write(tmp_path, "a.md", GUIDELINE)
    write(tmp_path, "b.md", front(type="guideline", title="Krock", slug="upptagen"))
    with pytest.raises(CommandError):
        call_command("import_content", str(tmp_path))
    assert "b.md: slug:" in capsys.readouterr().err
    assert not ContentPage.objects.exists()


def test_overlong_title_is_refused_before_anything_is_written(tmp_path, directory_records, capsys):
    write(tmp_path, "a.md", GUIDELINE)
    write(tmp_path, "b.md", front(type="guideline", title="X" * 300, slug="x"))
    with pytest.raises(CommandError):
        call_command("import_content", str(tmp_path))
    assert "b.md: title:" in capsys.readouterr().err
    assert not ContentPage.objects.exists()


def test_unknown_keys_are_warned_about(tmp_path, directory_records, capsys):
    write(tmp_path, "a.md", GUIDELINE.replace("summary:", "colour: blue\nsummary:"))
    run(tmp_path)
    assert "a.md: colour: unknown key ignored" in capsys.readouterr().err


def test_scripts_never_reach_a_rendered_page(tmp_path, directory_records, client, user):
    body = "[klicka](javascript:alert(1)) och ![x](javascript:alert(2)) och **fet**\n"
    write(
        tmp_path, "a.md", front(type="guideline", title="Säker", slug="saker", owner="lek") + body
    )
    run(tmp_path)
    client.force_login(user)
    response = client.get("/rutiner/saker/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>fet</strong>" in html
    assert "javascript:" not in html
    assert "<script>alert" not in html


def test_shared_eval_content_imports_and_every_page_renders(shared_eval, client, user):
    call_command("import_directory", str(shared_eval / "directory.json"), stdout=io.StringIO())
    started = time.perf_counter()
    run(shared_eval / "content")
    elapsed = time.perf_counter() - started
    print(f"import_content of the shared eval content: {elapsed:.2f} s")
    assert GuidelinePage.objects.live().count() == 13
    assert DirectivePage.objects.live().count() == 5
    assert ForumPage.objects.live().count() == 5
    assert GlossaryPage.objects.get(slug="forkortningar").terms.count() > 10
    assert "samordnad individuell plan" in glossary_synonyms()["sip"]
    old = DirectivePage.objects.get(slug="direktiv-informationsoverforing-2021")
    client.force_login(user)
    for page in ContentPage.objects.live().specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        if not isinstance(page, ForumPage):
            assert 'class="card contact-box"' in response.content.decode(), page.url
    html = client.get(old.url).content.decode()
    assert "/direktiv/direktiv-informationsoverforing-2024/" in html
    run(shared_eval / "content")
    assert ContentPage.objects.count() == 25


@pytest.mark.parametrize("kind", ["fifo", "directory", "device"])
def test_a_md_name_that_is_not_a_regular_file_is_refused(tmp_path, directory_records, kind, capsys):
    import os

    write(tmp_path, "a-good.md", GUIDELINE)
    target = tmp_path / "b.md"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "directory":
        target.mkdir()
    else:
        target.symlink_to("/dev/zero")
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_content", str(tmp_path))
    assert "b.md: file: is not a regular file" in capsys.readouterr().err
    assert not ContentPage.objects.exists()


def test_a_file_instead_of_a_directory_is_one_clear_error(tmp_path, capsys):
    write(tmp_path, "a.md", GUIDELINE)
    with pytest.raises(CommandError):
        call_command("import_content", str(tmp_path / "a.md"))
    assert "directory: is not a directory" in capsys.readouterr().err


@pytest.mark.usefixtures("search_index")
def test_a_long_word_in_a_summary_publishes_in_linear_time(directory_records):
    """A 300,000-character word in a summary (older data, or saved without the form's limit)."""
    from portal.models import GuidelineIndexPage
    from portal.services import ensure_index_page
    from search import service

    page = GuidelinePage(title="Rutin med långt ord", slug="langt-ord", summary="x", live=False)
    ensure_index_page(model=GuidelineIndexPage).add_child(instance=page)
    page.summary = "skol" * 75_000 + " avvikelserutin"
    started = time.monotonic()

    page.save_revision(clean=False).publish()

    assert time.monotonic() - started < 5
    assert "langt-ord" in [
        result.id for result in service.search(SearchParams(q="avvikelserutin")).results
    ]


def test_the_page_form_refuses_a_summary_over_the_limit(directory_records):
    from portal.models import GuidelinePage as Guideline
    from portal.pages.base import SUMMARY_MAX

    field = Guideline.get_edit_handler().get_form_class().base_fields["summary"]

    assert field.clean("a" * SUMMARY_MAX) == "a" * SUMMARY_MAX
    with pytest.raises(ValidationError, match=str(SUMMARY_MAX)):
        field.clean("a" * (SUMMARY_MAX + 1))


FRONT_MATTER_PROBLEMS = {
    "two unknown parties": (
        front(type="directive", title="X", slug="x", parties="[lek, mars, venus]"),
        "bad.md: parties: unknown organisation id 'mars'; unknown organisation id 'venus'",
    ),
    "synonyms of a term that is not defined": (
        front(type="glossary", title="X", slug="x", terms="{SIP: plan}", synonyms="{BBIC: [b]}"),
        "bad.md: synonyms: 'BBIC' is not one of the terms",
    ),
    "front matter that is a list": ("---\n- a\n- b\n---\nText\n", "bad.md: front matter: must be"),
    "no closing line": ("---\ntype: guideline\ntitle: X\n", "bad.md: front matter: missing"),
    "a directive replacing itself": (
        front(type="directive", title="X", slug="x", replaces="x"),
        "bad.md: replaces: a directive cannot replace itself",
    ),
    "a title that is a mapping": (
        front(type="guideline", title="{a: b}", slug="x"),
        "bad.md: title: must be text",
    ),
}


@pytest.mark.parametrize("case", sorted(FRONT_MATTER_PROBLEMS))
def test_front_matter_problems_are_worded_with_file_and_field(
    tmp_path, directory_records, case, capsys
):
    text, message = FRONT_MATTER_PROBLEMS[case]
    write(tmp_path, "bad.md", text)
    with pytest.raises(CommandError):
        call_command("import_content", str(tmp_path))
    assert message in capsys.readouterr().err
    assert not ContentPage.objects.exists()


def test_a_byte_order_mark_and_empty_optional_keys_are_accepted(tmp_path, directory_records):
    text = "\ufeff" + front(type="guideline", title="X", slug="x", tags="", owner="", status="")
    write(tmp_path, "a.md", text)
    run(tmp_path)
    page = GuidelinePage.objects.get(slug="x")
    assert page.live
    assert page.owner_organisation is None
    assert list(page.tags.all()) == []
