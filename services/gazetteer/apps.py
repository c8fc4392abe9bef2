from django.apps import AppConfig


class GazetteerConfig(AppConfig):
    name = "services.gazetteer"
    label = "gazetteer"
    verbose_name = "Addresses and wards"

    def ready(self):
        from services.gazetteer import signals  # noqa: F401
