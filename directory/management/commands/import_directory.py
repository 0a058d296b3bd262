"""manage.py import_directory FILE [--dry-run] [--prune] (SPEC §4.1)."""

from django.core.management.base import BaseCommand, CommandError

from directory.services import DirectoryImportBusy, DirectoryImportError, import_directory


class Command(BaseCommand):
    help = (
        "Import organisations, functions, people and contact points from a JSON bundle or a CSV "
        "of people; upsert by id, all or nothing, and print created/updated/unchanged/retired."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON bundle or CSV of people")
        parser.add_argument("--dry-run", action="store_true", help="validate and count only")
        parser.add_argument(
            "--prune",
            action="store_true",
            help="retire records of each type in FILE that FILE no longer lists (CSV: people)",
        )

    def handle(self, *args, **options):
        try:
            result = import_directory(
                path=options["file"], dry_run=options["dry_run"], prune=options["prune"]
            )
        except DirectoryImportError as error:
            for warning in error.warnings:
                self.stderr.write(f"warning: {warning}")
            for problem in error.problems:
                self.stderr.write(f"error: {problem}")
            raise CommandError(f"{len(error.problems)} error(s); nothing was changed.") from None
        except DirectoryImportBusy as error:
            raise CommandError(str(error)) from None
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        for line in result.summary_lines():
            self.stdout.write(line)
        if result.dry_run:
            self.stdout.write("Dry run: nothing was changed.")
