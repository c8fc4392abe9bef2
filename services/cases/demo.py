"""Case-work demo: teams, a workflow for every case type, staff in teams, and enough
sample cases for a year of work (the e-forms demo makes the first few hundred; this
tops them up with bulk inserts). Idempotent and deterministic (seeded generator,
``casework-demo-`` submission keys)."""

from __future__ import annotations

import random
import secrets
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from services.cases.models import (
    Case,
    CaseEvent,
    CaseType,
    Customer,
    ResolutionCategory,
    Team,
    WorkflowStatus,
)
from services.cases.operations import reference_numbers_take, reference_prefix
from services.cases.sla import working_days_after

TEAMS = ["Waste services", "Street cleansing", "Highways", "Parking services", "Information governance"]
CONTACT_CENTRE = "Contact centre"
FALLBACK_TEAM = "Customer feedback"

# slug, staff name, public label, closed, allowed next, email text
WORKFLOW = [
    ("received", "Received", "Received", False, "triage,in-progress,closed,no-action", ""),
    ("triage", "Triage", "", False, "in-progress,awaiting-customer,closed,no-action", ""),
    (
        "in-progress",
        "In progress",
        "In progress",
        False,
        "awaiting-customer,closed,no-action",
        "An officer is dealing with your request.",
    ),
    (
        "awaiting-customer",
        "Waiting for the customer",
        "We need more information",
        False,
        "in-progress,closed,no-action",
        "We need more information from you. Please reply to this email or call us on 01632 960 000.",
    ),
    ("closed", "Resolved", "Done", True, "", "We have dealt with your request. Thank you for telling us."),
    ("no-action", "Closed: no action", "Closed", True, "", "We looked into your request and no action was needed."),
]
RESOLUTIONS = ["Resolved", "No fault found", "Duplicate", "Passed to another organisation"]
STAFF = [
    # username, first, last, team, role
    ("agent", "Casey", "Agent", CONTACT_CENTRE, "member"),
    ("waste.officer", "Wren", "Officer", "Waste services", "member"),
    ("waste.supervisor", "Sasha", "Supervisor", "Waste services", "supervisor"),
    ("highways.officer", "Harper", "Officer", "Highways", "member"),
    ("parking.officer", "Parker", "Officer", "Parking services", "member"),
]
WARDS = ["Abbey", "Castle", "Eastfield", "Greenhill", "Marsh", "Northgate", "Riverside", "Westbrook"]
STREETS = ["Market Square", "Mill Lane", "Station Road", "Church Street", "High Street", "Orchard Way", "Bridge Street"]
TARGET_CASES = 3000
END = datetime(2026, 11, 1, 9, tzinfo=ZoneInfo("Europe/London"))


def _case_workers_group() -> Group:
    group, _ = Group.objects.get_or_create(name="Case workers")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return group


def _teams() -> dict[str, Team]:
    teams = {name: Team.objects.get_or_create(name=name)[0] for name in [*TEAMS, FALLBACK_TEAM]}
    teams[CONTACT_CENTRE], _ = Team.objects.get_or_create(name=CONTACT_CENTRE, defaults={"is_contact_centre": True})
    return teams


def _workflows(teams) -> int:
    made = 0
    for case_type in CaseType.objects.all():
        if case_type.team_id is None:
            case_type.team = teams.get(case_type.team_name) or teams[FALLBACK_TEAM]
            case_type.save(update_fields=["team"])
        if case_type.statuses.exists():
            continue
        for order, (slug, name, public, closed, nxt, text) in enumerate(WORKFLOW):
            WorkflowStatus.objects.create(
                case_type=case_type,
                sort_order=order,
                slug=slug,
                name=name,
                public_label=public,
                is_closed=closed,
                allowed_next=nxt,
                email_text=text,
            )
        for order, name in enumerate(RESOLUTIONS):
            ResolutionCategory.objects.create(case_type=case_type, sort_order=order, name=name)
        made += 1
    return made


