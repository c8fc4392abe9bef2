"""Reads of cases that several screens share."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case as Case_
from django.db.models import IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from services.cases.models import Case, CaseEvent, CaseFile, Customer


def case_for_tracking_token(*, token: str) -> Case | None:
    if not token or len(token) > 64:
        return None
    return Case.objects.select_related("case_type", "workflow_status").filter(tracking_token=token).first()


def case_public_timeline(*, case: Case) -> list[CaseEvent]:
    return list(case.events.filter(public=True))


# --- Access: ONE rule for every staff screen, export, API and email -----------------


def user_teams(user):
    from services.cases.models import Team

    if not getattr(user, "is_authenticated", False):
        return Team.objects.none()
    return Team.objects.filter(Q(members=user) | Q(supervisors=user)).distinct()


def sees_every_case(user) -> bool:
    """Superusers and the contact centre see every case."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_staff:
        return False
    return user.is_superuser or user_teams(user).filter(is_contact_centre=True).exists()


def cases_visible_to(user) -> QuerySet[Case]:
    """The cases this member of staff may see: their teams' case types; every case for
    the contact centre and superusers; none for anyone else."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_staff:
        return Case.objects.none()
    if sees_every_case(user):
        return Case.objects.all()
    team_ids = list(user_teams(user).values_list("pk", flat=True))
    if not team_ids:
        return Case.objects.none()
    return Case.objects.filter(case_type__team_id__in=team_ids)


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


def case_files_downloadable_by(user):
    """Uploads staff may download: on a visible case and scanned clean (or no scanner)."""
    return CaseFile.objects.filter(
        case__in=cases_visible_to(user), scan_status__in=[CaseFile.Scan.CLEAN, CaseFile.Scan.NOT_SCANNED]
    )


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
    "priority": ("-priority_rank", "sla_due"),
}


def case_queue(*, user, scope: str, filters: QueueFilters, today=None) -> QuerySet[Case]:
    """A queue of cases the user may see: ``mine`` (assigned to them) or ``team``
    (their teams' cases, or every case for the contact centre), filtered and sorted."""
    today = today or timezone.localdate()
    cases = cases_visible_to(user)
    if scope == "mine":
        cases = cases.filter(assigned_to=user)
    elif scope == "team" and not sees_every_case(user):
        cases = cases.filter(case_type__team__in=user_teams(user))
    if filters.status == "open":
        cases = cases.exclude(status=Case.Status.CLOSED)
    elif filters.status == "closed":
        cases = cases.filter(status=Case.Status.CLOSED)
    elif filters.status:
        cases = cases.filter(workflow_status__slug=filters.status)
    if filters.case_type.isdigit():
        cases = cases.filter(case_type_id=int(filters.case_type))
    if filters.ward:
        cases = cases.filter(ward=filters.ward)
    if filters.channel:
        cases = cases.filter(channel=filters.channel)
    if filters.overdue:
        cases = cases.exclude(status=Case.Status.CLOSED).filter(sla_due__lt=today)
    if filters.assigned_to == "me":
        cases = cases.filter(assigned_to=user)
    elif filters.assigned_to == "none":
        cases = cases.filter(assigned_to__isnull=True)
    elif filters.assigned_to.isdigit():
        cases = cases.filter(assigned_to_id=int(filters.assigned_to))
    if filters.q:
        cases = cases.filter(_search(filters.q))
    cases = cases.annotate(
        priority_rank=Case_(
            When(priority="urgent", then=Value(3)),
            When(priority="high", then=Value(2)),
            When(priority="normal", then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    return cases.select_related("case_type", "workflow_status", "customer", "assigned_to").order_by(
        *SORTS.get(filters.sort, SORTS["sla_due"])
    )


def _search(text: str) -> Q:
    """Reference, customer name, postcode (in the address) or UPRN."""
    text = text.strip()[:100]
    squashed = text.replace(" ", "").upper()
    query = (
        Q(reference__iexact=text)
        | Q(reference__icontains=text)
        | Q(customer__name__icontains=text)
        | Q(uprn=text)
        | Q(address__icontains=text)
    )
    if 5 <= len(squashed) <= 7:
        query |= Q(address__icontains=f"{squashed[:-3]} {squashed[-3:]}")
    return query


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
        .order_by("-created_at")[:20]
    )


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
    return Case.objects.filter(case_type__team__in=user_teams(user))


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


def possible_duplicates(*, case: Case, user) -> list[dict]:
    """Open cases of the same type the user may see, received within the case type's
    number of days before this one, at the same UPRN or within its distance."""
    import math
    from datetime import timedelta

    case_type = case.case_type
    if case.duplicate_of_id or not (case.uprn or case.latitude is not None):
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


def case_unreachable(*, case: Case) -> bool:
    """Whether the last email to the customer was given up on (a dead letter)."""
    from services.cases.models import Outbox

    last = case.outbox.filter(kind=Outbox.Kind.EMAIL).exclude(state=Outbox.State.PENDING).order_by("-pk").first()
    return last is not None and last.state == Outbox.State.DEAD
