"""Server time and database queries for the home page and a typical information page,
without any page cache. Prints figures; never part of the test run.

    .venv/bin/python bench/content_pages.py [--requests 300]

It builds a fresh SQLite database in a temporary folder (or uses DATABASE_URL),
loads the demo council, then requests each page in-process through Django's full
middleware stack and templates (no network), after one warm-up request that fills
the per-site caches (menus, restricted paths) the way the first visitor would.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
_tmp = tempfile.mkdtemp(prefix="bench-content-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp}/bench.sqlite3")
os.environ.setdefault("MEDIA_ROOT", f"{_tmp}/media")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGES = {
    "home page": "/",
    "information page": "/bins-and-recycling/",
    "information page (table, document)": "/council-tax-and-benefits/council-tax-bands-and-charges/",
    "guide part": "/parking-and-travel/blue-badge/who-can-apply/",
    "news story": "/news/recycling-rate/",
    "events calendar": "/events/",
}
WRITE_PREFIXES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def measure(client: Client, url: str, requests: int) -> dict:
    client.get(url)  # warm-up: fills the per-site caches, as the first visitor does
    connection.queries_log.clear()  # a full log (after loading the demo) would hide new queries
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    captured = list(queries.captured_queries)  # before the next request resets the log
    writes = [q for q in captured if q["sql"].lstrip().upper().startswith(WRITE_PREFIXES)]
    timings, cpu = [], []
    for _ in range(requests):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    timings.sort()
    return {
        "cpu": statistics.median(cpu),
        "p50": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
        "queries": len(captured),
        "writes": len(writes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client()
    print(f"database: {connection.vendor}; {args.requests} requests per page, one client, no page cache")
    print(f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}; cores: {os.cpu_count()}")
    # CPU time is what this process spent; on a loaded machine it is the steadier figure.
    print(f"{'page':40} {'p50 ms':>8} {'p95 ms':>8} {'cpu p50':>8} {'queries':>8} {'writes':>7}")
    for name, url in PAGES.items():
        figures = measure(client, url, args.requests)
        print(
            f"{name:40} {figures['p50']:8.1f} {figures['p95']:8.1f} {figures['cpu']:8.1f} "
            f"{figures['queries']:8d} {figures['writes']:7d}"
        )
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("targets: home p50 <= 15 ms, information page p50 <= 10 ms, <= 12 queries, 0 writes")
    print("(served from the page cache: see bench/page_cache.py)")


if __name__ == "__main__":
    main()
