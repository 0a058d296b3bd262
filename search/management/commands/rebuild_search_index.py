"""Rebuild the whole search index with progress output."""

from django.core.management.base import BaseCommand

from search import service


class Command(BaseCommand):
    help = "Rebuild the search index from every directory record and live page."

    def handle(self, *args, **options):
        def progress(count: int) -> None:
            self.stdout.write(f"… {count} documents")

        total = service.rebuild_index(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Indexed {total} documents."))
