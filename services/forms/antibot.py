"""Bots kept out of anonymous forms without a CAPTCHA: a honeypot field, a signed
minimum fill time, and submission limits per client and per email address. The
limits are generous, so a slow keyboard-only person always gets through."""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website"
STARTED_FIELD = "started"
_SALT = "services.forms.started"


class Refused(Exception):
    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def started_token(started_at: float | None = None) -> str:
    return signing.dumps(int(started_at or time.time()), salt=_SALT)


def check_honeypot(data) -> None:
    if data.get(HONEYPOT_FIELD):
        raise Refused("Sorry, we could not accept that. Please try again, leaving hidden fields empty.")


def check_fill_time(token: str | None) -> None:
    """Refuse submissions made faster than a person can fill the form in (or forged)."""
    minimum = getattr(settings, "EFORM_MIN_FILL_SECONDS", 5)
    try:
        started = signing.loads(token or "", salt=_SALT, max_age=60 * 60 * 24)
    except signing.BadSignature:
        raise Refused("Sorry, this form has expired. Please check your answers and send them again.") from None
    if time.time() - int(started) < minimum:
        raise Refused("That was quicker than we expected. Please check your answers and send them again.")


_WINDOW_SECONDS = 60 * 60


def _count(keys: list[str]) -> list[int]:
    """Count one submission against each key, for an hour from the key's first; returns
    the counts. On Redis this is one round trip for all the keys."""
    redis = _redis_client()
    if redis is not None:
        pipe = redis.pipeline(transaction=False)
        for key in keys:
            full_key = cache.make_and_validate_key(key)
            pipe.incr(full_key)
            pipe.expire(full_key, _WINDOW_SECONDS, nx=True)  # the hour starts at the first
        try:
            return pipe.execute()[0::2]
        except RedisError:
            # Redis is down: let the submission through rather than lose a resident's
            # report; the honeypot and the time trap still apply.
            logger.warning("Rate limit not counted: Redis is not answering")
            return []
    counts = []
    for key in keys:
        try:
            counts.append(cache.incr(key))
        except ValueError:  # the first this hour
            counts.append(1 if cache.add(key, 1, timeout=_WINDOW_SECONDS) else cache.incr(key))
    return counts


def _redis_client():
    """The Redis client behind the default cache, or None for other caches."""
    get_client = getattr(getattr(cache, "client", None), "get_client", None)
    return get_client(write=True) if get_client else None


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def check_rate_limit(*, client: str, email: str = "") -> None:
    """At most EFORM_SUBMISSIONS_PER_HOUR anonymous submissions an hour per client and per email."""
    limit = getattr(settings, "EFORM_SUBMISSIONS_PER_HOUR", 20)
    keys = ["eform-rate:client:" + hashlib.sha256(client.encode()).hexdigest()]
    if email:
        keys.append("eform-rate:email:" + hashlib.sha256(email.strip().lower().encode()).hexdigest())
    if any(count > limit for count in _count(keys)):
        raise Refused(
            "You have sent a lot of forms in the last hour. Please wait an hour and try again, or contact us "
            "another way.",
            status=429,
        )
