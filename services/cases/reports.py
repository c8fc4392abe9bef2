"""Case-work reports for supervisors and managers, read through the access selectors."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from services.cases import selectors
from services.cases.models import Case, Contact

REPORT_COLUMNS = [
    "Period starting",
    "Channel",
    "Enquiries resolved at first contact",
    "Enquiries passed on",
    "Cases created",
    "All contacts",
    "First-contact resolution (%)",
]


def may_see_reports(user) -> bool:
    """Supervisors and managers (superusers)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_staff:
        return False
    return selectors.user_supervises(user)


def _day(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def first_contact_resolution(*, user, period: str, start: date, end: date) -> list[dict]:
    """Per period and channel: general enquiries resolved there and then, those passed
    on, and the cases created (the user's visible cases only). The rate is the share
    of all contacts resolved at first contact."""
    if not may_see_reports(user):
        return []
    trunc = TruncMonth if period == "month" else TruncWeek
    zone = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=zone)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)
    table: dict[tuple[date, str], dict] = defaultdict(lambda: {"resolved": 0, "passed_on": 0, "cases": 0})
    contacts = (
        Contact.objects.filter(created_at__gte=since, created_at__lt=until)
        .annotate(period=trunc("created_at", tzinfo=zone))
        .values("period", "channel")
        .annotate(
            resolved=Count("pk", filter=Q(resolved_at_first_contact=True)),
            passed_on=Count("pk", filter=Q(resolved_at_first_contact=False)),
        )
        .order_by()
    )
    for row in contacts:
        cell = table[(_day(row["period"]), row["channel"])]
        cell["resolved"] += row["resolved"]
        cell["passed_on"] += row["passed_on"]
    cases = (
        selectors.cases_visible_to(user)
        .filter(created_at__gte=since, created_at__lt=until)
        .annotate(period=trunc("created_at", tzinfo=zone))
        .values("period", "channel")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for row in cases:
        table[(_day(row["period"]), row["channel"])]["cases"] += row["count"]
    labels = dict(Case.Channel.choices)
    rows = []
    for (starting, channel), cell in sorted(table.items()):
        total = cell["resolved"] + cell["passed_on"] + cell["cases"]
        rows.append(
            {
                "period": starting,
                "channel": labels.get(channel, channel),
                **cell,
                "total": total,
                "rate": round(100 * cell["resolved"] / total) if total else 0,
            }
        )
    return rows


def report_csv_rows(rows: list[dict]):
    yield REPORT_COLUMNS
    for row in rows:
        yield [
            row["period"].isoformat(),
            row["channel"],
            row["resolved"],
            row["passed_on"],
            row["cases"],
            row["total"],
            row["rate"],
        ]
