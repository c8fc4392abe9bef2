"""Taking in an answer to "Is this page useful?" from an anonymous visitor.

The form is on every public page, and public pages must stay cacheable, so it carries
no per-visitor CSRF token. Instead each form carries a *signed* token naming the page,
its revision, its path and when the form was made. A post is accepted only when:

- the signature is good (the page, revision and path were put there by us),
- the form is older than a couple of seconds (bots post at once) and younger than a
  few days (long enough for any cache),
- the honeypot field is empty (posts that fill it are dropped quietly), and
- the client has not posted too often lately (a keyed hash of its address, kept in
  the cache for the rate-limit window only; the address itself is never stored).

A forged cross-site post can at worst add one anonymous, redacted answer that staff
can mark as spam: it changes nothing that belongs to anybody.
"""

import hashlib
import hmac
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Page, Revision

from reporting.feedback.models import Answer, FeedbackResponse
from reporting.feedback.redaction import redact

FORM_SALT = "feedback.form"
FOLLOW_UP_SALT = "feedback.follow-up"


def comment_max_length() -> int:
    return getattr(settings, "FEEDBACK_COMMENT_MAX_LENGTH", 1200)


def minimum_seconds() -> float:
    return getattr(settings, "FEEDBACK_MINIMUM_SECONDS", 2)


def token_max_age() -> int:
    return getattr(settings, "FEEDBACK_TOKEN_MAX_AGE", 3 * 24 * 60 * 60)


def rate_limit() -> tuple[int, int]:
    """(posts, seconds): how many posts one client may make in a window."""
    return getattr(settings, "FEEDBACK_RATE_LIMIT", (5, 10 * 60))


FOLLOW_UP_MAX_AGE = 60 * 60


