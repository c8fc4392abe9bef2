"""Business operations on residents' accounts. Views, commands and tests call these."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from services.accounts.models import AccountToken, Draft, ResidentProfile
from services.cases.models import Case, CaseEvent, Customer

User = get_user_model()

# The actor of timeline events a resident writes from their account.
RESIDENT_ACTOR = "resident"


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def _base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _send(*, to: str, subject: str, template: str, context: dict) -> None:
    context = {"council_name": getattr(settings, "COUNCIL_NAME", ""), "base_url": _base_url(), **context}
    body = render_to_string(f"accounts/emails/{template}.txt", context)
    # Sent by the operation after its writes (callers send last), so the link in it exists.
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


# --- Single-use links --------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _lifetime(purpose: str) -> timedelta:
    if purpose == AccountToken.Purpose.RESET:
        return timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    return timedelta(hours=settings.ACCOUNT_LINK_HOURS)


def token_issue(*, user, purpose: str, now: datetime | None = None) -> str:
    """A new link for ``purpose``; earlier unused links for the same purpose stop working."""
    now = now or timezone.now()
    AccountToken.objects.filter(user=user, purpose=purpose, used_at__isnull=True).update(used_at=now)
    token = secrets.token_urlsafe(32)
    AccountToken.objects.create(
        user=user, purpose=purpose, token_hash=_hash(token), created_at=now, expires_at=now + _lifetime(purpose)
    )
    return token


class LinkProblem(Exception):
    """A link that cannot be used: ``reason`` is "invalid", "expired" or "used"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def token_check(*, token: str, purpose: str, now: datetime | None = None) -> AccountToken:
    now = now or timezone.now()
    if not token or len(token) > 100:
        raise LinkProblem("invalid")
    row = AccountToken.objects.select_related("user").filter(token_hash=_hash(token), purpose=purpose).first()
    if row is None:
        raise LinkProblem("invalid")
    if row.used_at is not None:
        raise LinkProblem("used")
    if row.expires_at <= now:
        raise LinkProblem("expired")
    return row


def _token_use(*, token: str, purpose: str) -> AccountToken:
    row = token_check(token=token, purpose=purpose)
    # Only one request can use a link, even when two arrive together.
    used = AccountToken.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=timezone.now())
    if not used:
        raise LinkProblem("used")
    return row


# --- Residents ---------------------------------------------------------------------


def resident_by_email(email: str):
    """The resident (never a member of staff) with this address, or None."""
    email = normalise_email(email)
    if not email:
        return None
    return User.objects.filter(email__iexact=email, is_staff=False, is_superuser=False).first()


def profile_for(user) -> ResidentProfile:
    profile, _ = ResidentProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def resident_sign_up(*, email: str, password: str, name: str = "") -> None:
    """Start an account, or tell the address's owner they already have one. The caller
    shows the same page either way, so nobody learns whether an address is registered."""
    email = normalise_email(email)
    existing = User.objects.filter(email__iexact=email).first() or User.objects.filter(username=email).first()
    if existing is not None:
        profile = ResidentProfile.objects.filter(user=existing).first()
        if existing.is_staff or existing.is_superuser or (profile is not None and profile.verified):
            _send(
                to=email,
                subject="You already have an account",
                template="already_registered",
                context={"user": existing},
            )
            return
        # Never confirmed: whoever confirms the address owns the account, with the newest password.
        existing.set_password(password)
        existing.first_name = name[:150]
        existing.save(update_fields=["password", "first_name"])
        user = existing
    else:
        user = User.objects.create_user(username=email, email=email, password=password, first_name=name[:150])
    profile_for(user)
    email_verification_send(user=user)


def email_verification_send(*, user) -> None:
    token = token_issue(user=user, purpose=AccountToken.Purpose.VERIFY)
    _send(
        to=user.email,
        subject="Confirm your email address",
        template="verify",
        context={
            "user": user,
            "url": f"{_base_url()}/account/confirm-email/{token}/",
            "hours": settings.ACCOUNT_LINK_HOURS,
        },
    )


def email_verification_resend(*, email: str) -> None:
    """A new confirmation link for an unconfirmed account; silent otherwise."""
    user = resident_by_email(email)
    if user is None or profile_for(user).verified:
        return
    email_verification_send(user=user)


@transaction.atomic
def email_verify(*, token: str):
    row = _token_use(token=token, purpose=AccountToken.Purpose.VERIFY)
    profile = profile_for(row.user)
    profile.email_verified_at = timezone.now()
    profile.save(update_fields=["email_verified_at"])
    resident_link_cases(user=row.user)
    return row.user


def resident_link_cases(*, user) -> int:
    """Link every customer record with the account's verified address, so earlier
    requests appear under "Your requests". Returns how many were newly linked."""
    profile = profile_for(user)
    if not profile.verified or not user.email:
        return 0
    found = set(Customer.objects.filter(email__iexact=user.email).values_list("pk", flat=True))
    new = found - set(profile.customers.values_list("pk", flat=True))
    if new:
        profile.customers.add(*new)
    return len(new)