def _staff(teams, *, stdout, style) -> None:
    User = get_user_model()
    group = _case_workers_group()
    from services.staff.operations import staff_second_factor_provision, totp_secret_for_display

    for username, first, last, team_name, role in STAFF:
        user = User.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@council.example",
                is_staff=True,
            )
            user.set_password(password)
            user.save()
            device, codes = staff_second_factor_provision(user=user)
            stdout.write(style.WARNING(f"\n  New case-work account (shown only now): {username} ({team_name}, {role})"))
            stdout.write(f"    password:            {password}")
            stdout.write(f"    authenticator key:   {totp_secret_for_display(device)}")
            stdout.write(f"    backup codes:        {' '.join(codes)}")
        user.groups.add(group)
        team = teams[team_name]
        (team.supervisors if role == "supervisor" else team.members).add(user)


def _existing_cases_into_workflows() -> None:
    """Sample cases made before the workflows existed get their status in them."""
    for case_type in CaseType.objects.prefetch_related("statuses", "resolution_categories"):
        statuses = list(case_type.statuses.all())
        if not statuses:
            continue
        first = statuses[0]
        done = next((s for s in statuses if s.is_closed), None)
        working = next((s for s in statuses if not s.is_closed and s != first), first)
        resolution = case_type.resolution_categories.first()
        cases = Case.objects.filter(case_type=case_type, workflow_status__isnull=True)
        cases.filter(status=Case.Status.OPEN).update(workflow_status=first)
        cases.filter(status=Case.Status.IN_PROGRESS).update(workflow_status=working)
        if done:
            cases.filter(status=Case.Status.CLOSED).update(
                workflow_status=done, resolution_category=resolution, closed_at=END
            )


def _customers(rng) -> list[Customer]:
    existing = list(Customer.objects.filter(email__startswith="casework-demo-").order_by("pk"))
    if existing:
        return existing
    first = ["Sam", "Priya", "Alex", "Jo", "Chris", "Mo", "Ellie", "Tom", "Aisha", "Ben", "Zara", "Dev"]
    last = ["Jones", "Patel", "Smith", "Brown", "Taylor", "Khan", "Wilson", "Evans", "Ahmed", "Green"]
    customers = [
        Customer(
            name=f"{rng.choice(first)} {rng.choice(last)}",
            email=f"casework-demo-{number:04d}@example.com",
            phone=f"01632 96{number:04d}",
        )
        for number in range(600)
    ]
    Customer.objects.bulk_create(customers)
    return list(Customer.objects.filter(email__startswith="casework-demo-").order_by("pk"))


def _places(rng) -> list[dict]:
    places = []
    for number in range(400):
        street = STREETS[number % len(STREETS)]
        postcode = f"BC{1 + number % 4} {number % 9}{'ABDEFGHJ'[number % 8]}{'LNPQRSTU'[(number // 8) % 8]}"
        places.append(
            {
                "uprn": f"10009{number:07d}",
                "address": f"{1 + number // len(STREETS)} {street}, Borchester, {postcode}",
                "ward": WARDS[number % len(WARDS)],
                "latitude": round(52.20 + rng.random() / 20, 6),
                "longitude": round(-1.70 + rng.random() / 20, 6),
            }
        )
    return places


