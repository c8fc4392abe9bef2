"""Background work for cases, on django-tasks (immediate in tests, a queue in production)."""

from django.db import router, transaction
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


def _queue_is_this_database(task_) -> bool:
    try:
        from django_tasks_db.backend import DatabaseBackend
        from django_tasks_db.models import DBTaskResult
    except ImportError:
        return False
    return isinstance(task_.get_backend(), DatabaseBackend) and router.db_for_write(DBTaskResult) == "default"


def enqueue_with_transaction(task_, *args) -> None:
    """Queue a task that must only run once the current transaction has committed.

    A queue held in this database (django-tasks-db) takes the task as a row written in
    the same transaction: it commits with the case, or not at all, and no worker can
    see it sooner. Any other queue (Redis, the immediate backend in tests) is sent the
    task after the commit, so a worker never looks for rows that are not there yet; if
    that queue is down, the case still stands (the failure is logged) and the outbox
    row waits for ``manage.py outbox_retry``.
    """
    if transaction.get_connection().in_atomic_block and _queue_is_this_database(task_):
        task_.enqueue(*args)
    else:
        transaction.on_commit(lambda: task_.enqueue(*args), robust=True)
