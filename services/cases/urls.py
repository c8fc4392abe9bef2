from django.urls import path

from services.cases import views

app_name = "cases"

urlpatterns = [
    path("<str:token>/", views.track, name="track"),
]
