"""The SLA clock: working days, with weekends and the bank holidays held as data."""

from __future__ import annotations

from datetime import date, timedelta

from config.memo import SharedVersionMemo
from services.cases.models import BankHoliday

_bank_holidays = SharedVersionMemo("bank-holidays")


def bank_holiday_dates() -> frozenset[date]:
    """All bank holidays (a few dozen rows), kept in memory per process."""
    return _bank_holidays.get("dates", lambda: frozenset(BankHoliday.objects.values_list("date", flat=True)))


def bank_holidays_changed(**signal_kwargs) -> None:
    _bank_holidays.invalidate()


def working_days_after(*, start: date, days: int, holidays: set[date] | None = None) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself never counts)."""
    if holidays is None:
        holidays = bank_holiday_dates()
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            remaining -= 1
    return current


def working_days_between(*, start: date, end: date) -> int:
    """Working days from ``start`` to ``end`` (negative when ``end`` is past)."""
    if end == start:
        return 0
    sign = 1 if end > start else -1
    low, high = (start, end) if sign == 1 else (end, start)
    holidays = bank_holiday_dates()
    count = 0
    current = low
    while current < high:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            count += 1
    return sign * count
