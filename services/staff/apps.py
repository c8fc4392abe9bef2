from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "services.staff"
    label = "staff"
    verbose_name = "Staff sign-in"

    def ready(self):
        from services.staff.admin_csp import start_choosers_without_inline_scripts

        start_choosers_without_inline_scripts()
