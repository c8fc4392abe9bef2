"""`/healthz` for load balancers: database, cache and task queue, each checked for
real. Any failure answers 503 and names the dependency, without internals."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache


def _check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": "ok"}


def _check_cache() -> dict:
    key = "healthz:probe"
    value = str(time.monotonic())
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("cache did not return what was stored")
    return {"status": "ok"}


def _check_queue() -> dict:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend.startswith("django_tasks_db"):
        from django_tasks import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        return {
            "status": "ok",
            "backend": "database",
            "waiting": waiting.count(),
            "oldest_waiting_seconds": int((timezone.now() - oldest).total_seconds()) if oldest else 0,
        }
    if backend.startswith("django_tasks_rq"):
        import django_rq

        queue = django_rq.get_queue("default")
        queue.connection.ping()
        return {"status": "ok", "backend": "redis", "waiting": queue.count}
    return {"status": "ok", "backend": "immediate"}


CHECKS = {"database": _check_database, "cache": _check_cache, "queue": _check_queue}


@never_cache
def healthz(request):
    """Every dependency, or only those named (``?check=database``): a load balancer routes
    on what a host cannot answer without, and monitoring alerts on the whole."""
    wanted = [name for name in request.GET.getlist("check") if name in CHECKS] or list(CHECKS)
    results: dict[str, dict] = {}
    for name in wanted:
        check = CHECKS[name]
        try:
            results[name] = check()
        except Exception as error:  # any failure of a dependency is a 503, never a 500
            results[name] = {"status": "failing", "error": type(error).__name__}
    failing = [name for name, result in results.items() if result["status"] != "ok"]
    body = {"status": "failing" if failing else "ok", "failing": failing, "checks": results}
    response = JsonResponse(body, status=503 if failing else 200)
    if failing:
        response["Retry-After"] = "30"
    return response
