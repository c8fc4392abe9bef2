"""Reads of cases that several screens share."""

from __future__ import annotations

from services.cases.models import Case, CaseEvent


def case_for_tracking_token(*, token: str) -> Case | None:
    if not token or len(token) > 64:
        return None
    return Case.objects.select_related("case_type").filter(tracking_token=token).first()


def case_public_timeline(*, case: Case) -> list[CaseEvent]:
    return list(case.events.filter(public=True))
