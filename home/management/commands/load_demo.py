"""Load the demo council. Each app contributes a loader listed in settings.DEMO_LOADERS
(config wires them, so `home` imports no other app). Safe to run again: loaders
update or skip what is already there."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Load (or top up) the demo council: pages, staff accounts and sample data."

    def handle(self, *args, **options):
        for dotted_path in settings.DEMO_LOADERS:
            loader = import_string(dotted_path)
            self.stdout.write(f"Loading {dotted_path.rsplit('.', 2)[0]} ...")
            loader(stdout=self.stdout, style=self.style)
        self.stdout.write(self.style.SUCCESS("Demo council ready."))
