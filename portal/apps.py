from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        """Load the views that register page context (they import selectors, which import pages)."""
        from portal import views  # noqa: F401
        from portal.governance import views as governance_views  # noqa: F401
        from portal.onboarding import views as onboarding_views  # noqa: F401
