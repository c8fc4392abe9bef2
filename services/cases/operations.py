"""Business operations on cases. Every entry point (web forms, the JSON API, staff
screens, Open311, commands) creates cases through :func:`case_create`."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from config.memo import SharedVersionMemo
from services.cases.audit import audit_record
from services.cases.models import (
    AuditEntry,
    Case,
    CaseEvent,
    CaseFile,
    CaseType,
    Contact,
    Customer,
    CustomerChange,
    Outbox,
    Priority,
    PriorityRule,
    ReferenceCounter,
    ResolutionCategory,
    WorkflowStatus,
)
from services.cases.sla import working_days_after

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ContactDetails:
    name: str = ""
    email: str = ""
    phone: str = ""

    def __bool__(self) -> bool:
        return bool(self.name or self.email or self.phone)


@dataclass(frozen=True)
class CaseLocation:
    latitude: Decimal | float | None = None
    longitude: Decimal | float | None = None
    description: str = ""
    uprn: str = ""
    address: str = ""


def reference_prefix() -> str:
    return getattr(settings, "CASE_REFERENCE_PREFIX", "BC")


def _next_reference(year: int) -> str:
    """The next reference of the year: unique, and increasing through the year."""
    (number,) = reference_numbers_take(year=year, count=1)
    return f"{reference_prefix()}-{year}-{number:06d}"


def reference_numbers_take(*, year: int, count: int) -> list[int]:
    """Take ``count`` reference numbers of ``year``, never given out before.

    On PostgreSQL each year has a sequence (``cases_reference_<year>``): taking a number
    locks nothing, so many cases can be made at once, each committing on its own. A
    number taken by a transaction that then fails is not reused, so the year's
    references can skip a number; they never repeat. Elsewhere (SQLite, which makes one
    write at a time anyway) the year's ``ReferenceCounter`` row is counted up inside the
    case's transaction, which gives numbers without gaps.
    """
    if connection.vendor == "postgresql":
        return _sequence_numbers(year, count)
    if not ReferenceCounter.objects.filter(year=year).update(last_number=F("last_number") + count):
        ReferenceCounter.objects.get_or_create(year=year)
        ReferenceCounter.objects.filter(year=year).update(last_number=F("last_number") + count)
    last = ReferenceCounter.objects.values_list("last_number", flat=True).get(year=year)
    return list(range(last - count + 1, last + 1))


def _sequence_name(year: int) -> str:
    return f"cases_reference_{int(year)}"


def _sequence_numbers(year: int, count: int) -> list[int]:
    # One round trip in the usual case. to_regclass gives NULL (and nextval of NULL is
    # NULL) when the sequence is missing, and no row comes back when the year has no
    # counter row yet: either way the sequence is set up first, under a lock.
    # Only our own table's name is put into the SQL; every value is a parameter.
    sql = (
        f"SELECT nextval(to_regclass(%s)) FROM generate_series(1, %s), {ReferenceCounter._meta.db_table} "  # noqa: S608
        "WHERE year = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_sequence_name(year), count, year])
        numbers = [row[0] for row in cursor.fetchall()]
        if len(numbers) == count and None not in numbers:
            return numbers
        _sequence_prepare(cursor, year)
        cursor.execute(sql, [_sequence_name(year), count, year])
        return [row[0] for row in cursor.fetchall()]


# pg_advisory_xact_lock(key, year): only the set-up of a year's sequence takes it.
_SEQUENCE_LOCK_KEY = 7_300_501


def _sequence_prepare(cursor, year: int) -> None:
    """Make the year's counter row and sequence, starting after every reference of the
    year already given (by the counter row before sequences, or by existing cases).
    Runs at most once per year in normal use; the advisory lock makes concurrent
    first cases of a year wait for each other here, and nowhere else."""
    name = _sequence_name(year)
    with transaction.atomic():
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_SEQUENCE_LOCK_KEY, year])
        counter, counter_created = ReferenceCounter.objects.get_or_create(year=year)
        cursor.execute(
            f"SELECT COALESCE(MAX(CAST(substring(reference FROM '([0-9]+)$') AS integer)), 0) "  # noqa: S608
            f"FROM {Case._meta.db_table} WHERE reference LIKE %s",
            [f"%-{int(year)}-%"],
        )
        highest = max(counter.last_number, cursor.fetchone()[0])
        cursor.execute("SELECT to_regclass(%s)", [name])
        exists = cursor.fetchone()[0] is not None
        if not exists or counter_created:
            # Nobody else can be taking numbers: the sequence or the counter row is ours
            # and not yet committed, so the sequence may be set to follow the data (after
            # a wiped database that can mean starting again at 1).
            if not exists:
                cursor.execute(f"CREATE SEQUENCE {name} AS bigint MINVALUE 1")
            if highest > 0:
                cursor.execute("SELECT setval(%s, %s, true)", [name, highest])
            else:
                cursor.execute("SELECT setval(%s, 1, false)", [name])
            return
        # Others may be taking numbers right now: move the sequence on, never back.
        cursor.execute(f"SELECT last_value, is_called FROM {name}")  # noqa: S608 - name is made of an int
        last_value, is_called = cursor.fetchone()
        behind = highest - (last_value if is_called else last_value - 1)
        if behind > 0:
            cursor.execute("SELECT count(nextval(%s)) FROM generate_series(1, %s)", [name, behind])


def customer_match_or_create(*, contact: ContactDetails | None) -> Customer | None:
    """The customer with this email address, or a new one; none when anonymous."""
    if not contact:
        return None
    customer = None
    if contact.email:
        customer = Customer.objects.filter(email__iexact=contact.email).order_by("pk").first()
    if customer is None:
        return Customer.objects.create(name=contact.name, email=contact.email, phone=contact.phone)
    changed = []
    for field in ("name", "phone"):
        value = getattr(contact, field)
        if value and getattr(customer, field) != value:
            setattr(customer, field, value)
            changed.append(field)
    if changed:
        customer.save(update_fields=changed)
    return customer


def _ward_name(ward) -> str:
    if not ward:
        return ""
    return str(getattr(ward, "name", ward))[:120]


def _place(location: CaseLocation | None) -> tuple[CaseLocation | None, str]:
    """Fill in coordinates and the ward from the gazetteer, when it is installed."""
    if location is None:
        return None, ""
    if not apps.is_installed("services.gazetteer"):
        return location, ""
    from services.gazetteer import selectors as gazetteer

    latitude, longitude, address_text, ward = location.latitude, location.longitude, location.address, ""
    if location.uprn:
        address = gazetteer.address_by_uprn(location.uprn)
        if address is not None:
            latitude = latitude if latitude is not None else address.latitude
            longitude = longitude if longitude is not None else address.longitude
            address_text = address_text or address.single_line
            ward = _ward_name(address.ward)
    if not ward and latitude is not None and longitude is not None:
        ward = _ward_name(gazetteer.ward_for_point(latitude=latitude, longitude=longitude))
    return (
        CaseLocation(
            latitude=latitude,
            longitude=longitude,
            description=location.description,
            uprn=location.uprn,
            address=address_text,
        ),
        ward,
    )


def _coordinate(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value)).quantize(Decimal("0.000001"))


def case_by_submission_key(submission_key: str, *, fields: Iterable[str] = ()) -> Case | None:
    """The case a submission key already made, if any (the key is unique). ``fields``
    loads only those: a retry needs its reference, not the whole case."""
    rows = Case.objects.filter(submission_key=submission_key).order_by()
    if fields:
        rows = rows.only(*fields)
    found = list(rows[:1])
    return found[0] if found else None


def case_create(
    *,
    case_type: CaseType,
    answers: dict,
    channel: str = Case.Channel.WEB,
    answer_summary: list[dict] | None = None,
    contact: ContactDetails | None = None,
    location: CaseLocation | None = None,
    file_ids: Iterable[str] = (),
    submission_key: str | None = None,
    submission_key_is_new: bool = False,
    form_key: str = "",
    form_revision_id: int | None = None,
    confirmation_text: str = "",
    now: datetime | None = None,
    customer: Customer | None = None,
) -> Case:
    """Create a case, its customer, its first timeline event and its outbox rows in
    one transaction. The same ``submission_key`` always returns the same case. Staff
    who chose an existing ``customer`` pass it; otherwise ``contact`` is matched.

    ``submission_key_is_new`` skips looking the key up, for a caller that has just done
    so (the JSON API answers retries before validating); a repeat sent meanwhile is still
    caught by the key's unique constraint and answered with the case it made."""
    # Most keys are new: ask for the id alone (cheap), and load the case only for a repeat.
    if (
        submission_key
        and not submission_key_is_new
        and Case.objects.filter(submission_key=submission_key).order_by().values_list("pk")[:1]
    ):
        existing = case_by_submission_key(submission_key)
        if existing is not None:
            existing.was_created = False
            return existing
    try:
        case = _case_create(
            case_type=case_type,
            answers=answers,
            channel=channel,
            answer_summary=answer_summary or [],
            contact=contact,
            location=location,
            file_ids=list(file_ids),
            submission_key=submission_key or None,
            form_key=form_key,
            form_revision_id=form_revision_id,
            confirmation_text=confirmation_text,
            now=now or timezone.now(),
            customer=customer,
        )
    except IntegrityError:
        # Another request with the same key won the race: theirs is the case.
        existing = case_by_submission_key(submission_key) if submission_key else None
        if existing is None:
            raise
        existing.was_created = False
        return existing
    case.was_created = True
    return case


