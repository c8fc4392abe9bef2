from django.urls import path

from reporting.feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.feedback_post, name="submit"),
    path("details/", views.feedback_details, name="details"),
]
