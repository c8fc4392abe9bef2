"""Background work for cases, on django-tasks (immediate in tests, a queue in production)."""

from django_tasks import task

from services.cases.models import Outbox
from services.cases.operations import outbox_email_send


@task()
def outbox_email_deliver(outbox_id: int) -> bool:
    """Send one email; when it failed and may be tried again, queue the retry for when
    its backoff ends (on backends that can defer; ``outbox_retry`` sweeps the rest)."""
    sent = outbox_email_send(outbox_id=outbox_id)
    if not sent and outbox_email_deliver.get_backend().supports_defer:
        row = Outbox.objects.filter(pk=outbox_id, state=Outbox.State.FAILED).first()
        if row is not None:
            outbox_email_deliver.using(run_after=row.available_at).enqueue(outbox_id)
    return sent
