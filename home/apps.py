from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Council website"

    def ready(self):
        from wagtail.models import ReferenceIndex

        from home import signals
        from home.models import NavigationSettings

        signals.connect()
        # Wagtail indexes pages and snippets, not settings: record the menus' links too,
        # so that renaming a page the header or footer links to purges every page from
        # the proxy (home.signals).
        ReferenceIndex.register_model(NavigationSettings)