@transaction.atomic
def _sample_cases(users) -> int:
    already = Case.objects.filter(submission_key__startswith="casework-demo-").count()
    wanted = TARGET_CASES - Case.objects.exclude(submission_key__startswith="casework-demo-").count()
    if already or wanted <= 0:
        return 0
    rng = random.Random(6)  # noqa: S311 - demo data, not security
    customers = _customers(rng)
    places = _places(rng)
    types = list(CaseType.objects.filter(statuses__isnull=False).distinct().order_by("name"))
    if not types:
        return 0
    templates = {}
    for case_type in types:
        sample = Case.objects.filter(case_type=case_type).exclude(answer_summary=[]).order_by("pk").first()
        templates[case_type.pk] = (sample.answers, sample.answer_summary, sample.form_key) if sample else ({}, [], "")
    statuses = {t.pk: list(t.statuses.all()) for t in types}
    resolutions = {t.pk: list(t.resolution_categories.all()) for t in types}
    holidays = set()
    from services.cases.models import BankHoliday

    holidays = set(BankHoliday.objects.values_list("date", flat=True))
    team_users = {}
    for case_type in types:
        team_users[case_type.pk] = [u for u in users if u.case_teams.filter(pk=case_type.team_id).exists()]
    plans = []
    for number in range(wanted):
        when = END - timedelta(days=365 * (wanted - number) / wanted, minutes=rng.randint(0, 600))
        plans.append((number, types[rng.randrange(len(types))], when))
    per_year = {}
    for _number, _type, when in plans:
        per_year[when.year] = per_year.get(when.year, 0) + 1
    # Numbers taken as case_create takes them, so later cases carry on after these.
    numbers = {year: iter(reference_numbers_take(year=year, count=count)) for year, count in per_year.items()}
    cases = []
    for number, case_type, when in plans:
        answers, summary, form_key = templates[case_type.pk]
        place = places[rng.randrange(len(places))] if rng.random() < 0.9 else None
        customer = customers[rng.randrange(len(customers))] if rng.random() < 0.8 else None
        flow = statuses[case_type.pk]
        age = (END - when).days
        if age > 30 and rng.random() < 0.85:
            status = flow[4] if rng.random() < 0.8 else flow[5]
        else:
            status = flow[rng.choice([0, 0, 1, 2, 3])]
        assignees = team_users[case_type.pk]
        reference = f"{reference_prefix()}-{when.year}-{next(numbers[when.year]):06d}"
        cases.append(
            Case(
                reference=reference,
                case_type=case_type,
                workflow_status=status,
                status=Case.Status.CLOSED
                if status.is_closed
                else (Case.Status.OPEN if status == flow[0] else Case.Status.IN_PROGRESS),
                resolution_category=resolutions[case_type.pk][0] if status.is_closed else None,
                closed_at=when + timedelta(days=rng.randint(1, 20)) if status.is_closed else None,
                channel=rng.choice(["web", "web", "web", "phone", "phone", "email", "face_to_face"]),
                customer=customer,
                answers=answers,
                answer_summary=summary,
                form_key=form_key,
                priority=rng.choice(["normal"] * 8 + ["high", "urgent", "low"]),
                assigned_to=rng.choice(assignees) if assignees and rng.random() < 0.6 else None,
                uprn=place["uprn"] if place else "",
                address=place["address"] if place else "",
                ward=place["ward"] if place else "",
                latitude=place["latitude"] if place else None,
                longitude=place["longitude"] if place else None,
                sla_due=working_days_after(start=when.date(), days=case_type.sla_working_days, holidays=holidays),
                tracking_token=f"casework-demo-{number:05d}-" + f"{rng.getrandbits(128):032x}",
                submission_key=f"casework-demo-{number:05d}",
                created_at=when,
            )
        )
    Case.objects.bulk_create(cases, batch_size=500)
    made = {c.submission_key: c.pk for c in Case.objects.filter(submission_key__startswith="casework-demo-")}
    events = []
    for case in cases:
        pk = made[case.submission_key]
        events.append(
            CaseEvent(
                case_id=pk,
                kind=CaseEvent.Kind.CREATED,
                description=f"{case.case_type.name} received.",
                public=True,
                actor="system",
                created_at=case.created_at,
            )
        )
        if case.workflow_status != statuses[case.case_type_id][0]:
            events.append(
                CaseEvent(
                    case_id=pk,
                    kind=CaseEvent.Kind.STATUS,
                    description=case.workflow_status.public_label or f"Status changed to {case.workflow_status.name}.",
                    public=bool(case.workflow_status.public_label),
                    actor="demo",
                    created_at=case.closed_at or case.created_at + timedelta(hours=4),
                )
            )
    CaseEvent.objects.bulk_create(events, batch_size=1000)
    return len(cases)


def load(*, stdout, style) -> None:
    teams = _teams()
    made_flows = _workflows(teams)
    _staff(teams, stdout=stdout, style=style)
    _existing_cases_into_workflows()
    users = list(get_user_model().objects.filter(username__in=[s[0] for s in STAFF]))
    made = _sample_cases(users)
    stdout.write(
        f"  case work: {len(teams)} teams, {made_flows} new workflows, {len(STAFF)} case-work staff, "
        f"{made} new sample cases ({Case.objects.count()} in all)"
    )
