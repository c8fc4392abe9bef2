from django.urls import path

from services.forms import assisted_views as views

# Under /admin/casework/assisted/ (services/forms/wagtail_hooks.py), beside case work.
urlpatterns = [
    path("", views.assisted_forms, name="assisted_forms"),
    path("<slug:slug>/", views.assisted_form, name="assisted_form"),
]