@transaction.atomic
def _case_create(
    *,
    case_type,
    answers,
    channel,
    answer_summary,
    contact,
    location,
    file_ids,
    submission_key,
    form_key,
    form_revision_id,
    confirmation_text,
    now,
    customer=None,
) -> Case:
    local_now = timezone.localtime(now)
    place, ward = _place(location)
    if customer is None:
        customer = customer_match_or_create(contact=contact)
    initial = case_type_rules(case_type.pk).initial_status
    case = Case.objects.create(
        workflow_status_id=initial[0] if initial else None,
        status=Case.Status.CLOSED if initial and initial[1] else Case.Status.OPEN,
        priority=priority_for(case_type=case_type, answers=answers),
        reference=_next_reference(local_now.year),
        case_type=case_type,
        channel=channel,
        customer=customer,
        answers=answers,
        answer_summary=answer_summary,
        form_key=form_key[:100],
        form_revision_id=form_revision_id,
        latitude=_coordinate(place.latitude) if place else None,
        longitude=_coordinate(place.longitude) if place else None,
        location_description=(place.description if place else "")[:500],
        uprn=(place.uprn if place else "")[:20],
        address=(place.address if place else "")[:500],
        ward=ward,
        sla_due=working_days_after(start=local_now.date(), days=case_type.sla_working_days),
        tracking_token=secrets.token_urlsafe(32),
        submission_key=submission_key,
        created_at=now,
    )
    if file_ids:
        CaseFile.objects.filter(pk__in=file_ids, case__isnull=True).update(case=case)
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.CREATED,
        description=f"{case_type.name} received by {case.get_channel_display().lower()}.",
        public=True,
        actor="system",
        created_at=now,
    )
    outbox = []
    if customer is not None and customer.email:
        outbox.append(
            Outbox(
                case=case,
                kind=Outbox.Kind.EMAIL,
                topic="case.confirmation_email",
                payload=confirmation_email(case=case, to=customer.email, text=confirmation_text),
                available_at=now,
            )
        )
    outbox.append(
        Outbox(
            case=case,
            kind=Outbox.Kind.INTEGRATION,
            topic="case.created",
            payload={
                "reference": case.reference,
                "case_type": case_type.name,
                "team": case_type.team_name,
                "channel": channel,
                "created_at": now.isoformat(),
                "sla_due": case.sla_due.isoformat(),
                "answers": answers,
                "uprn": case.uprn,
                "ward": ward,
                "latitude": str(case.latitude) if case.latitude is not None else None,
                "longitude": str(case.longitude) if case.longitude is not None else None,
            },
            available_at=now,
        )
    )
    Outbox.objects.bulk_create(outbox)
    email_rows = [row for row in outbox if row.kind == Outbox.Kind.EMAIL]
    if any(row.pk is None for row in email_rows):  # a database that cannot return new ids
        email_rows = list(Outbox.objects.filter(case=case, kind=Outbox.Kind.EMAIL))
    if email_rows:
        from services.cases.tasks import enqueue_with_transaction, outbox_email_deliver

        for row in email_rows:
            enqueue_with_transaction(outbox_email_deliver, row.pk)
    return case


