import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from config.settings.base import redis_caches

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_reports_each_dependency(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "queue"}


@pytest.mark.django_db
def test_healthz_answers_503_and_names_a_cache_that_is_down(client):
    # Production's caches, which carry on without Redis: the health check still says so.
    with override_settings(CACHES=redis_caches("redis://127.0.0.1:9/0")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]
    assert response["Retry-After"]


@pytest.mark.django_db
def test_healthz_reports_the_queue_backlog(client):
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}):
        from wagtail.tasks import update_reference_index_task

        DBTaskResult.objects.all().delete()
        update_reference_index_task.enqueue("wagtailcore", "page", 1)
        response = client.get("/healthz")
    queue = response.json()["checks"]["queue"]
    assert queue["backend"] == "database"
    assert queue["waiting"] == 1


def test_healthz_answers_503_naming_the_database_when_it_is_down():
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code, json.dumps(r.json()))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": "postgres://x@127.0.0.1:9/x"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503"
    assert "database" in json.loads(body)["failing"]


@pytest.mark.django_db
def test_healthz_checks_only_the_dependencies_named(client):
    """A load balancer routes on the database alone, so a Redis outage, which the site
    carries on through, does not take every host out at once."""
    with override_settings(CACHES=redis_caches("redis://127.0.0.1:9/0")):
        everything = client.get("/healthz")
        database_only = client.get("/healthz?check=database")
    assert everything.status_code == 503
    assert database_only.status_code == 200
    assert set(database_only.json()["checks"]) == {"database"}