class FeedbackRefused(Exception):
    """The post was not stored. ``code`` is "invalid", "stale", "too_fast" or "rate";
    ``message`` is written for the visitor."""

    def __init__(self, code: str, message: str, *, retry_after: int | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.retry_after = retry_after


@dataclass(frozen=True)
class FeedbackTarget:
    page_id: int | None
    revision_id: int | None
    path: str
    issued_at: float


@dataclass(frozen=True)
class FeedbackResult:
    response: FeedbackResponse | None
    path: str
    follow_up: str | None = None


def feedback_token_issue(*, page_id: int | None, revision_id: int | None, path: str, now: float | None = None) -> str:
    issued = int(time.time() if now is None else now)
    return signing.dumps({"p": page_id, "r": revision_id, "u": path, "t": issued}, salt=FORM_SALT, compress=True)


def feedback_token_read(*, token: str, now: float | None = None, check_age: bool = True) -> FeedbackTarget:
    try:
        data = signing.loads(token or "", salt=FORM_SALT)
        target = FeedbackTarget(page_id=data["p"], revision_id=data["r"], path=str(data["u"]), issued_at=data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise FeedbackRefused("invalid", "Something went wrong sending your feedback. Try again.") from error
    if not target.path.startswith("/") or target.path.startswith("//"):
        raise FeedbackRefused("invalid", "Something went wrong sending your feedback. Try again.")
    if check_age:
        age = (time.time() if now is None else now) - target.issued_at
        if age > token_max_age():
            raise FeedbackRefused("stale", "This page was open for a long time. Check your feedback and send it again.")
        if age < minimum_seconds():
            raise FeedbackRefused("too_fast", "Check your feedback and send it again.")
    return target


def _client_key(client_address: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"feedback:{client_address}".encode(), hashlib.sha256)
    return "feedback:rate:" + digest.hexdigest()[:40]


def _wait_text(seconds: int) -> str:
    if seconds <= 60:
        return "1 minute"
    return f"{-(-seconds // 60)} minutes"


def feedback_rate_check(*, client_address: str, now: float | None = None) -> None:
    """Refuse when this client has already posted the most allowed in the window."""
    limit, window = rate_limit()
    now = time.time() if now is None else now
    recent = [t for t in cache.get(_client_key(client_address), []) if t > now - window]
    if len(recent) >= limit:
        retry_after = max(1, int(recent[0] + window - now) + 1)
        raise FeedbackRefused(
            "rate",
            f"You have sent feedback {limit} times in the last {window // 60} minutes. "
            f"Wait {_wait_text(retry_after)}, then send it again.",
            retry_after=retry_after,
        )


def _rate_record(*, client_address: str, now: float | None = None) -> None:
    limit, window = rate_limit()
    now = time.time() if now is None else now
    key = _client_key(client_address)
    recent = [t for t in cache.get(key, []) if t > now - window]
    cache.set(key, [*recent, now][-limit:], timeout=window)


def _clean_comment(value: str, label: str) -> str:
    value = (value or "").strip()
    if len(value) > comment_max_length():
        raise ValidationError(f"{label} must be {comment_max_length():,} characters or less")
    return value


@transaction.atomic
def feedback_submit(
    *,
    token: str,
    answer: str,
    doing: str = "",
    went_wrong: str = "",
    honeypot: str = "",
    client_address: str,
    now: float | None = None,
) -> FeedbackResult:
    """Store one answer. Raises FeedbackRefused (nothing stored, nothing lost: the
    caller shows the form again) or ValidationError for bad input."""
    target = feedback_token_read(token=token, now=now)
    if answer not in Answer.values:
        raise ValidationError("Select whether this page is useful")
    doing = _clean_comment(doing, "What you were trying to do")
    went_wrong = _clean_comment(went_wrong, "What went wrong")
    if answer == Answer.PROBLEM and not (doing or went_wrong):
        raise ValidationError("Enter what went wrong")
    if honeypot:
        # A bot: pretend it worked, keep nothing.
        return FeedbackResult(response=None, path=target.path)
    feedback_rate_check(client_address=client_address, now=now)

    page = Page.objects.filter(pk=target.page_id).only("pk").first() if target.page_id else None
    revision = None
    if page and target.revision_id:
        revision = Revision.objects.filter(pk=target.revision_id, object_id=str(page.pk)).only("pk").first()
    doing, doing_kinds = redact(doing)
    went_wrong, wrong_kinds = redact(went_wrong)
    response = FeedbackResponse.objects.create(
        page=page,
        page_revision=revision,
        path=target.path[:2048],
        answer=answer,
        doing=doing,
        went_wrong=went_wrong,
        redacted=sorted(set(doing_kinds) | set(wrong_kinds)),
    )
    _rate_record(client_address=client_address, now=now)
    follow_up = None
    if answer == Answer.NO and not response.has_comment:
        follow_up = signing.dumps(response.pk, salt=FOLLOW_UP_SALT)
    return FeedbackResult(response=response, path=target.path, follow_up=follow_up)


def feedback_follow_up_read(*, follow_up: str) -> FeedbackResponse:
    try:
        pk = signing.loads(follow_up or "", salt=FOLLOW_UP_SALT, max_age=FOLLOW_UP_MAX_AGE)
    except signing.SignatureExpired as error:
        raise FeedbackRefused("stale", "Your answer was saved, but it is too late to add more to it.") from error
    except signing.BadSignature as error:
        raise FeedbackRefused("invalid", "Something went wrong sending your feedback. Try again.") from error
    response = FeedbackResponse.objects.filter(pk=pk).first()
    if response is None:
        raise FeedbackRefused("invalid", "Something went wrong sending your feedback. Try again.")
    return response


@transaction.atomic
def feedback_add_comments(*, follow_up: str, doing: str = "", went_wrong: str = "") -> FeedbackResult:
    """Add what went wrong to a "No" just given. Works once: the signed follow-up
    token lets only the visitor who answered add to their own answer."""
    response = feedback_follow_up_read(follow_up=follow_up)
    response = FeedbackResponse.objects.select_for_update().get(pk=response.pk)
    doing = _clean_comment(doing, "What you were trying to do")
    went_wrong = _clean_comment(went_wrong, "What went wrong")
    if response.has_comment:
        raise FeedbackRefused("invalid", "You have already told us about this page. Thank you.")
    doing, doing_kinds = redact(doing)
    went_wrong, wrong_kinds = redact(went_wrong)
    response.doing, response.went_wrong = doing, went_wrong
    response.redacted = sorted(set(response.redacted) | set(doing_kinds) | set(wrong_kinds))
    response.save(update_fields=["doing", "went_wrong", "redacted"])
    return FeedbackResult(response=response, path=response.path)