@dataclass(frozen=True)
class CaseTypeRules:
    """What every new case of a type needs: its first workflow status as (id, is
    closed), None when the type has no workflow, and its priority rules in order as
    (question id, answer, priority)."""

    initial_status: tuple[int, bool] | None
    priority_rules: tuple[tuple[str, str, str], ...]


# Changed by the case type's editors a few times a year, read by every new case.
_case_type_rules = SharedVersionMemo("case-type-rules")


def case_type_rules(case_type_id: int) -> CaseTypeRules:
    def read() -> CaseTypeRules:
        initial = (
            WorkflowStatus.objects.filter(case_type_id=case_type_id)
            .order_by("sort_order", "pk")
            .values_list("pk", "is_closed")
            .first()
        )
        rules = PriorityRule.objects.filter(case_type_id=case_type_id).order_by("sort_order", "pk")
        return CaseTypeRules(
            initial_status=tuple(initial) if initial else None,
            priority_rules=tuple(rules.values_list("question_id", "answer", "priority")),
        )

    return _case_type_rules.get(case_type_id, read)


def case_type_rules_changed(**signal_kwargs) -> None:
    _case_type_rules.invalidate()


def priority_for(*, case_type: CaseType, answers: dict) -> str:
    """The first priority rule whose answer matches; normal otherwise."""
    for question_id, answer, priority in case_type_rules(case_type.pk).priority_rules:
        value = answers.get(question_id)
        values = value if isinstance(value, list) else [value]
        if any(str(v).strip().lower() == answer.strip().lower() for v in values if v is not None):
            return priority
    return Priority.NORMAL


