"""Rebuild the site search index from every live public page and document.

On Elasticsearch the new index is built beside the live one and the alias switched
when it is full, so searches keep working throughout."""

import time

from django.core.management.base import BaseCommand

from search.indexing import index_rebuild


class Command(BaseCommand):
    help = "Rebuild the site search index (database, and Elasticsearch when configured) with a progress bar."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Print only the summary.")

    def handle(self, *args, no_progress=False, **options):
        started = time.monotonic()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if no_progress or (now - last[0] < 0.1 and done < total):
                return
            last[0] = now
            width = 30
            filled = int(width * done / total) if total else width
            bar = "#" * filled + "-" * (width - filled)
            self.stdout.write(f"\r[{bar}] {done}/{total}", ending="")
            self.stdout.flush()

        count = index_rebuild(progress=progress)
        if not no_progress:
            self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {count} pages and documents in {time.monotonic() - started:.1f}s.")
        )
