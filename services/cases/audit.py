"""The append-only audit trail: every read of a case's personal data and every change,
recorded by the operation (or screen) that does it, and searched by data protection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from services.cases.models import AuditEntry


def audit_record(
    *, user, action: str, case=None, customer_id: int | None = None, detail: str = "", now: datetime | None = None
) -> AuditEntry:
    """One line of the trail. ``detail`` says what, never the personal data itself."""
    if customer_id is None and case is not None:
        customer_id = case.customer_id
    return AuditEntry.objects.create(
        at=now or timezone.now(),
        user=user if getattr(user, "pk", None) else None,
        username=(user.get_username() if getattr(user, "pk", None) else "system")[:150],
        action=action,
        case_reference=getattr(case, "reference", "") or "",
        customer_id=customer_id,
        detail=detail[:500],
    )


def may_search_audit(user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_staff
        and (user.is_superuser or user.has_perm("cases.search_audit"))
    )


@dataclass(frozen=True)
class AuditFilters:
    username: str = ""
    case_reference: str = ""
    customer_id: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None


def audit_search(*, user, filters: AuditFilters) -> QuerySet[AuditEntry]:
    """Entries matching the filters; nothing for anyone without the data-protection role."""
    if not may_search_audit(user):
        return AuditEntry.objects.none()
    entries = AuditEntry.objects.all()
    if filters.username:
        entries = entries.filter(username__iexact=filters.username)
    if filters.case_reference:
        entries = entries.filter(case_reference__iexact=filters.case_reference)
    if filters.customer_id.isdigit():
        entries = entries.filter(customer_id=int(filters.customer_id))
    if filters.action:
        entries = entries.filter(action=filters.action)
    zone = timezone.get_current_timezone()
    if filters.date_from:
        entries = entries.filter(at__gte=datetime.combine(filters.date_from, time.min, tzinfo=zone))
    if filters.date_to:
        entries = entries.filter(at__lt=datetime.combine(filters.date_to + timedelta(days=1), time.min, tzinfo=zone))
    return entries.order_by("-at", "-pk")
