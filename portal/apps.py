from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        """Register search documents, context and cache invalidation; load the views with page context."""
        from portal import caching, search_context, search_documents, views  # noqa: F401
        from portal.governance import views as governance_views  # noqa: F401
        from portal.onboarding import views as onboarding_views  # noqa: F401

        search_documents.register()
        search_context.register()
        caching.connect()
