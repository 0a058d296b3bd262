"""Import content pages from Markdown files with YAML front matter."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.importers.content import ContentImportError, import_content


class Command(BaseCommand):
    help = "Import guidelines, directives, glossaries and forums from DIR/*.md (SPEC §4.2)."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Directory holding the *.md files.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; change nothing."
        )

    def handle(self, *args, directory: Path, dry_run: bool, **options):
        try:
            report = import_content(directory=directory, dry_run=dry_run)
        except ContentImportError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(error.problems)} problem(s); nothing was imported."
            ) from error
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        prefix = "Dry run, nothing saved: " if dry_run else ""
        self.stdout.write(
            f"{prefix}created {report.created}, updated {report.updated}, "
            f"unchanged {report.unchanged} ({report.drafts} as drafts)"
        )
