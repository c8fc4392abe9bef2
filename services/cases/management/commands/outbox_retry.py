from django.core.management.base import BaseCommand

from services.cases.operations import outbox_email_send, outbox_emails_due


class Command(BaseCommand):
    help = "Send the case emails that are waiting or due a retry (run from cron as a safety net)."

    def handle(self, *args, **options):
        due = outbox_emails_due()
        sent = sum(outbox_email_send(outbox_id=row_id) for row_id in due)
        self.stdout.write(f"{sent} of {len(due)} due emails sent.")
