from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Katalog"

    def ready(self):
        from directory.models import Function, Organisation
        from search.presentation import FacetNames, register_facet_names

        register_facet_names("organisation", FacetNames(Organisation))
        register_facet_names("function", FacetNames(Function))
        register_facet_names("audience", FacetNames(Function))