class TransitionError(ValueError):
    pass


class ConflictError(ValueError):
    """Someone else changed the case after this person loaded it."""


def _check_unchanged(case: Case, seen: datetime | None) -> None:
    """Refuse a change made against an out-of-date page, naming who changed it."""
    if seen is None or case.updated_at == seen:
        return
    last = case.events.exclude(kind=CaseEvent.Kind.EMAIL).order_by("-created_at", "-pk").first()
    who = f" ({last.actor}: {last.description[:80]})" if last and last.actor else ""
    raise ConflictError(
        f"Someone else changed this case while you had it open{who}. Check the case as it is now, then try again."
    )


def _unchanged_since(case: Case, since: datetime | None) -> bool:
    """Whether nobody changed the case after ``since`` (no time: no check)."""
    return since is None or case.updated_at <= since


def _actor(user) -> str:
    if user is None:
        return "system"
    return (user.get_full_name() or user.get_username())[:120]


def customer_wants_email_updates(customer: Customer) -> bool:
    """Whether the customer still wants update emails; a resident may turn them off in
    their account (services/accounts answers through this hook, so cases imports nothing)."""
    from wagtail import hooks

    return all(answer(customer) for answer in hooks.get_hooks("case_customer_email_updates"))


def _queue_email(*, case: Case, subject: str, body: str, now) -> None:
    """Email the case's customer, and the customers of cases linked to it as
    duplicates, through the outbox: one row per recipient, each sent once."""
    from services.cases.tasks import enqueue_with_transaction, outbox_email_deliver

    recipients = []
    if case.customer_id and case.customer.email and customer_wants_email_updates(case.customer):
        recipients.append((case, case.customer.email))
    seen = {email.lower() for _, email in recipients}
    for linked in case.duplicates.select_related("customer").exclude(customer__isnull=True).exclude(customer__email=""):
        if linked.customer.email.lower() not in seen and customer_wants_email_updates(linked.customer):
            seen.add(linked.customer.email.lower())
            recipients.append((linked, linked.customer.email))
    for target, email in recipients:
        row = Outbox.objects.create(
            case=target,
            kind=Outbox.Kind.EMAIL,
            topic="case.status_email",
            payload={"to": email, "subject": subject, "body": body},
            available_at=now,
        )
        enqueue_with_transaction(outbox_email_deliver, row.pk)


def update_email(*, case: Case, text: str) -> tuple[str, str]:
    from django.template.loader import render_to_string

    context = {
        "case": case,
        "text": text,
        "council_name": getattr(settings, "COUNCIL_NAME", ""),
        "tracking_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + f"/track/{case.tracking_token}/",
    }
    return f"{case.case_type.name} {case.reference}: an update", render_to_string("cases/emails/update.txt", context)


def status_email(*, case: Case, status: WorkflowStatus) -> tuple[str, str]:
    from django.template.loader import render_to_string

    context = {
        "case": case,
        "status": status,
        "council_name": getattr(settings, "COUNCIL_NAME", ""),
        "tracking_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + f"/track/{case.tracking_token}/",
    }
    subject = f"{case.case_type.name} {case.reference}: {status.public_label}"
    return subject, render_to_string("cases/emails/status.txt", context)


