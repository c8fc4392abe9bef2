from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "site_search"  # "search" would clash with wagtail.search's label
    verbose_name = "Site search"

    def ready(self):
        from search import signal_handlers

        signal_handlers.register()
