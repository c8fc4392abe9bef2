"""Gazetteer figures: import 50,000 addresses, postcode lookup, point in ward, nearest address.

    .venv/bin/python bench/gazetteer.py            # a fresh SQLite file under var/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_gazetteer .venv/bin/python bench/gazetteer.py

Targets (issue 4): postcode lookup p95 <= 10 ms with 50,000 addresses; point in ward
<= 1 ms; importing 50,000 addresses <= 60 s. Prints figures; never fails a build.
"""

import csv
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("DEBUG", "false")  # no query logging: measure what production runs
if "DATABASE_URL" not in os.environ:
    database = ROOT / "var" / "bench-gazetteer.sqlite3"
    database.parent.mkdir(exist_ok=True)
    database.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from services.gazetteer import demo  # noqa: E402
from services.gazetteer.grid import wgs84_to_grid  # noqa: E402
from services.gazetteer.models import Address  # noqa: E402
from services.gazetteer.operations import addresses_import_csv  # noqa: E402
from services.gazetteer.selectors import addresses_for_postcode, nearest_address, ward_for_point  # noqa: E402


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def timed(calls):
    durations = []
    for call in calls:
        started = time.perf_counter()
        call()
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def report(name, durations, target=None):
    line = (
        f"{name:<38} n={len(durations):>6,}  mean {statistics.fmean(durations):7.3f} ms  "
        f"p50 {percentile(durations, 0.5):7.3f} ms  p95 {percentile(durations, 0.95):7.3f} ms  "
        f"max {max(durations):7.3f} ms"
    )
    if target is not None:
        line += f"  (target p95 <= {target} ms: {'met' if percentile(durations, 0.95) <= target else 'MISSED'})"
    print(line)


def main():
    print(f"database: {django.db.connection.vendor} {django.db.connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    Address.objects.all().delete()
    demo.demo_wards_load()

    addresses = list(demo.demo_addresses())
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["UPRN", "ADDRESS_LINE_1", "ADDRESS_LINE_2", "ADDRESS_LINE_3", "TOWN", "POSTCODE",
                     "X_COORDINATE", "Y_COORDINATE", "CLASSIFICATION_CODE"])  # fmt: skip
    for a in addresses:
        easting, northing = wgs84_to_grid(a["latitude"], a["longitude"])
        writer.writerow([a["uprn"], a["line_1"], a["line_2"], a["line_3"], a["town"], a["postcode"],
                         f"{easting:.2f}", f"{northing:.2f}", "RD04"])  # fmt: skip
    text = buffer.getvalue()

    for label in ("first import", "re-import (all updates)"):
        started = time.perf_counter()
        result = addresses_import_csv(file=io.StringIO(text))
        seconds = time.perf_counter() - started
        print(
            f"CSV {label:<30} {result.imported:,} rows (easting/northing) in {seconds:6.2f} s "
            f"({result.created:,} created, {result.updated:,} updated)  (target <= 60 s: "
            f"{'met' if seconds <= 60 else 'MISSED'})"
        )
    if Address.objects.count() != len(addresses):
        raise SystemExit("the import lost addresses")

    Address.objects.all().delete()
    started = time.perf_counter()
    demo.load(stdout=io.StringIO(), style=None)
    print(f"{'demo loader on an empty table':<38} {time.perf_counter() - started:6.2f} s")
    started = time.perf_counter()
    demo.load(stdout=io.StringIO(), style=None)
    print(f"{'demo loader, already loaded':<38} {time.perf_counter() - started:6.2f} s")

    rng = random.Random(4)  # noqa: S311
    postcodes = sorted({a["postcode"] for a in addresses})
    sample = [rng.choice(postcodes) for _ in range(2000)]
    sizes = [len(addresses_for_postcode(p)) for p in sample[:200]]
    print(f"{len(postcodes):,} postcodes, {statistics.fmean(sizes):.1f} addresses each on average, up to {max(sizes)}")
    report(
        "postcode lookup (normalise+query+sort)",
        timed(lambda p=p: addresses_for_postcode(p.lower()) for p in sample),
        10,
    )

    south, north, west, east = demo.SOUTH - 0.02, demo.NORTH + 0.02, demo.WEST - 0.03, demo.EAST + 0.03
    points = [(rng.uniform(south, north), rng.uniform(west, east)) for _ in range(20000)]
    ward_for_point(latitude=points[0][0], longitude=points[0][1])  # load the ward index
    inside = sum(ward_for_point(latitude=lat, longitude=lng) is not None for lat, lng in points)
    print(f"random points: {inside:,} of {len(points):,} inside a ward")
    report("point in ward", timed(lambda p=p: ward_for_point(latitude=p[0], longitude=p[1]) for p in points), 1)
    report(
        "nearest address (200 m)",
        timed(lambda p=p: nearest_address(latitude=p[0], longitude=p[1]) for p in points[:2000]),
    )
    homes = [rng.choice(addresses) for _ in range(2000)]
    report(
        "nearest address, at a front door",
        timed(lambda a=a: nearest_address(latitude=a["latitude"] + 0.0001, longitude=a["longitude"]) for a in homes),
    )


if __name__ == "__main__":
    main()
