"""Top-level URL configuration."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.accounts import views as account_views
from portal.api import urls as api_urls
from portal.governance.views import my_meetings_ics
from portal.views import serve_page

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api_urls),
    path("login/", account_views.LoginView.as_view(), name="login"),
    path("logout/", login_not_required(account_views.LogoutView.as_view()), name="logout"),
    path("konto/", include("portal.accounts.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path(
        "tillganglighet/",
        login_not_required(
            TemplateView.as_view(template_name="portal/accessibility_statement.html")
        ),
        name="accessibility_statement",
    ),
    path("katalog/", include("directory.urls")),
    path("sok/", include("search.urls")),
    path("min-introduktion/", include("portal.onboarding.urls")),
    path("aterkoppling/", include("portal.feedback.urls")),
    path("mina-moten.ics", my_meetings_ics, name="my_meetings_ics"),
    path("", include("portal.accounts.token_urls")),
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, serve_page, name="wagtail_serve"),
]

handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
