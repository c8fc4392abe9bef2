"""CSV exports of the queues, through the same access rules as the screens.

Staff export what their queue shows them (``selectors.case_queue`` is built on
``cases_visible_to``). Personal-data columns are offered only to those who may export
personal data, and filled only for cases they work. Cells a spreadsheet would read as a
formula are neutralised, and every export is written to the audit trail."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import fields

from django.db.models import Exists, OuterRef
from django.utils import timezone

from services.cases import selectors
from services.cases.audit import audit_record
from services.cases.models import AuditEntry

COLUMNS = [
    "Reference",
    "Case type",
    "Status",
    "Priority",
    "Channel",
    "Ward",
    "Received",
    "Due",
    "Closed",
    "Assigned to",
    "Resolution",
]
PERSONAL_COLUMNS = ["Customer name", "Customer email", "Customer phone", "Address", "UPRN", "Location description"]
# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """The cell as text, with a leading apostrophe when a spreadsheet would run it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def may_export_personal_data(user) -> bool:
    """Supervisors (and superusers) may export customers' details; others export without."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_staff:
        return False
    return selectors.user_supervises(user)


def _filters_text(filters: selectors.QueueFilters) -> str:
    """The filters for the audit trail; search text may be a name, so only its presence."""
    parts = []
    for field in fields(filters):
        value = getattr(filters, field.name)
        if field.name == "q":
            value = "(given)" if value else ""
        if value not in ("", False, None) and field.name != "sort":
            parts.append(f"{field.name}={value}")
    return ", ".join(parts) or "none"


def cases_export(*, user, scope: str, filters: selectors.QueueFilters) -> tuple[int, bool, Iterator[list[str]]]:
    """How many cases, whether personal data is included, and the CSV rows (header first)."""
    personal = may_export_personal_data(user)
    cases = selectors.case_queue(user=user, scope=scope, filters=filters)
    if personal:
        cases = cases.annotate(may_work=Exists(selectors.cases_workable_by(user).filter(pk=OuterRef("pk"))))
    count = cases.count()
    audit_record(
        user=user,
        action=AuditEntry.Action.EXPORTED,
        detail=f"{count} case{'s' if count != 1 else ''} from the {scope} queue, "
        f"{'with' if personal else 'without'} personal data; filters: {_filters_text(filters)}",
    )
    return count, personal, _rows(cases, personal)


def _rows(cases, personal: bool) -> Iterator[list[str]]:
    yield COLUMNS + (PERSONAL_COLUMNS if personal else [])
    zone = timezone.get_current_timezone()
    for case in cases.select_related("resolution_category").iterator(chunk_size=2000):
        assigned = case.assigned_to.get_full_name() or case.assigned_to.get_username() if case.assigned_to else ""
        row = [
            case.reference,
            case.case_type.name,
            case.status_label,
            case.get_priority_display(),
            case.get_channel_display(),
            case.ward,
            timezone.localtime(case.created_at, zone).strftime("%Y-%m-%d %H:%M"),
            case.sla_due.isoformat(),
            timezone.localtime(case.closed_at, zone).strftime("%Y-%m-%d %H:%M") if case.closed_at else "",
            assigned,
            case.resolution_category.name if case.resolution_category else "",
        ]
        if personal:
            customer = case.customer if case.may_work else None
            row += [
                customer.name if customer else "",
                customer.email if customer else "",
                customer.phone if customer else "",
                case.address if case.may_work else "",
                case.uprn if case.may_work else "",
                case.location_description if case.may_work else "",
            ]
        yield [csv_safe(cell) for cell in row]


class _Echo:
    def write(self, value):
        return value


def csv_lines(rows: Iterator[list[str]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow(row)
