"""URLs of the secret calendar feed and of token management on "my profile"."""

from django.urls import path

from portal.accounts import token_views

app_name = "accounts"

urlpatterns = [
    path("kalender/<str:token>.ics", token_views.calendar_feed, name="calendar_feed"),
    path("konto/kalender/", token_views.create_calendar_token, name="create_calendar_token"),
    path(
        "konto/kalender/<int:token_id>/aterkalla/",
        token_views.revoke_calendar_token,
        name="revoke_calendar_token",
    ),
    path("konto/api-nycklar/", token_views.create_api_token, name="create_api_token"),
    path(
        "konto/api-nycklar/<int:token_id>/aterkalla/",
        token_views.revoke_api_token,
        name="revoke_api_token",
    ),
]
