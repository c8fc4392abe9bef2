"""Case references under load: many cases made at the same moment each get their own
number, and numbering carries on from what a year already gave out."""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, connections, transaction

from services.cases.models import Case, CaseType, ReferenceCounter
from services.cases.operations import case_create

LONDON = ZoneInfo("Europe/London")
WHEN = datetime(2026, 6, 1, 9, tzinfo=LONDON)

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent sessions need PostgreSQL (SQLite makes one write at a time)"
)


def _number(reference: str) -> int:
    return int(reference.rsplit("-", 1)[1])


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_cases_made_at_once_get_unique_references_with_none_missing(settings):
    settings.CASE_REFERENCE_PREFIX = "EBC"
    case_type = CaseType.objects.create(name="Fly-tip", sla_working_days=5)
    made: list[str] = []
    failures: list[BaseException] = []
    start = threading.Barrier(8)

    def submit(worker: int) -> None:
        try:
            start.wait()
            for i in range(10):
                case = case_create(case_type=case_type, answers={}, submission_key=f"load-{worker}-{i}", now=WHEN)
                made.append(case.reference)
        except BaseException as error:  # noqa: BLE001 - reported below, in the main thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not failures
    assert len(made) == len(set(made)) == Case.objects.count() == 80
    assert sorted(_number(reference) for reference in made) == list(range(1, 81))
    assert all(reference.startswith("EBC-2026-") for reference in made)


@pytest.mark.django_db
def test_numbering_carries_on_after_the_numbers_a_year_already_gave():
    case_type = CaseType.objects.create(name="Graffiti", sla_working_days=5)
    ReferenceCounter.objects.create(year=2026, last_number=41)
    first = case_create(case_type=case_type, answers={}, now=WHEN)
    second = case_create(case_type=case_type, answers={}, now=WHEN)
    assert [_number(first.reference), _number(second.reference)] == [42, 43]


@pytest.mark.django_db
def test_a_failed_submission_never_makes_a_later_case_reuse_its_number():
    case_type = CaseType.objects.create(name="Pothole", sla_working_days=5)
    first = case_create(case_type=case_type, answers={}, now=WHEN)
    with pytest.raises(RuntimeError), transaction.atomic():
        case_create(case_type=case_type, answers={}, now=WHEN)
        raise RuntimeError("the submission fails after its case was made")
    later = case_create(case_type=case_type, answers={}, now=WHEN)
    assert _number(later.reference) > _number(first.reference)
    assert Case.objects.filter(reference=later.reference).count() == 1


@pytest.mark.django_db
def test_a_repeat_that_slips_past_the_key_check_gets_the_first_case():
    """The JSON API looks the key up itself and says the key is new; a repeat sent in the
    meantime is still answered with the case the first one made, and makes nothing."""
    case_type = CaseType.objects.create(name="Street light", sla_working_days=5)
    first = case_create(case_type=case_type, answers={}, submission_key="api:race-1", now=WHEN)
    again = case_create(
        case_type=case_type, answers={}, submission_key="api:race-1", submission_key_is_new=True, now=WHEN
    )
    assert again.pk == first.pk and not again.was_created
    assert Case.objects.count() == 1
