"""Replay index changes queued while Elasticsearch was unavailable."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.backends.resilient import EngineUnavailable, pending_count, replay_pending


class Command(BaseCommand):
    help = (
        "Apply the index changes queued while Elasticsearch was unavailable. "
        "A full rebuild (rebuild_search_index) restores the index too."
    )

    def handle(self, *args, **options):
        pending = pending_count()
        if not settings.ELASTICSEARCH_URL:
            self.stdout.write(
                f"ELASTICSEARCH_URL is not set: nothing to replay ({pending} queued)."
            )
            return
        from search.backends.elasticsearch import ElasticsearchEngine

        engine = ElasticsearchEngine.from_settings()
        replayed = 0
        try:
            while batch := replay_pending(engine, limit=500):
                replayed += batch
        except EngineUnavailable as exc:
            raise CommandError(
                f"{exc}: replayed {replayed} of {pending} queued changes, try again later."
            ) from exc
        self.stdout.write(self.style.SUCCESS(f"Replayed {replayed} queued index changes."))
