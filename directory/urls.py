"""Directory pages."""

from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("", views.directory_index, name="index"),
    path("min-profil/", views.my_profile, name="my_profile"),
    path("personer/<slug:key>/", views.person_detail, name="person"),
    path("personer/<slug:key>/vcard/", views.person_vcard_download, name="person_vcard"),
    path("funktioner/<slug:key>/", views.function_detail, name="function"),
    path("organisationer/<slug:key>/", views.organisation_detail, name="organisation"),
    path("kontaktvagar/<slug:key>/", views.contact_point_detail, name="contact_point"),
    path(
        "kontaktvagar/<slug:key>/vcard/",
        views.contact_point_vcard_download,
        name="contact_point_vcard",
    ),
]
