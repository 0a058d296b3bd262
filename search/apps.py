from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Sök"

    def ready(self):
        from search import signals

        signals.connect()
