"""Send the search outbox (index changes Elasticsearch has not received yet) to Elasticsearch."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.backends.elasticsearch import ElasticsearchEngine
from search.backends.resilient import EngineUnavailable, drain, pending_count


class Command(BaseCommand):
    help = (
        "Send the index changes waiting in the outbox (Elasticsearch was unavailable, or a "
        "process stopped between its commit and the send). rebuild_search_index restores the "
        "index too."
    )

    def handle(self, *args, **options):
        pending = pending_count()
        if not settings.ELASTICSEARCH_URL:
            self.stdout.write(
                f"ELASTICSEARCH_URL is not set: nothing to replay ({pending} queued)."
            )
            return
        try:
            replayed = drain(ElasticsearchEngine.from_settings())
        except EngineUnavailable as exc:
            raise CommandError(
                f"{exc}: {pending_count()} of {pending} queued changes are left, try again later."
            ) from exc
        self.stdout.write(self.style.SUCCESS(f"Replayed {replayed} queued index changes."))
