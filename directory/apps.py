from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Katalog"

    def ready(self):
        from directory import caching, search_documents

        search_documents.register()
        caching.connect()