def allowed_transitions(*, case: Case, statuses: list[WorkflowStatus] | None = None) -> list[WorkflowStatus]:
    """The statuses the workflow allows next; ``statuses`` (the case type's, in order)
    when the caller has read them already."""
    statuses = list(case.case_type.statuses.all()) if statuses is None else statuses
    current = case.workflow_status
    if current is None:
        return statuses
    wanted = current.next_slugs
    return [status for status in statuses if status.slug in wanted and status.pk != current.pk]


@transaction.atomic
def case_status_change(
    *,
    case: Case,
    to_status: WorkflowStatus,
    user,
    resolution_category: ResolutionCategory | None = None,
    now: datetime | None = None,
    seen: datetime | None = None,
) -> Case:
    """Move a case along its workflow. Only the transitions the case type allows; a
    closing status needs a resolution category when the case type has any. A status
    with a public label is shown to the resident and emailed to them. ``seen`` is when
    the case was last changed as the person saw it: a later change refuses this one."""
    now = now or timezone.now()
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("case_type", "workflow_status", "customer")
        .get(pk=case.pk)
    )
    _check_unchanged(case, seen)
    if to_status.case_type_id != case.case_type_id:
        raise TransitionError("That status belongs to another case type.")
    if to_status not in allowed_transitions(case=case):
        raise TransitionError(f"A case cannot move from {case.status_label} to {to_status.name}.")
    if to_status.is_closed:
        if resolution_category is None and case.case_type.resolution_categories.exists():
            raise TransitionError("Choose a resolution category to close the case.")
        if resolution_category is not None and resolution_category.case_type_id != case.case_type_id:
            raise TransitionError("That resolution category belongs to another case type.")
    previous = case.status_label
    case.workflow_status = to_status
    case.status = Case.Status.CLOSED if to_status.is_closed else Case.Status.IN_PROGRESS
    case.closed_at = now if to_status.is_closed else None
    case.resolution_category = resolution_category if to_status.is_closed else None
    case.save(update_fields=["workflow_status", "status", "closed_at", "resolution_category", "updated_at"])
    public = bool(to_status.public_label)
    description = f"Status changed from {previous} to {to_status.name}."
    if resolution_category is not None and to_status.is_closed:
        description += f" Resolution: {resolution_category.name}."
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.STATUS,
        description=to_status.public_label if public else description,
        public=public,
        actor=_actor(user),
        created_at=now,
    )
    audit_record(user=user, action=AuditEntry.Action.STATUS_CHANGED, case=case, detail=description, now=now)
    if public:
        subject, body = status_email(case=case, status=to_status)
        _queue_email(case=case, subject=subject, body=body, now=now)
    return case


@transaction.atomic
def case_note_add(*, case: Case, user, text: str, public: bool, now: datetime | None = None) -> CaseEvent:
    """An internal note (staff only, never emailed) or a public update (on the tracking page)."""
    text = text.strip()
    if not text:
        raise ValueError("Enter the note.")
    now = now or timezone.now()
    event = CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.UPDATE if public else CaseEvent.Kind.NOTE,
        description=text[:5000],
        public=public,
        actor=_actor(user),
        created_at=now,
    )
    # A note changes the case as colleagues see it: a page or queue opened before it no
    # longer acts on the case unchecked (``_check_unchanged``, ``unchanged_since``).
    Case.objects.filter(pk=case.pk, updated_at__lt=now).update(updated_at=now)
    case.updated_at = max(case.updated_at, now) if case.updated_at else now
    audit_record(
        user=user,
        action=AuditEntry.Action.NOTE_ADDED,
        case=case,
        detail="Public update" if public else "Internal note",
        now=now,
    )
    if public:
        subject, body = update_email(case=case, text=text[:5000])
        _queue_email(case=case, subject=subject, body=body, now=now)
    return event


