"""Background work for cases, on django-tasks (immediate in tests, a queue in production)."""

from django_tasks import task

from services.cases.operations import outbox_email_send


@task()
def outbox_email_deliver(outbox_id: int) -> bool:
    return outbox_email_send(outbox_id=outbox_id)
