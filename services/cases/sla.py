"""The SLA clock: working days, with weekends and the bank holidays held as data."""

from __future__ import annotations

from datetime import date, timedelta

from services.cases.models import BankHoliday


def working_days_after(*, start: date, days: int, holidays: set[date] | None = None) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself never counts)."""
    if holidays is None:
        holidays = set(
            BankHoliday.objects.filter(date__gt=start, date__lte=start + timedelta(days=days * 2 + 30)).values_list(
                "date", flat=True
            )
        )
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            remaining -= 1
    return current