@transaction.atomic
def cases_assign(
    *,
    cases,
    assignee,
    user,
    now: datetime | None = None,
    seen: datetime | None = None,
    unchanged_since: datetime | None = None,
) -> tuple[int, list[str]]:
    """Assign cases (already limited to what ``user`` may see) to ``assignee`` or nobody.
    With ``seen`` (one case's page), a change since then refuses the assignment. With
    ``unchanged_since`` (when the queue was shown), a case changed after it is left as it
    is. Returns how many were assigned and the references of the cases left."""
    now = now or timezone.now()
    # Locked until the assignment commits, so nobody changes them between check and update;
    # in id order, so two bulk actions on the same cases wait for each other, never deadlock.
    locked = list(
        Case.objects.select_for_update()
        .filter(pk__in=cases.values("pk"))
        .order_by("pk")
        .only("pk", "reference", "customer_id", "updated_at")
    )
    rows, changed = [], []
    for case in locked:
        _check_unchanged(case, seen)
        (rows if _unchanged_since(case, unchanged_since) else changed).append(case)
    ids = [case.pk for case in rows]
    Case.objects.filter(pk__in=ids).update(assigned_to=assignee, updated_at=now)
    who = _actor(assignee) if assignee else "nobody"
    CaseEvent.objects.bulk_create(
        CaseEvent(
            case_id=pk, kind=CaseEvent.Kind.NOTE, description=f"Assigned to {who}.", actor=_actor(user), created_at=now
        )
        for pk in ids
    )
    username = user.get_username() if user is not None else "system"
    AuditEntry.objects.bulk_create(
        AuditEntry(
            at=now,
            user=user,
            username=username,
            action=AuditEntry.Action.ASSIGNED,
            case_reference=case.reference,
            customer_id=case.customer_id,
            detail=f"Assigned to {assignee.get_username() if assignee else 'nobody'}",
        )
        for case in rows
    )
    return len(ids), [case.reference for case in changed]


def cases_close(
    *,
    cases,
    user,
    resolution_name: str = "",
    now: datetime | None = None,
    unchanged_since: datetime | None = None,
) -> tuple[int, list[str], list[str]]:
    """Close each case through its workflow (the first closing status it may move to),
    each in its own transaction: one refusal does not stop the others. A case changed
    after ``unchanged_since`` (when the queue was shown) is left as it is. Returns how
    many closed, the references the workflow would not close and those left as changed."""
    closed, refused, changed = 0, [], []
    for pk in cases.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            # Locked before the check, so a colleague's change cannot slip in before the close.
            case = (
                Case.objects.select_for_update(of=("self",)).select_related("case_type", "workflow_status").get(pk=pk)
            )
            if not _unchanged_since(case, unchanged_since):
                changed.append(case.reference)
                continue
            target = next((s for s in allowed_transitions(case=case) if s.is_closed), None)
            category = None
            if resolution_name:
                category = case.case_type.resolution_categories.filter(name__iexact=resolution_name).first()
            if category is None:
                category = case.case_type.resolution_categories.first()
            if target is None:
                refused.append(case.reference)
                continue
            try:
                case_status_change(case=case, to_status=target, user=user, resolution_category=category, now=now)
            except TransitionError:
                refused.append(case.reference)
                continue
            closed += 1
    return closed, refused, changed


CUSTOMER_FIELDS = ("name", "email", "phone", "address")


@transaction.atomic
def customer_update(*, customer: Customer, user, **values) -> list[str]:
    """Change a customer's contact details, keeping the history of each change."""
    changed = []
    for field in CUSTOMER_FIELDS:
        if field not in values:
            continue
        new = (values[field] or "").strip()
        old = getattr(customer, field)
        if new != old:
            CustomerChange.objects.create(
                customer=customer, field=field, old_value=old, new_value=new, changed_by=_actor(user)
            )
            setattr(customer, field, new)
            changed.append(field)
    if changed:
        customer.save(update_fields=changed)
        audit_record(
            user=user,
            action=AuditEntry.Action.CUSTOMER_CHANGED,
            customer_id=customer.pk,
            detail="Changed: " + ", ".join(changed),
        )
    return changed


@transaction.atomic
def contact_log(
    *,
    user,
    channel: str,
    topic: str,
    outcome: str,
    customer: Customer | None = None,
    resolved_at_first_contact: bool = True,
    now: datetime | None = None,
) -> Contact:
    """A general enquiry, logged in a few clicks, for first-contact-resolution reporting."""
    if channel not in Contact.Channel.values:
        raise ValueError("Choose how they contacted us.")
    return Contact.objects.create(
        channel=channel,
        topic=topic.strip()[:120],
        outcome=outcome.strip(),
        customer=customer,
        resolved_at_first_contact=resolved_at_first_contact,
        created_by=user,
        created_at=now or timezone.now(),
    )


def confirmation_email(*, case: Case, to: str, text: str = "") -> dict:
    from django.template.loader import render_to_string

    context = {
        "case": case,
        "text": text,
        "council_name": getattr(settings, "COUNCIL_NAME", ""),
        "tracking_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + f"/track/{case.tracking_token}/",
    }
    return {
        "to": to,
        "subject": f"{case.case_type.name}: your reference is {case.reference}",
        "body": render_to_string("cases/emails/confirmation.txt", context),
    }


