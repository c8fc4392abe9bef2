from django.urls import path

from services.staff import views

app_name = "staff"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("set-up/", views.setup, name="setup"),
    path("backup-codes/", views.backup_codes, name="backup_codes"),
]
