"""Directory pages."""

from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("personer/<slug:key>/", views.person_detail, name="person"),
    path("funktioner/<slug:key>/", views.function_detail, name="function"),
    path("organisationer/<slug:key>/", views.organisation_detail, name="organisation"),
    path("kontaktvagar/<slug:key>/", views.contact_point_detail, name="contact_point"),
]
