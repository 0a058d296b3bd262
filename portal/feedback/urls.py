"""The reader's feedback."""

from django.urls import path

from portal.feedback import views

app_name = "feedback"

urlpatterns = [path("", views.submit, name="submit")]
