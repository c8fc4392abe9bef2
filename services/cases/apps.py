from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "services.cases"
    label = "cases"
    verbose_name = "Cases"