EMAIL_ATTEMPTS = 5


def outbox_email_send(*, outbox_id: int) -> bool:
    """Send one email row through Django's email backend (SMTP, or GOV.UK Notify).
    The row is locked while it is sent, so two workers never send it twice, and a
    sent row is never sent again. Each result is written on the case's timeline;
    failures retry with backoff, then become dead letters staff can see and replay."""
    from datetime import timedelta

    from django.core.mail import EmailMessage

    from services.cases.notify import REFERENCE_HEADER

    with transaction.atomic():
        row = (
            Outbox.objects.select_for_update(skip_locked=True)
            .filter(pk=outbox_id, kind=Outbox.Kind.EMAIL, state__in=[Outbox.State.PENDING, Outbox.State.FAILED])
            .first()
        )
        if row is None:
            return False
        row.attempts += 1
        now = timezone.now()
        what = "confirmation" if row.topic == "case.confirmation_email" else "update"
        try:
            EmailMessage(
                row.payload["subject"],
                row.payload["body"],
                settings.DEFAULT_FROM_EMAIL,
                [row.payload["to"]],
                headers={REFERENCE_HEADER: str(row.event_id)},
            ).send()
        except Exception as error:  # the email backend may fail in many ways
            logger.warning("outbox email %s failed: %s", row.event_id, type(error).__name__)
            row.last_error = str(error)[:200] if hasattr(error, "retryable") else type(error).__name__
            # A refusal a retry cannot cure (Notify's 4xx) gives up at once.
            hopeless = not getattr(error, "retryable", True)
            row.state = Outbox.State.DEAD if hopeless or row.attempts >= EMAIL_ATTEMPTS else Outbox.State.FAILED
            row.available_at = now + timedelta(minutes=5 * 2**row.attempts)
            row.save(update_fields=["attempts", "last_error", "state", "available_at"])
            if row.state == Outbox.State.DEAD:
                text = (
                    f"The customer could not be reached: the {what} email was not delivered after "
                    f"{row.attempts} attempt{'s' if row.attempts != 1 else ''} ({row.last_error}). "
                    "Contact them another way."
                )
            else:
                text = (
                    f"The {what} email could not be sent ({row.last_error}); "
                    f"it will be tried again after {timezone.localtime(row.available_at):%H:%M}."
                )
            _email_event(row, text, now)
            return False
        row.state = Outbox.State.SENT
        row.sent_at = now
        row.save(update_fields=["attempts", "state", "sent_at"])
        _email_event(row, f"The {what} email was sent: {row.payload['subject']}", now)
        return True


def _email_event(row: Outbox, text: str, now) -> None:
    if row.case_id:
        CaseEvent.objects.create(
            case_id=row.case_id,
            kind=CaseEvent.Kind.EMAIL,
            description=text,
            public=False,
            actor="system",
            created_at=now,
        )


def outbox_emails_due(*, now: datetime | None = None) -> list[int]:
    """Email rows waiting or failed whose time has come (for the retry sweep)."""
    return list(
        Outbox.objects.filter(
            kind=Outbox.Kind.EMAIL,
            state__in=[Outbox.State.PENDING, Outbox.State.FAILED],
            available_at__lte=now or timezone.now(),
        ).values_list("pk", flat=True)
    )


@transaction.atomic
def case_tracking_link_revoke(*, case: Case, actor: str = "", user=None, now: datetime | None = None) -> str:
    """Stop the case's private tracking link working (for example when it was shared by
    mistake) by giving the case a new, unguessable token; returns the new token."""
    case.tracking_token = secrets.token_urlsafe(32)
    case.save(update_fields=["tracking_token", "updated_at"])
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.NOTE,
        description="The private tracking link was revoked; the old link no longer works.",
        public=False,
        actor=actor[:120],
        created_at=now or timezone.now(),
    )
    if user is not None:
        audit_record(user=user, action=AuditEntry.Action.TRACKING_REVOKED, case=case)
    return case.tracking_token


def _duplicate_events(*, case: Case, main: Case, user, now, on_case: str, on_main: str) -> None:
    """A duplicate link made or undone shows on both timelines."""
    actor = _actor(user)
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(case=case, kind=CaseEvent.Kind.DUPLICATE, description=on_case, actor=actor, created_at=now),
            CaseEvent(case=main, kind=CaseEvent.Kind.DUPLICATE, description=on_main, actor=actor, created_at=now),
        ]
    )


