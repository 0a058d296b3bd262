from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Katalog"

    def ready(self):
        from directory import search_documents

        search_documents.register()
