"""A trivial task, so operators (and the tests) can prove a worker is consuming the queue."""

from django.core.cache import cache
from django_tasks import task


@task()
def record_heartbeat(value: str) -> str:
    cache.set("tasks:heartbeat", value, 300)
    return value
