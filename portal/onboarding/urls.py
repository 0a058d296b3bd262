"""URLs under /min-introduktion/."""

from django.urls import path

from portal.onboarding import views

app_name = "onboarding"

urlpatterns = [
    path("", views.my_onboarding, name="mine"),
    path("steg/<int:step_id>/", views.tick_step, name="tick"),
]
