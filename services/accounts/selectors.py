"""Reads for residents' accounts. The access rule for a resident's requests lives
here, in :func:`resident_cases`, and every screen goes through it."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from services.accounts.models import Draft, ResidentProfile
from services.cases.models import Case, CaseEvent, CaseFile


def resident_profile(*, user) -> ResidentProfile | None:
    if not user.is_authenticated:
        return None
    return ResidentProfile.objects.filter(user=user).first()


def resident_cases(*, user) -> QuerySet[Case]:
    """The only way to a resident's requests, newest first: the cases of the customers
    linked to their account, and of any customer with the address they have confirmed
    (so a request sent after signing up appears at once). Nobody else's, ever."""
    profile = resident_profile(user=user)
    if profile is None or not profile.verified or user.is_staff or not user.email:
        return Case.objects.none()
    return (
        Case.objects.filter(Q(customer__resident_profiles=profile) | Q(customer__email__iexact=user.email))
        .select_related("case_type", "workflow_status")
        .distinct()
        .order_by("-created_at", "-pk")
    )


def resident_case(*, user, reference: str) -> Case:
    """One of the resident's requests, or 404 (whether it exists or not)."""
    case = resident_cases(user=user).filter(reference=reference).first()
    if case is None:
        raise Http404
    return case


def resident_case_file(*, user, reference: str, file_id) -> CaseFile:
    """An upload on one of the resident's requests, or 404."""
    case = resident_case(user=user, reference=reference)
    found = CaseFile.objects.filter(case=case, pk=file_id).exclude(scan_status=CaseFile.Scan.HELD).first()
    if found is None:
        raise Http404
    return found


def case_resident_timeline(*, case: Case) -> list[CaseEvent]:
    """What the resident sees happen: public events and what they added themselves."""
    from services.accounts.operations import RESIDENT_ACTOR

    mine = Q(kind=CaseEvent.Kind.UPDATE, actor=RESIDENT_ACTOR)
    return list(case.events.filter(Q(public=True) | mine).order_by("created_at", "pk"))


def case_is_overdue(*, case: Case, today: date | None = None) -> bool:
    """The same clock staff see: past the SLA date and not closed."""
    today = today or timezone.localdate()
    return case.status != Case.Status.CLOSED and case.sla_due < today


def case_is_open(*, case: Case) -> bool:
    return case.status != Case.Status.CLOSED


def resident_drafts(*, user) -> QuerySet[Draft]:
    return Draft.objects.filter(user=user, expires_at__gt=timezone.now())


def resident_draft(*, user, draft_id: int) -> Draft:
    draft = resident_drafts(user=user).filter(pk=draft_id).first()
    if draft is None:
        raise Http404
    return draft


def resident_data(*, user) -> dict:
    """Everything the platform holds about the resident, for "Download your data"."""
    profile = resident_profile(user=user)
    cases = []
    for case in resident_cases(user=user).prefetch_related("files"):
        cases.append(
            {
                "reference": case.reference,
                "type": case.case_type.name,
                "status": case.get_status_display(),
                "received": case.created_at.isoformat(),
                "expected_by": case.sla_due.isoformat(),
                "channel": case.get_channel_display(),
                "answers": [
                    {"question": row.get("label", ""), "answer": row.get("answer", "")}
                    for row in (case.answer_summary or [])
                ],
                "address": case.address,
                "location": case.location_description,
                "contact": {
                    "name": case.customer.name if case.customer else "",
                    "email": case.customer.email if case.customer else "",
                    "phone": case.customer.phone if case.customer else "",
                },
                "uploads": [
                    {"name": f.original_name, "type": f.content_type, "size": f.size} for f in case.files.all()
                ],
                "timeline": [
                    {"when": event.created_at.isoformat(), "what": event.description}
                    for event in case_resident_timeline(case=case)
                ],
            }
        )
    return {
        "account": {
            "name": user.first_name,
            "email": user.email,
            "created": user.date_joined.isoformat(),
            "last_sign_in": user.last_login.isoformat() if user.last_login else None,
            "email_confirmed": profile.email_verified_at.isoformat() if profile and profile.verified else None,
            "email_waiting_for_confirmation": profile.pending_email if profile else "",
        },
        "profile": {
            "phone": profile.phone if profile else "",
            "address": profile.address if profile else "",
            "uprn": profile.uprn if profile else "",
            "email_updates": profile.email_updates if profile else True,
        },
        "requests": cases,
        "drafts": [
            {
                "form": draft.form_title,
                "saved": draft.saved_at.isoformat(),
                "expires": draft.expires_at.isoformat(),
                "answers": draft.progress.get("answers", {}),
                "contact": draft.progress.get("contact"),
            }
            for draft in resident_drafts(user=user)
        ],
    }


def contact_prefill(*, user) -> dict:
    """A signed-in resident's contact details, to fill in on forms."""
    profile = resident_profile(user=user)
    if profile is None or not profile.verified:
        return {}
    name = " ".join(part for part in (user.first_name, user.last_name) if part)
    return {"name": name, "email": user.email, "phone": profile.phone}


def address_prefill(*, user) -> dict:
    profile = resident_profile(user=user)
    if profile is None or not profile.verified or not (profile.uprn or profile.address):
        return {}
    return {"uprn": profile.uprn, "address": profile.address}


def customer_wants_email_updates(*, customer) -> bool:
    """False when the resident behind this customer turned email updates off in their
    account. Status-change emails (services/cases) ask through the
    ``case_customer_email_updates`` Wagtail hook, so cases never imports accounts."""
    if customer is None or not customer.email:
        return True
    turned_off = ResidentProfile.objects.filter(email_updates=False, email_verified_at__isnull=False).filter(
        Q(customers=customer) | Q(user__email__iexact=customer.email)
    )
    return not turned_off.exists()
