"""The production path for cache and task queue: Redis. Runs when REDIS_URL is set
(CI sets it); skipped, saying why, otherwise."""

import hashlib
import os
import uuid

import pytest
from django.test import override_settings

from config.settings.base import redis_caches

REDIS_URL = os.environ.get("REDIS_URL")
pytestmark = pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set: Redis cache and queue not tested")


@pytest.fixture
def redis_cache():
    return redis_caches(REDIS_URL)  # production's caches


@pytest.mark.django_db
def test_healthz_is_ok_with_a_redis_cache_and_queue(client, redis_cache):
    rq_settings = {
        "CACHES": redis_cache,
        "RQ_QUEUES": {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60}},
        "TASKS": {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
    }
    with override_settings(**rq_settings):
        response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200, body
    assert body["checks"]["queue"]["backend"] == "redis"


@pytest.mark.django_db
def test_tasks_enqueued_on_redis_are_run_by_a_worker(redis_cache):
    import django_rq
    from django_tasks import task_backends

    from config.tasks_check import record_heartbeat

    rq_settings = {
        "RQ_QUEUES": {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60}},
        "TASKS": {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
        "CACHES": redis_cache,
    }
    with override_settings(**rq_settings):
        from django.core.cache import cache

        cache.delete("tasks:heartbeat")
        queue = django_rq.get_queue("default")
        queue.empty()
        result = record_heartbeat.enqueue("from-ci")
        assert task_backends["default"].__class__.__name__ == "RQBackend"
        from django_tasks_rq import Job
        from rq import SimpleWorker

        # What `manage.py rqworker --job-class django_tasks_rq.Job` runs, in this process.
        worker = django_rq.get_worker("default", worker_class=SimpleWorker, job_class=Job)
        worker.work(burst=True)
        assert cache.get("tasks:heartbeat") == "from-ci"
        result.refresh()
        assert result.status == "SUCCESSFUL"


def test_the_submission_limit_counts_on_redis_for_an_hour(redis_cache, settings):
    from django.core.cache import cache

    from services.forms import antibot

    settings.EFORM_SUBMISSIONS_PER_HOUR = 2
    client, email = f"198.51.100.{uuid.uuid4().int % 250}-{uuid.uuid4().hex}", f"{uuid.uuid4().hex}@example.com"
    with override_settings(CACHES=redis_cache):
        antibot.check_rate_limit(client=client, email=email)
        antibot.check_rate_limit(client=client, email=email.upper())  # the same address, however typed
        with pytest.raises(antibot.Refused, match="wait an hour"):
            antibot.check_rate_limit(client=client, email=email)
        # Another address from another client still gets through; the window is an hour.
        antibot.check_rate_limit(client=client + "-other", email="")
        key = "eform-rate:client:" + hashlib.sha256(client.encode()).hexdigest()
        assert cache.get(key) == 3
        assert 3500 < cache.ttl(key) <= 3600
