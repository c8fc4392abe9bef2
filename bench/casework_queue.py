"""Bench: a case worker's "My queue" page with 5,000 cases in the database (all in
their team, 5,000 assigned to them). Prints the page's query count and p50/p95 time.

    .venv/bin/python bench/casework_queue.py            # SQLite file in /tmp
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_casework .venv/bin/python bench/casework_queue.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench-casework.sqlite3")

import django  # noqa: E402

django.setup()

from datetime import timedelta  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Permission  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

CASES = 5000
RUNS = 30


def setup():
    call_command("migrate", verbosity=0)
    from services.cases.models import Case, CaseType, Customer, Team, WorkflowStatus
    from services.staff.operations import staff_second_factor_provision

    User = get_user_model()
    user = User.objects.filter(username="bench.worker").first()
    if user is None:
        user = User.objects.create_user(username="bench.worker", password="x" * 20, is_staff=True)
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    team, _ = Team.objects.get_or_create(name="Bench team")
    team.members.add(user)
    case_type, _ = CaseType.objects.get_or_create(name="Bench case type", defaults={"team": team})
    status, _ = WorkflowStatus.objects.get_or_create(
        case_type=case_type, slug="received", defaults={"name": "Received", "public_label": "Received"}
    )
    have = Case.objects.filter(case_type=case_type).count()
    if have < CASES:
        customers = Customer.objects.bulk_create(Customer(name=f"Bench {n}") for n in range(200))
        now = timezone.now()
        Case.objects.bulk_create(
            (
                Case(
                    reference=f"BENCH-{n:06d}",
                    case_type=case_type,
                    workflow_status=status,
                    customer=customers[n % 200],
                    assigned_to=user,
                    ward=f"Ward {n % 12}",
                    address=f"{n} High Street, Borchester BC1 {n % 9}AB",
                    uprn=f"1000{n:08d}",
                    sla_due=(now + timedelta(days=n % 40 - 20)).date(),
                    tracking_token=f"bench-{n}",
                    created_at=now - timedelta(hours=n),
                )
                for n in range(have, CASES)
            ),
            batch_size=1000,
        )
    if not hasattr(user, "totp_device"):
        user.totp_device, _ = staff_second_factor_provision(user=user)
    return user


def main():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from services.staff.operations import current_totp_code

    user = setup()
    device = TOTPDevice.objects.filter(user=user).first()
    client = Client()
    client.force_login(user)
    client.post("/admin/2fa/", {"code": current_totp_code(device)})
    url = "/admin/casework/?status=open"
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"the queue answered {response.status_code}")
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    if b"BENCH-" not in response.content:
        raise SystemExit("the queue showed no cases")
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"database: {connection.vendor}; cases assigned to the user: {CASES}")
    print(f"my queue page: {len(queries)} queries")
    print(f"my queue page: p50 {statistics.median(timings):.0f} ms, p95 {timings[int(RUNS * 0.95) - 1]:.0f} ms")


if __name__ == "__main__":
    main()
