"""Bench: case work at council scale on PostgreSQL (issue 6).

Target: with 200,000 open cases, a team queue page p95 <= 300 ms and a case page in
<= 20 database queries.

Loads (once; a second run reuses the data) 200,000 open and 50,000 closed cases spread
over 7 teams, 14 case types with their workflows, 20 wards, 35 case workers and 80,000
customers, with about 2.5 timeline events per case, using set-based SQL (INSERT ...
SELECT over generate_series), which takes a minute or two rather than hours. Then it
signs staff in with their second factor through Django's test client and times the
team queue (default view, each common filter, search and sort) and a case page with a
long timeline, notes, uploads and related cases.

    createdb -h 127.0.0.1 -U postgres bench_casework_scale
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_casework_scale \\
        .venv/bin/python bench/casework_scale.py [--runs 20] [--open 200000] [--closed 50000]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_casework_scale")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Permission  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

QUEUE_P95_TARGET_MS = 300
CASE_PAGE_QUERY_TARGET = 20
PREFIX = "BEN"

TEAMS = {
    "Waste and recycling": ["Missed bin", "Bulky waste collection", "Clinical waste", "Bin delivery"],
    "Highways": ["Pothole", "Street light fault", "Blocked drain"],
    "Street cleansing": ["Fly-tipping", "Graffiti", "Dog fouling"],
    "Environmental health": ["Noise complaint", "Pest control"],
    "Parking": ["Abandoned vehicle"],
    "Housing repairs": ["Council home repair"],
}
# How common each case type is: the first ones get most of the demand, as in life.
WEIGHTS = [30, 8, 2, 6, 25, 6, 5, 20, 4, 3, 12, 4, 6, 9]
WORKFLOW = [
    # slug, name, public label, closed, allowed next
    ("received", "Received", "Received", False, "assessing,in_hand,closed"),
    ("assessing", "Assessing", "", False, "in_hand,closed"),
    ("in_hand", "Work in hand", "In hand", False, "closed"),
    ("closed", "Closed", "Done", True, ""),
]
WARDS = [
    "Abbey", "Brookside", "Castle", "Downs", "Eastgate", "Fairfield", "Greenhill", "Harbour", "Ironbridge",
    "Jubilee", "Kingsmead", "Longford", "Marsh", "Northfield", "Oakwood", "Priory", "Queensway", "Riverside",
    "St Mary's", "Westfield",
]  # fmt: skip
FIRST = ["Ada", "Grace", "Alan", "Mary", "John", "Priya", "Mohammed", "Siobhan", "Wei", "Olu", "Fatima", "Tom"]
LAST = ["Lovelace", "Hopper", "Turing", "Seacole", "Smith", "Patel", "Khan", "Murphy", "Chen", "Adeyemi", "Jones"]
STREETS = ["High Street", "Mill Lane", "Church Road", "Station Road", "Park Avenue", "Victoria Road", "The Green"]


def _staff(username, *, teams=(), supervises=()):
    from services.staff.operations import staff_second_factor_provision

    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(
            username=username, password="x" * 20, is_staff=True, first_name=username.split(".")[0].title()
        )
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for team in teams:
        team.members.add(user)
    for team in supervises:
        team.supervisors.add(user)
    user.totp_device, _ = staff_second_factor_provision(user=user)
    return user


def _square(n):
    lng, lat = -1.0 + n * 0.01, 52.0
    ring = [[lng, lat], [lng + 0.01, lat], [lng + 0.01, lat + 0.01], [lng, lat + 0.01], [lng, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def load(*, open_cases: int, closed_cases: int) -> dict:
    """The organisation, then the cases in a few set-based statements."""
    from services.cases.models import Case, CaseType, ResolutionCategory, Team, WorkflowStatus
    from services.gazetteer.models import Ward

    call_command("migrate", verbosity=0)
    for n, name in enumerate(WARDS):
        Ward.objects.get_or_create(code=f"BENCH-W{n:02d}", defaults={"name": name, "boundary": _square(n)})
    contact_centre, _ = Team.objects.get_or_create(name="Contact centre", defaults={"is_contact_centre": True})
    people = {"contact": _staff("cc.agent", teams=[contact_centre])}
    types = []
    for t, (team_name, type_names) in enumerate(TEAMS.items()):
        team, _ = Team.objects.get_or_create(name=team_name)
        members = [_staff(f"worker{m}.team{t}", teams=[team]) for m in range(5)]
        supervisor = _staff(f"super.team{t}", supervises=[team])
        if t == 0:
            people.update(member=members[0], supervisor=supervisor)
        for name in type_names:
            case_type, _ = CaseType.objects.get_or_create(name=name, defaults={"team": team, "team_name": team_name})
            for order, (slug, label, public, closed, nxt) in enumerate(WORKFLOW):
                WorkflowStatus.objects.get_or_create(
                    case_type=case_type,
                    slug=slug,
                    defaults={
                        "sort_order": order,
                        "name": label,
                        "public_label": public,
                        "is_closed": closed,
                        "allowed_next": nxt,
                    },
                )
            for order, resolution in enumerate(["Resolved", "No action needed"]):
                ResolutionCategory.objects.get_or_create(
                    case_type=case_type, name=resolution, defaults={"sort_order": order}
                )
            statuses = dict(WorkflowStatus.objects.filter(case_type=case_type).values_list("slug", "pk"))
            types.append((case_type, statuses, [m.pk for m in members]))

    have = Case.objects.filter(reference__startswith=f"{PREFIX}-").count()
    total = open_cases + closed_cases
    if have >= total:
        print(f"reusing {have:,} bench cases")
        return people
    if have:
        raise SystemExit(f"{have:,} bench cases from an earlier, different load: drop and recreate the database")
    started = time.perf_counter()
    # One row per case type for the set-based insert to pick from, by weight.
    bounds, upper = [], 0
    for weight in WEIGHTS[: len(types)]:
        bounds.append((upper, upper + weight))
        upper += weight
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_types (lo int, hi int, case_type_id bigint, statuses bigint[], "
            "closed_status bigint, members int[], name text) ON COMMIT DROP"
        )
        for (lo, hi), (case_type, statuses, members) in zip(bounds, types, strict=True):
            cursor.execute(
                "INSERT INTO bench_types VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [
                    lo,
                    hi,
                    case_type.pk,
                    [statuses["received"], statuses["assessing"], statuses["in_hand"]],
                    statuses["closed"],
                    members,
                    case_type.name,
                ],
            )
        cursor.execute(
            """
            INSERT INTO cases_customer (name, email, phone, address, created_at)
            SELECT (%(first)s::text[])[1 + g %% cardinality(%(first)s::text[])] || ' '
                       || (%(last)s::text[])[1 + (g / 12) %% cardinality(%(last)s::text[])] || ' ' || g,
                   'resident' || g || '@example.com', '07700 ' || lpad((g %% 1000000)::text, 6, '0'),
                   '', now() - (g %% 700) * interval '1 day'
            FROM generate_series(1, %(customers)s) g
            """,
            {"first": FIRST, "last": LAST, "customers": 80_000},
        )
        cursor.execute("SELECT min(id) FROM cases_customer WHERE email LIKE 'resident%%@example.com'")
        first_customer = cursor.fetchone()[0]
        cursor.execute(
            """
            INSERT INTO cases_case (
                reference, case_type_id, status, channel, customer_id, answers, answer_summary, form_key,
                latitude, longitude, location_description, uprn, address, ward, sla_due, tracking_token,
                created_at, updated_at, workflow_status_id, priority, assigned_to_id, closed_at)
            SELECT
                %(prefix)s || '-' || lpad(g::text, 7, '0'),
                bt.case_type_id,
                CASE WHEN closed THEN 'closed' WHEN g %% 3 = 0 THEN 'open' ELSE 'in_progress' END,
                (ARRAY['web','web','web','phone','phone','email','face_to_face','open311'])[1 + g %% 8],
                CASE WHEN g %% 5 = 0 THEN NULL ELSE %(first_customer)s + ((g::bigint * 7919) %% 80000)::int END,
                jsonb_build_object('details', 'Reported at ' || (g %% 300) || ' ' || st.street),
                jsonb_build_array(jsonb_build_object(
                    'question_id', 'details', 'label', 'What is the problem?',
                    'answer', 'Reported at ' || (g %% 300) || ' ' || st.street)),
                'bench',
                52.0 + (g %% 1000) * 0.00001, -1.0 + (g %% 20) * 0.01 + 0.005, '',
                (100000000000 + home)::text,
                home %% 300 || ' ' || st.street || ', Borchester BC'
                    || (1 + g %% 9) || ' ' || (g %% 10) || chr(65 + g %% 26) || chr(65 + (g / 26) %% 26),
                (%(wards)s::text[])[1 + home %% 20],
                CASE WHEN closed THEN current_date - (30 + g %% 300)
                     ELSE current_date + (g %% 50) - 25 END,
                md5('bench-token-' || g),
                created, created,
                CASE WHEN closed THEN bt.closed_status ELSE bt.statuses[1 + g %% 3] END,
                (ARRAY['normal','normal','normal','normal','high','low','urgent'])[1 + g %% 7],
                CASE WHEN g %% 10 < 6 THEN bt.members[1 + g %% cardinality(bt.members)] END,
                CASE WHEN closed THEN created + interval '5 days' END
            FROM (
                SELECT g, g > %(open)s AS closed,
                       now() - (g %% 120) * interval '1 day' - (g %% 997) * interval '1 minute' AS created,
                       (g * 7 + g / 1000) %% %(upper)s AS pick,
                       ((g::bigint * 104729) %% 60000)::int AS home
                FROM generate_series(1, %(total)s) g
            ) s
            JOIN bench_types bt ON s.pick >= bt.lo AND s.pick < bt.hi
            CROSS JOIN LATERAL (SELECT (%(streets)s::text[])[1 + g %% 7] AS street) st
            """,
            {
                "prefix": PREFIX,
                "first_customer": first_customer,
                "wards": WARDS,
                "open": open_cases,
                "total": total,
                "upper": upper,
                "streets": STREETS,
            },
        )
        cursor.execute(
            """
            INSERT INTO cases_caseevent (case_id, kind, description, public, actor, created_at)
            SELECT c.id,
                   (ARRAY['created','status','note','update'])[1 + k],
                   CASE k WHEN 0 THEN 'Received by web.' WHEN 1 THEN 'Status changed to Assessing.'
                          WHEN 2 THEN 'Crew visited; will return with a larger vehicle.'
                          ELSE 'We have scheduled the work.' END,
                   k IN (0, 3), CASE k WHEN 0 THEN 'system' ELSE 'worker0.team0' END,
                   c.created_at + k * interval '1 hour'
            FROM cases_case c CROSS JOIN LATERAL generate_series(0, c.id %% 4) k
            WHERE c.reference LIKE %(like)s
            """,
            {"like": f"{PREFIX}-%"},
        )
    with connection.cursor() as cursor:
        # What autovacuum would soon do on a live database: statistics and the visibility map.
        cursor.execute("VACUUM ANALYZE")
    print(f"loaded {total:,} cases in {time.perf_counter() - started:.0f} s")
    return people


def showcase_case():
    """A case a worker might open after weeks of work: long timeline, notes, uploads,
    related cases at the same address and for the same customer."""
    from datetime import timedelta

    from services.cases.models import Case, CaseEvent, CaseFile

    case = Case.objects.get(reference=f"{PREFIX}-0000001")
    if case.events.count() < 60:
        now = timezone.now()
        CaseEvent.objects.bulk_create(
            CaseEvent(
                case=case,
                kind=[CaseEvent.Kind.NOTE, CaseEvent.Kind.UPDATE, CaseEvent.Kind.STATUS][n % 3],
                description=f"Timeline entry {n}: spoke to the resident, crew booked.",
                public=n % 2 == 0,
                actor="worker0.team0",
                created_at=now - timedelta(hours=100 - n),
            )
            for n in range(60)
        )
        CaseFile.objects.bulk_create(
            CaseFile(
                case=case,
                question_id="photo",
                original_name=f"photo-{n}.jpg",
                stored_name=f"bench-{case.pk}-{n}.jpg",
                content_type="image/jpeg",
                size=120_000,
                scan_status=[CaseFile.Scan.CLEAN, CaseFile.Scan.HELD][n % 4 == 3],
            )
            for n in range(8)
        )
        Case.objects.filter(pk__in=Case.objects.filter(reference__startswith=f"{PREFIX}-").values("pk")[1:16]).update(
            uprn=case.uprn, customer=case.customer
        )
    return case


def _signed_in(user) -> Client:
    from services.staff.operations import current_totp_code

    client = Client()
    client.force_login(user)
    response = client.post("/admin/2fa/", {"code": current_totp_code(user.totp_device)})
    if response.status_code != 302:
        raise SystemExit(f"second factor refused for {user}")
    return client


def measure(client, url, runs):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[max(0, int(round(runs * 0.95)) - 1)]
    return len(queries), statistics.median(timings), p95, response


def queue_urls(people):
    from services.cases.models import Case, CaseType

    sample = Case.objects.filter(reference=f"{PREFIX}-0000042").select_related("customer").get()
    missed_bin = CaseType.objects.get(name="Missed bin")
    member = people["member"]
    return [
        ("default (open, due soonest)", "/admin/casework/team/"),
        ("status: assessing", "/admin/casework/team/?status=assessing"),
        ("type: Missed bin", f"/admin/casework/team/?case_type={missed_bin.pk}"),
        ("ward: Castle", "/admin/casework/team/?ward=Castle"),
        ("channel: phone", "/admin/casework/team/?channel=phone"),
        ("overdue", "/admin/casework/team/?overdue=1"),
        ("assigned to: nobody", "/admin/casework/team/?assigned_to=none"),
        ("assigned to: a colleague", f"/admin/casework/team/?assigned_to={member.pk}"),
        ("search: reference", f"/admin/casework/team/?q={sample.reference}"),
        ("search: full name", "/admin/casework/team/?q=" + sample.customer.name.replace(" ", "+")),
        # About 600 customers share each first name and surname here, like a common surname.
        ("search: common name", "/admin/casework/team/?q=" + sample.customer.name.split()[0] + "+Hopper"),
        ("search: postcode", "/admin/casework/team/?q=" + sample.address.split(", Borchester ")[1].replace(" ", "")),
        ("search: UPRN", f"/admin/casework/team/?q={sample.uprn}"),
        ("sort: newest", "/admin/casework/team/?sort=-created_at"),
        ("sort: priority", "/admin/casework/team/?sort=priority"),
        ("sort: reference", "/admin/casework/team/?sort=reference"),
        ("ward + overdue + nobody", "/admin/casework/team/?ward=Castle&overdue=1&assigned_to=none"),
        ("page 20", "/admin/casework/team/?page=20"),
        ("any status (open and closed)", "/admin/casework/team/?status="),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--open", type=int, default=200_000)
    parser.add_argument("--closed", type=int, default=50_000)
    parser.add_argument("--only", default="", help="run only the queue rows whose label contains this")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("this bench needs PostgreSQL (DATABASE_URL=postgres://...)")
    people = load(open_cases=args.open, closed_cases=args.closed)
    case = showcase_case()
    from services.cases.models import Case

    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; cores: {os.cpu_count()}")
    print(
        f"database: PostgreSQL; open cases: {Case.objects.exclude(status='closed').count():,}; "
        f"closed: {Case.objects.filter(status='closed').count():,}; runs per row: {args.runs}"
    )
    worst = 0.0
    for who in ("member", "contact"):
        client = _signed_in(people[who])
        visible = {"member": "a Waste and recycling case worker (about 66,000 open cases)",
                   "contact": "a contact-centre agent (every case)"}[who]  # fmt: skip
        print(f"\nTeam queue, {visible}; target p95 <= {QUEUE_P95_TARGET_MS} ms")
        print(f"{'view':34} {'queries':>7} {'p50 ms':>7} {'p95 ms':>7}")
        for label, url in queue_urls(people):
            if args.only and args.only not in label:
                continue
            queries, p50, p95, response = measure(client, url, args.runs)
            worst = max(worst, p95)
            shown = response.content.count(b'name="case" value=')
            print(f"{label:34} {queries:7} {p50:7.0f} {p95:7.0f}   ({shown} rows shown)")
    client = _signed_in(people["member"])
    queries, p50, p95, response = measure(client, f"/admin/casework/{case.pk}/", args.runs)
    print(
        f"\nCase page ({case.events.count()} events, {case.files.count()} uploads, "
        f"{Case.objects.filter(uprn=case.uprn).exclude(pk=case.pk).count()} related): "
        f"{queries} queries (target <= {CASE_PAGE_QUERY_TARGET}), p50 {p50:.0f} ms, p95 {p95:.0f} ms"
    )
    print(f"\nworst team queue p95: {worst:.0f} ms (target <= {QUEUE_P95_TARGET_MS} ms)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