def password_reset_request(*, email: str) -> None:
    """Email a reset link when the address belongs to a resident; silent otherwise."""
    user = resident_by_email(email)
    if user is None:
        return
    token = token_issue(user=user, purpose=AccountToken.Purpose.RESET)
    _send(
        to=user.email,
        subject="Reset your password",
        template="reset",
        context={
            "user": user,
            "url": f"{_base_url()}/account/reset-password/{token}/",
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        },
    )


@transaction.atomic
def password_reset_complete(*, token: str, password: str):
    """Set the new password. Every other session of the account ends with the old password."""
    row = _token_use(token=token, purpose=AccountToken.Purpose.RESET)
    row.user.set_password(password)
    row.user.save(update_fields=["password"])
    # Whoever holds the mailbox proved they own the address.
    profile = profile_for(row.user)
    if not profile.verified:
        profile.email_verified_at = timezone.now()
        profile.save(update_fields=["email_verified_at"])
        resident_link_cases(user=row.user)
    return row.user


@transaction.atomic
def email_change_request(*, user, new_email: str) -> None:
    new_email = normalise_email(new_email)
    profile = profile_for(user)
    profile.pending_email = new_email
    profile.save(update_fields=["pending_email"])
    if User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
        # Tell the owner of that address, never the person asking.
        _send(to=new_email, subject="Someone tried to use your email address", template="email_taken", context={})
        return
    token = token_issue(user=user, purpose=AccountToken.Purpose.EMAIL_CHANGE)
    _send(
        to=new_email,
        subject="Confirm your new email address",
        template="email_change",
        context={"url": f"{_base_url()}/account/confirm-new-email/{token}/", "hours": settings.ACCOUNT_LINK_HOURS},
    )


@transaction.atomic
def email_change_confirm(*, token: str):
    row = _token_use(token=token, purpose=AccountToken.Purpose.EMAIL_CHANGE)
    user = row.user
    profile = profile_for(user)
    new_email = profile.pending_email
    if not new_email or User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
        raise LinkProblem("invalid")
    old_email = user.email
    user.email = new_email
    user.username = new_email
    user.save(update_fields=["email", "username"])
    profile.pending_email = ""
    profile.email_verified_at = timezone.now()
    profile.save(update_fields=["pending_email", "email_verified_at"])
    resident_link_cases(user=user)
    if old_email:
        _send(to=old_email, subject="Your email address was changed", template="email_changed", context={})
    return user


@dataclass(frozen=True)
class ProfileDetails:
    name: str = ""
    phone: str = ""
    uprn: str = ""
    address: str = ""
    email_updates: bool = True


@transaction.atomic
def profile_update(*, user, details: ProfileDetails) -> ResidentProfile:
    user.first_name = details.name[:150]
    user.save(update_fields=["first_name"])
    profile = profile_for(user)
    profile.phone = details.phone
    profile.uprn = details.uprn
    profile.address = details.address
    profile.email_updates = details.email_updates
    profile.save(update_fields=["phone", "uprn", "address", "email_updates"])
    return profile


@transaction.atomic
def case_information_add(*, user, case: Case, text: str, now: datetime | None = None) -> CaseEvent:
    """A resident adds information to one of their open requests; staff see it on the timeline.

    The caller must have found ``case`` through :func:`selectors.resident_case`."""
    if case.status == Case.Status.CLOSED:
        raise ValueError("This request is closed.")
    return CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.UPDATE,
        description=f"You added: {text}",
        # Not public: the anonymous tracking page must never show what a person wrote.
        # The resident sees it in their account through selectors.case_resident_timeline.
        public=False,
        actor=RESIDENT_ACTOR,
        created_at=now or timezone.now(),
    )


# --- Drafts ------------------------------------------------------------------------


def draft_save(*, user, form_id: int, form_slug: str, form_title: str, progress: dict, now=None) -> Draft:
    now = now or timezone.now()
    draft, _ = Draft.objects.update_or_create(
        user=user,
        form_id=form_id,
        defaults={
            "form_slug": form_slug,
            "form_title": form_title,
            "progress": progress,
            "saved_at": now,
            "expires_at": now + timedelta(days=settings.ACCOUNT_DRAFT_DAYS),
        },
    )
    return draft


def draft_take(*, draft: Draft) -> dict:
    """The saved progress, to carry on with; the draft is gone once taken."""
    progress = draft.progress
    draft.delete()
    return progress


def drafts_expire(*, now: datetime | None = None) -> int:
    deleted, _ = Draft.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


# --- Data rights ---------------------------------------------------------------------


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete the account. Requests stay with the council for its retention period, but
    nothing links them to an account any more."""
    if user.is_staff or user.is_superuser:
        raise ValueError("Staff accounts are not deleted here.")
    email = user.email
    user.delete()  # the profile, its links to customers, drafts and links go with it
    if email:
        _send(to=email, subject="Your account has been deleted", template="deleted", context={})


# --- Optional second factor for residents ---------------------------------------------------

RESIDENT_TOTP_NAME = "Resident authenticator app"


def resident_has_second_factor(*, user) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def resident_totp_start(*, user):
    """An unconfirmed authenticator; it does nothing until a code from it is entered."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=RESIDENT_TOTP_NAME, confirmed=False)


@transaction.atomic
def resident_totp_confirm(*, user, code: str) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    token = "".join((code or "").split())
    if device is None or not token.isdigit() or not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


@transaction.atomic
def resident_totp_remove(*, user) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).delete()
