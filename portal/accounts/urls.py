"""SSO URLs under /konto/; the names are the ones allauth reverses."""

from django.urls import path

from portal.accounts import views

urlpatterns = [
    path("oidc/<slug:provider_id>/login/", views.oidc_login, name="openid_connect_login"),
    path(
        "oidc/<slug:provider_id>/login/callback/",
        views.oidc_callback,
        name="openid_connect_callback",
    ),
    path("valj-organisation/", views.choose_body, name="choose_body"),
    path("inaktivt/", views.account_inactive, name="account_inactive"),
    path("registrering/", views.signup_closed, name="socialaccount_signup"),
]
