"""Submission-to-case throughput and latency through the JSON API under gunicorn.

Usage (PostgreSQL, as the issue asks):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_eforms .venv/bin/python bench/eform_submissions.py

Prints p50/p95 latency, cases per second with 50 concurrent clients, and checks that
the number of cases equals the number of accepted submissions (a retry of each
submission is sent too, and must not make a second case).
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PORT = int(os.environ.get("BENCH_PORT", "8305"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "50"))
PER_CLIENT = int(os.environ.get("BENCH_PER_CLIENT", "40"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    "DEBUG": "false",
    "TASKS_BACKEND": "immediate",
    "EFORM_SUBMISSIONS_PER_HOUR": "100000000",
    "LOG_LEVEL": "WARNING",
}


def setup() -> None:
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=ENV, check=True)
    os.environ.update(ENV)
    import django

    django.setup()
    from services.cases.models import Case
    from tests.services.forms.conftest import make_form

    Case.objects.filter(form_key="bench-form").delete()
    from services.forms.models import EForm

    EForm.objects.filter(slug="bench-form").delete()
    make_form(slug="bench-form", title="Bench form")


BODY = {
    "answers": {
        "what": "Other",
        "what-other": "A fridge",
        "bags": "2",
        "where": {"description": "Mill Lane", "latitude": "52.2", "longitude": "-1.7"},
        "seen": "2025-05-01",
    },
    "contact": {"name": "", "email": "", "phone": ""},
}


def client(number: int, latencies: list, statuses: list) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    for i in range(PER_CLIENT):
        body = json.dumps({**BODY, "submission_key": f"bench-{number:03d}-{i:05d}-{START}"})
        for attempt in (1, 2):  # the second is a retry with the same key
            began = time.perf_counter()
            conn.request("POST", "/api/forms/bench-form/submissions", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            if attempt == 1:
                latencies.append(time.perf_counter() - began)
            statuses.append((attempt, response.status))


START = int(time.time())


def main() -> None:
    setup()
    from services.cases.models import Case

    before = Case.objects.filter(form_key="bench-form").count()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            f"--bind=127.0.0.1:{PORT}",
            f"--workers={WORKERS}",
            "--threads=4",
            "--no-control-socket",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=ENV,
    )
    try:
        for _ in range(50):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        latencies: list[float] = []
        statuses: list[tuple[int, int]] = []
        threads = [threading.Thread(target=client, args=(n, latencies, statuses)) for n in range(CLIENTS)]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    accepted = sum(1 for attempt, status in statuses if attempt == 1 and status == 201)
    retried_same = sum(1 for attempt, status in statuses if attempt == 2 and status == 200)
    made = Case.objects.filter(form_key="bench-form").count() - before
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(f"clients={CLIENTS} submissions={len(latencies)} (+{len(latencies)} retries) gunicorn workers={WORKERS}x4")
    print(f"latency p50={statistics.median(latencies) * 1000:.1f}ms p95={p95 * 1000:.1f}ms")
    print(f"cases per second={made / elapsed:.0f} (all requests incl. retries: {len(statuses) / elapsed:.0f}/s)")
    print(f"accepted={accepted} retries answered with the same case={retried_same} cases made={made}")
    print("OK: no duplicates, no losses" if made == accepted == retried_same else "MISMATCH")


if __name__ == "__main__":
    main()
