from django.core.management.base import BaseCommand

from services.accounts.operations import drafts_expire


class Command(BaseCommand):
    help = "Delete saved forms older than ACCOUNT_DRAFT_DAYS (run daily)."

    def handle(self, *args, **options):
        deleted = drafts_expire()
        self.stdout.write(f"Deleted {deleted} expired draft{'s' if deleted != 1 else ''}.")
