from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "services.forms"
    label = "forms"
    verbose_name = "E-forms"
