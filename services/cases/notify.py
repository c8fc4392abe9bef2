"""GOV.UK Notify as Django's email backend, written against Notify's published REST
API (v2): ``POST /v2/notifications/email`` with a JSON body, authenticated by a JSON
Web Token (HS256; ``iss`` is the service id, ``iat`` the time) made from the API key.

Choose it with ``EMAIL_BACKEND=services.cases.notify.NotifyEmailBackend``. Notify sends
through a template: make one whose subject is ``((subject))`` and body ``((body))`` and
set its id in ``NOTIFY_EMAIL_TEMPLATE_ID``. Errors say whether a retry can help (429 and
5xx, timeouts) or not (other 4xx), so the outbox retries or gives up accordingly."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend

REFERENCE_HEADER = "X-Council-Reference"


class NotifyError(Exception):
    def __init__(self, status: int, errors: list[dict] | None = None):
        self.status = status
        self.errors = errors or []
        names = ", ".join(str(e.get("error", "")) for e in self.errors) or "no detail"
        super().__init__(f"Notify answered {status or 'nothing'} ({names})")

    @property
    def retryable(self) -> bool:
        """Timeouts, rate limits and server errors may pass; other refusals will not."""
        return self.status == 0 or self.status == 429 or self.status >= 500


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def notify_token(*, service_id: str, secret: str, now: float | None = None) -> str:
    """The JSON Web Token Notify expects on every request."""
    header = _b64(json.dumps({"typ": "JWT", "alg": "HS256"}, separators=(",", ":")).encode())
    claims = _b64(json.dumps({"iss": service_id, "iat": int(now or time.time())}, separators=(",", ":")).encode())
    signature = hmac.new(secret.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    return f"{header}.{claims}.{_b64(signature)}"


class NotifyClient:
    def __init__(self, *, api_key: str, base_url: str, timeout: int = 10):
        # A key is "{name}-{service id}-{secret}", both ids being 36-character UUIDs.
        if len(api_key) < 74:
            raise ImproperlyConfigured("NOTIFY_API_KEY is not a GOV.UK Notify API key.")
        self.service_id, self.secret = api_key[-73:-37], api_key[-36:]
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def send_email(self, *, email_address: str, template_id: str, personalisation: dict, reference: str = "") -> dict:
        body = {"email_address": email_address, "template_id": template_id, "personalisation": personalisation}
        if reference:
            body["reference"] = reference
        request = urllib.request.Request(  # noqa: S310 - the configured Notify host
            f"{self.base_url}/v2/notifications/email",
            data=json.dumps(body).encode(),
            method="POST",
            headers={
                "Authorization": f"Bearer {notify_token(service_id=self.service_id, secret=self.secret)}",
                "Content-Type": "application/json",
                "User-Agent": "council-platform",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - configured host
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            try:
                errors = json.loads(error.read() or b"{}").get("errors", [])
            except ValueError:
                errors = []
            raise NotifyError(error.code, errors) from None
        except (urllib.error.URLError, TimeoutError, OSError):
            raise NotifyError(0) from None


class NotifyEmailBackend(BaseEmailBackend):
    """Each recipient of each message becomes one Notify email."""

    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.template_id = settings.NOTIFY_EMAIL_TEMPLATE_ID
        self.client = NotifyClient(
            api_key=settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=settings.NOTIFY_TIMEOUT
        )

    def send_messages(self, email_messages) -> int:
        sent = 0
        for message in email_messages:
            reference = str(message.extra_headers.get(REFERENCE_HEADER, ""))
            try:
                for address in message.recipients():
                    self.client.send_email(
                        email_address=address,
                        template_id=self.template_id,
                        personalisation={"subject": message.subject, "body": message.body},
                        reference=reference,
                    )
            except NotifyError:
                if not self.fail_silently:
                    raise
                continue
            sent += 1
        return sent
