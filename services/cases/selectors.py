"""Reads of cases that several screens share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from services.cases.models import OPEN_CASES, PRIORITY_RANK, Case, CaseEvent, CaseFile, Customer, WorkflowStatus


def case_for_tracking_token(*, token: str) -> Case | None:
    if not token or len(token) > 64:
        return None
    return Case.objects.select_related("case_type", "workflow_status").filter(tracking_token=token).first()


def case_public_timeline(*, case: Case) -> list[CaseEvent]:
    return list(case.events.filter(public=True))


# --- Access: ONE rule for every staff screen, export, API and email -----------------


@dataclass(frozen=True)
class TeamFacts:
    team_ids: tuple[int, ...]
    case_type_ids: tuple[int, ...]  # the case types these teams own
    contact_centre: bool
    supervises: bool  # supervises at least one of them


def _team_facts(user) -> TeamFacts:
    """The user's teams, the case types they own and whether one is the contact centre,
    in one query. Filtering cases by case type ids (rather than joining to the teams)
    lets PostgreSQL estimate how many cases match and pick the right index.

    A view may remember them on the request's user (``teams_remember``) so that a page
    asks once however many selectors it calls."""
    remembered = getattr(user, "_casework_team_facts", None)
    if remembered is not None:
        return remembered
    from services.cases.models import Team

    rows = set(
        Team.objects.filter(Q(members=user) | Q(supervisors=user)).values_list(
            "pk", "is_contact_centre", "case_types__pk", "supervisors"
        )
    )
    return TeamFacts(
        team_ids=tuple(sorted({team for team, _, _, _ in rows})),
        case_type_ids=tuple(sorted({case_type for _, _, case_type, _ in rows if case_type is not None})),
        contact_centre=any(contact for _, contact, _, _ in rows),
        supervises=any(supervisor == user.pk for _, _, _, supervisor in rows),
    )


def teams_remember(user) -> None:
    """Read the user's teams once for this request (the user object lives as long as it)."""
    if getattr(user, "is_authenticated", False) and user.is_active and user.is_staff:
        user._casework_team_facts = None  # forget an earlier read
        user._casework_team_facts = _team_facts(user)


def user_teams(user):
    from services.cases.models import Team

    if not getattr(user, "is_authenticated", False):
        return Team.objects.none()
    return Team.objects.filter(pk__in=_team_facts(user).team_ids)


