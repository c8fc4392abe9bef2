from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "services.staff"
    label = "staff"
    verbose_name = "Staff sign-in"
