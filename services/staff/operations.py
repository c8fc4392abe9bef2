"""Staff second factor: enrolment, verification with a failure limit, and backup codes.

Every entry point (the sign-in screens, the demo loader, management commands) calls
these functions, so the rules live in one place.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_enrolment_start(*, user) -> TOTPDevice:
    """An unconfirmed authenticator for the user; it does nothing until a code from it is entered."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def totp_qr_code_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code in a data: URI (no inline style, so the CSP holds)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def totp_secret_for_display(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def current_totp_code(device: TOTPDevice) -> str:
    """The code an authenticator app would show now (for tests and the demo loader's checks)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@transaction.atomic
def totp_enrolment_confirm(*, request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a code from it. Returns fresh backup codes (shown
    once), or None if the code was wrong."""
    if not device.verify_token(_normalise(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    codes = backup_codes_issue(user=device.user)
    otp_login(request, device)
    return codes


@transaction.atomic
def backup_codes_issue(*, user, count: int = BACKUP_CODE_COUNT) -> list[str]:
    """Replace the user's backup codes with new single-use ones."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(count)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@dataclass(frozen=True)
class VerificationResult:
    verified: bool
    locked: bool = False
    throttled: bool = False
    used_backup_code: bool = False
    backup_codes_left: int | None = None


def _failure_key(user) -> str:
    return f"staff-otp-failures:{user.pk}"


def verification_locked(user) -> bool:
    return cache.get(_failure_key(user), 0) >= settings.STAFF_OTP_FAILURE_LIMIT


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "")


def second_factor_verify(*, request, user, code: str) -> VerificationResult:
    """Check a one-time or backup code. After STAFF_OTP_FAILURE_LIMIT wrong codes,
    verification stops for STAFF_OTP_COOLOFF, whatever code is entered."""
    if verification_locked(user):
        return VerificationResult(verified=False, locked=True)
    token = _normalise(code)
    devices = [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *StaticDevice.objects.filter(user=user, confirmed=True),
    ]
    allowed = [device for device in devices if device.verify_is_allowed()[0]]
    if devices and not allowed:
        # django-otp slows guessing: each wrong code doubles the wait before the next.
        return VerificationResult(verified=False, throttled=True)
    for device in allowed if token else []:
        if device.verify_token(token):
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                return _verified(request, user, device, used_backup_code=True, backup_codes_left=left)
            return _verified(request, user, device)
    # Consecutive wrong codes; the count lasts STAFF_OTP_COOLOFF after the latest one.
    key = _failure_key(user)
    failures = cache.get(key, 0) + 1
    cache.set(key, failures, timeout=int(settings.STAFF_OTP_COOLOFF.total_seconds()))
    return VerificationResult(verified=False, locked=failures >= settings.STAFF_OTP_FAILURE_LIMIT)


def _verified(request, user, device, **details) -> VerificationResult:
    cache.delete(_failure_key(user))
    otp_login(request, device)
    return VerificationResult(verified=True, **details)


@transaction.atomic
def staff_second_factor_provision(*, user) -> tuple[TOTPDevice, list[str]]:
    """Give a user a confirmed authenticator secret and backup codes in one go, for
    accounts an administrator sets up (the demo staff, say). Replaces any existing ones."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)
    return device, backup_codes_issue(user=user)