def supervises_a_team(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_staff:
        return False
    return _team_facts(user).supervises


def sees_every_case(user) -> bool:
    """Superusers and the contact centre see every case."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_staff:
        return False
    return user.is_superuser or _team_facts(user).contact_centre


def cases_visible_to(user) -> QuerySet[Case]:
    """The cases this member of staff may see: their teams' case types; every case for
    the contact centre and superusers; none for anyone else."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_staff:
        return Case.objects.none()
    if sees_every_case(user):
        return Case.objects.all()
    case_type_ids = _team_facts(user).case_type_ids
    if not case_type_ids:
        return Case.objects.none()
    return Case.objects.filter(case_type_id__in=case_type_ids)


def case_types_creatable_by(user):
    """Contact centre (and superusers): any type; other teams: their own types."""
    from services.cases.models import CaseType

    if sees_every_case(user):
        return CaseType.objects.all()
    return CaseType.objects.filter(team__in=user_teams(user))


def customers_visible_to(user):
    """Customers with a case the user may see; every customer for those who see every case."""
    if sees_every_case(user):
        return Customer.objects.all()
    return Customer.objects.filter(pk__in=cases_visible_to(user).filter(customer__isnull=False).values("customer_id"))


DOWNLOADABLE_SCANS = (CaseFile.Scan.CLEAN, CaseFile.Scan.NOT_SCANNED)


def case_files_downloadable_by(user):
    """Uploads staff may download: on a visible case and scanned clean (or no scanner)."""
    return CaseFile.objects.filter(case__in=cases_visible_to(user), scan_status__in=DOWNLOADABLE_SCANS)


def case_file_downloadable(file: CaseFile) -> bool:
    """For a file of a case already read through ``cases_visible_to``: the same rule as
    ``case_files_downloadable_by`` without asking the database again."""
    return file.scan_status in DOWNLOADABLE_SCANS


# --- Queues ------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    case_type: str = ""
    ward: str = ""
    channel: str = ""
    overdue: bool = False
    assigned_to: str = ""  # a user id, "me" or "none"
    q: str = ""
    sort: str = "sla_due"


SORTS = {
    "sla_due": ("sla_due", "pk"),
    "-sla_due": ("-sla_due", "-pk"),
    "created_at": ("created_at", "pk"),
    "-created_at": ("-created_at", "-pk"),
    "reference": ("reference",),
    "priority": ("-priority_rank", "sla_due", "pk"),
}


def case_queue(*, user, scope: str, filters: QueueFilters, today=None) -> QuerySet[Case]:
    """A queue of cases the user may see: ``mine`` (assigned to them) or ``team``
    (their teams' cases, or every case for the contact centre), filtered and sorted.

    Each filter and sort is written so PostgreSQL can answer it from the indexes on
    open cases (see the model's ``Meta.indexes``) without reading the whole table."""
    today = today or timezone.localdate()
    cases = cases_visible_to(user)
    if scope == "mine":
        cases = cases.filter(assigned_to=user)
    if filters.status == "open" or filters.overdue:
        cases = cases.filter(OPEN_CASES)
    if filters.status == "closed":
        cases = cases.filter(status=Case.Status.CLOSED)
    elif filters.status and filters.status != "open":
        # By id rather than through a join, so the database knows how many cases match.
        statuses = WorkflowStatus.objects.filter(slug=filters.status)
        if not sees_every_case(user):
            statuses = statuses.filter(case_type_id__in=_team_facts(user).case_type_ids)
        found = list(statuses.values_list("pk", "is_closed"))
        cases = cases.filter(workflow_status_id__in=[pk for pk, _ in found])
        if not any(closed for _, closed in found):
            cases = cases.filter(OPEN_CASES)  # says so to the database, for the open-case indexes
    if filters.case_type.isdigit():
        cases = cases.filter(case_type_id=int(filters.case_type))
    if filters.ward:
        cases = cases.filter(ward=filters.ward)
    if filters.channel:
        cases = cases.filter(channel=filters.channel)
    if filters.overdue:
        cases = cases.filter(sla_due__lt=today)
    if filters.assigned_to == "me":
        cases = cases.filter(assigned_to=user)
    elif filters.assigned_to == "none":
        cases = cases.filter(assigned_to__isnull=True)
    elif filters.assigned_to.isdigit():
        cases = cases.filter(assigned_to_id=int(filters.assigned_to))
    if filters.q.strip():
        cases = cases.filter(_search(filters.q))
    if filters.sort == "priority":
        cases = cases.annotate(priority_rank=PRIORITY_RANK)
    return (
        cases.select_related("case_type", "workflow_status", "customer", "assigned_to")
        # The queue shows neither the answers nor the form's summary of them.
        .defer("answers", "answer_summary")
        .order_by(*SORTS.get(filters.sort, SORTS["sla_due"]))
    )


REFERENCE = re.compile(r"^[A-Z]{1,10}-\d{4}-\d{1,9}$", re.IGNORECASE)
POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$", re.IGNORECASE)
# Above this many customers of one name, match them in the database rather than by id.
CUSTOMER_IDS_MAX = 1000


def _search(text: str) -> Q:
    """Reference, customer name, postcode (in the address) or UPRN.

    What was typed decides where to look, so that each search uses an index: a whole
    reference its unique index, a number the UPRN (and references containing it), a
    postcode the address, anything else names, addresses and references (trigram
    indexes on PostgreSQL)."""
    text = text.strip()[:100]
    squashed = text.replace(" ", "").upper()
    if REFERENCE.match(text):
        return Q(reference=text) | Q(reference=text.upper())
    if text.isdigit():
        return Q(uprn=text) | Q(reference__icontains=text)
    if POSTCODE.match(squashed):
        return Q(address__icontains=f"{squashed[:-3]} {squashed[-3:]}")
    named = Customer.objects.filter(name__icontains=text).values("pk")
    ids = list(named.values_list("pk", flat=True)[: CUSTOMER_IDS_MAX + 1])
    found = (Q(customer__in=named) if len(ids) > CUSTOMER_IDS_MAX else Q(customer_id__in=ids)) | Q(
        address__icontains=text
    )
    if any(character.isdigit() for character in text):
        found |= Q(reference__icontains=text)
    return found


def case_type_choices(*, case_type) -> tuple[list[WorkflowStatus], list]:
    """The case type's workflow statuses and resolution categories, each in order, in
    one read (the case page offers both)."""
    from django.db.models import BooleanField, CharField, IntegerField, Value

    from services.cases.models import ResolutionCategory

    columns = ("pk", "sort_order", "name")
    statuses = WorkflowStatus.objects.filter(case_type=case_type).values_list(
        Value(0, output_field=IntegerField()), *columns, "slug", "is_closed"
    )
    resolutions = ResolutionCategory.objects.filter(case_type=case_type).values_list(
        Value(1, output_field=IntegerField()),
        *columns,
        Value("", output_field=CharField()),
        Value(False, output_field=BooleanField()),
    )
    found: tuple[list, list] = ([], [])
    # Sorted here: a compound query takes no ORDER BY in its parts on SQLite.
    rows = statuses.order_by().union(resolutions.order_by(), all=True)
    for kind, pk, order, name, slug, closed in sorted(rows, key=lambda row: row[:3]):
        if kind == 0:
            found[0].append(
                WorkflowStatus(pk=pk, case_type=case_type, sort_order=order, name=name, slug=slug, is_closed=closed)
            )
        else:
            found[1].append(ResolutionCategory(pk=pk, case_type=case_type, sort_order=order, name=name))
    return found


def cases_related(*, case: Case, user) -> list[Case]:
    """Other cases at the same address (UPRN) or for the same customer."""
    query = Q()
    if case.uprn:
        query |= Q(uprn=case.uprn)
    if case.customer_id:
        query |= Q(customer_id=case.customer_id)
    if not query:
        return []
    return list(
        cases_visible_to(user)
        .filter(query)
        .exclude(pk=case.pk)
        .select_related("case_type", "workflow_status")
        .defer("answers", "answer_summary")
        .order_by("-created_at")[:20]
    )


def linked_duplicates(*, case: Case, user) -> list[Case]:
    """The cases linked to this one as duplicates (their customers get its public
    updates), those the user may see, oldest first."""
    return list(cases_visible_to(user).filter(duplicate_of=case).only("pk", "reference").order_by("created_at"))


def case_timeline(*, case: Case) -> list[CaseEvent]:
    return list(case.events.all())


def sla_countdown(*, case: Case, today=None) -> dict:
    """Working days left (negative when overdue)."""
    from services.cases.sla import working_days_between

    today = today or timezone.localdate()
    if case.status == Case.Status.CLOSED:
        return {"closed": True, "days": 0, "overdue": False}
    days = working_days_between(start=today, end=case.sla_due)
    return {"closed": False, "days": days, "overdue": days < 0}


def cases_workable_by(user) -> QuerySet[Case]:
    """The visible cases this user may change (status, notes, assignment): their own
    teams' cases. The contact centre sees every case but works only its own."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_staff:
        return Case.objects.none()
    if user.is_superuser:
        return Case.objects.all()
    return Case.objects.filter(case_type_id__in=_team_facts(user).case_type_ids)


def case_is_workable_by(*, case: Case, user) -> bool:
    """``cases_workable_by`` for one case already in hand, without another query."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_staff:
        return False
    return user.is_superuser or case.case_type_id in _team_facts(user).case_type_ids


def assignable_users(*, user):
    """Staff the user may assign work to: members and supervisors of their teams."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    if user.is_superuser:
        teams_filter = Q(case_teams__isnull=False) | Q(supervised_case_teams__isnull=False) | Q(pk=user.pk)
    else:
        teams = user_teams(user)
        teams_filter = Q(case_teams__in=teams) | Q(supervised_case_teams__in=teams)
    return User.objects.filter(teams_filter, is_active=True).distinct().order_by("first_name", "username")


def possible_duplicates(*, case: Case, user, timeline: list[CaseEvent] | None = None) -> list[dict]:
    """Open cases of the same type the user may see, received within the case type's
    number of days before this one, at the same UPRN or within its distance.

    Only while the case is new: once someone has moved it along its workflow it is
    being dealt with in its own right. Pass the ``timeline`` already read to save a query."""
    import math
    from datetime import timedelta

    case_type = case.case_type
    if case.duplicate_of_id or not (case.uprn or case.latitude is not None):
        return []
    events = timeline if timeline is not None else case.events.filter(kind=CaseEvent.Kind.STATUS)
    if any(event.kind == CaseEvent.Kind.STATUS for event in events):
        return []
    since = case.created_at - timedelta(days=case_type.duplicate_days)
    candidates = (
        cases_visible_to(user)
        .filter(case_type=case_type, created_at__gte=since, created_at__lte=case.created_at, duplicate_of__isnull=True)
        .exclude(status=Case.Status.CLOSED)
        .exclude(pk=case.pk)
    )
    near = Q(uprn=case.uprn) if case.uprn else Q(pk__in=[])
    if case.latitude is not None and case.longitude is not None:
        # A box around the point first (indexes can help), then the true distance.
        metres = case_type.duplicate_distance_m
        dlat = metres / 111_320
        dlon = metres / (111_320 * max(math.cos(math.radians(float(case.latitude))), 0.01))
        near |= Q(
            latitude__range=(float(case.latitude) - dlat, float(case.latitude) + dlat),
            longitude__range=(float(case.longitude) - dlon, float(case.longitude) + dlon),
        )
    found = []
    for other in candidates.filter(near).select_related("workflow_status").order_by("created_at")[:10]:
        distance = None
        if other.latitude is not None and case.latitude is not None:
            distance = _metres(case.latitude, case.longitude, other.latitude, other.longitude)
            if distance > case_type.duplicate_distance_m and other.uprn != case.uprn:
                continue
        found.append({"case": other, "distance": round(distance) if distance is not None else None})
    return found


def _metres(lat1, lon1, lat2, lon2) -> float:
    import math

    lat1, lon1, lat2, lon2 = (math.radians(float(v)) for v in (lat1, lon1, lat2, lon2))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6_371_000 * 2 * math.asin(math.sqrt(a))


def last_email_state():
    """The state of the case's last email that is no longer waiting, to read with the case
    (``.annotate(last_email_state=last_email_state())``) instead of asking again."""
    from django.db.models import OuterRef, Subquery

    from services.cases.models import Outbox

    emails = Outbox.objects.filter(case=OuterRef("pk"), kind=Outbox.Kind.EMAIL).exclude(state=Outbox.State.PENDING)
    return Subquery(emails.order_by("-pk").values("state")[:1])


def case_unreachable(*, case: Case) -> bool:
    """Whether the last email to the customer was given up on (a dead letter)."""
    from services.cases.models import Outbox

    if hasattr(case, "last_email_state"):
        return case.last_email_state == Outbox.State.DEAD
    last = case.outbox.filter(kind=Outbox.Kind.EMAIL).exclude(state=Outbox.State.PENDING).order_by("-pk").first()
    return last is not None and last.state == Outbox.State.DEAD