@transaction.atomic
def case_link_duplicate(
    *, case: Case, main: Case, user, now: datetime | None = None, seen: datetime | None = None
) -> Case:
    """Mark ``case`` as a duplicate of ``main``: the main case's public updates then
    reach this case's customer too. Both timelines say so. ``seen`` as in
    :func:`case_status_change`."""
    now = now or timezone.now()
    # Locked and read afresh: a change since the page was shown (a colleague linked it
    # elsewhere, say) refuses the link.
    case = Case.objects.select_for_update().get(pk=case.pk)
    _check_unchanged(case, seen)
    if main.pk == case.pk or main.duplicate_of_id == case.pk:
        raise ValueError("A case cannot be a duplicate of itself.")
    if main.case_type_id != case.case_type_id:
        raise ValueError("Only a case of the same type can be the main case.")
    main = Case.objects.get(pk=main.duplicate_of_id) if main.duplicate_of_id else main
    case.duplicate_of = main
    case.save(update_fields=["duplicate_of", "updated_at"])
    _duplicate_events(
        case=case,
        main=main,
        user=user,
        now=now,
        on_case=f"Linked as a duplicate of {main.reference}: its public updates go to this customer too.",
        on_main=f"{case.reference} was linked to this case as a duplicate.",
    )
    audit_record(user=user, action=AuditEntry.Action.LINKED, case=case, detail=f"Duplicate of {main.reference}")
    return case


@transaction.atomic
def case_unlink_duplicate(*, case: Case, user, now: datetime | None = None, seen: datetime | None = None) -> Case:
    """Undo a wrong duplicate link: the main case's public updates stop reaching this
    case's customer. Both timelines say so. ``seen`` as in :func:`case_status_change`."""
    now = now or timezone.now()
    # Locked and read afresh, so two people unlinking at once cannot both succeed.
    case = Case.objects.select_for_update().get(pk=case.pk)
    _check_unchanged(case, seen)
    if case.duplicate_of_id is None:
        raise ValueError(f"{case.reference} is not linked as a duplicate of another case.")
    main = Case.objects.get(pk=case.duplicate_of_id)
    case.duplicate_of = None
    case.save(update_fields=["duplicate_of", "updated_at"])
    _duplicate_events(
        case=case,
        main=main,
        user=user,
        now=now,
        on_case=(
            f"No longer linked as a duplicate of {main.reference}: its public updates no longer go to this customer."
        ),
        on_main=f"{case.reference} is no longer linked to this case as a duplicate.",
    )
    audit_record(
        user=user,
        action=AuditEntry.Action.UNLINKED,
        case=case,
        detail=f"No longer a duplicate of {main.reference}",
        now=now,
    )
    return case


def case_types_for_new_cases():
    """Case types a new case can be made for: those with a workflow to start in."""
    return CaseType.objects.filter(statuses__isnull=False).distinct().order_by("name")


def case_create_from_feedback(
    *,
    case_type: CaseType,
    summary: str,
    details: str,
    page_url: str,
    page_title: str,
    received_at: datetime,
    feedback_reference: str,
    created_by,
    now: datetime | None = None,
) -> Case:
    """Page feedback that is really a service request ("my bin was not collected")
    becomes an anonymous web case: the feedback has no contact details, so there is no
    customer. The feedback reference is the submission key, so it makes one case only."""
    received = timezone.localtime(received_at)
    with transaction.atomic():
        case = case_create(
            case_type=case_type,
            channel=Case.Channel.WEB,
            answers={"summary": summary, "details": details, "page_url": page_url},
            answer_summary=[
                {"label": "Summary", "answer": summary},
                {"label": "What they told us", "answer": details or "(No comment)"},
                {"label": "Page", "answer": f"{page_title} ({page_url})"},
                {"label": "Feedback received", "answer": f"{received:%d %B %Y, %H:%M}"},
            ],
            submission_key=feedback_reference,
            form_key="page-feedback",
            now=now,
        )
        if case.was_created:
            CaseEvent.objects.create(
                case=case,
                kind=CaseEvent.Kind.NOTE,
                description=f"Made from page feedback on “{page_title}” by {_actor(created_by)}.",
                public=False,
                actor=_actor(created_by),
                created_at=case.created_at,
            )
    return case
