"""A resident's progress through a form, kept in their session so Back, refresh and
validation errors never lose answers."""

from __future__ import annotations

import secrets
import time

from services.forms.models import EForm


def _key(form: EForm) -> str:
    return f"eform:{form.pk}"


def _done_key(form: EForm) -> str:
    return f"eform-done:{form.pk}"


def progress_get(session, form: EForm) -> dict | None:
    return session.get(_key(form))


def progress_start(session, form: EForm) -> dict:
    progress = {
        "revision": form.live_revision_id,
        "answers": {},
        "files": {},
        "contact": None,
        "key": secrets.token_urlsafe(24),
        "started": time.time(),
    }
    session[_key(form)] = progress
    return progress


def progress_save(session, form: EForm, progress: dict) -> None:
    session[_key(form)] = progress
    session.modified = True


def progress_finish(session, form: EForm, *, reference: str, tracking_token: str | None, key: str, email: str):
    progress = session.pop(_key(form), None) or {}
    # Whether the resident gave any contact details at all (a name or phone without an
    # email still counts), so the confirmation page can say the right thing.
    contact_given = any((progress.get("contact") or {}).values())
    session[_done_key(form)] = {
        "reference": reference,
        "token": tracking_token,
        "key": key,
        "email": email,
        "contact_given": contact_given,
    }


def finished_get(session, form: EForm) -> dict | None:
    return session.get(_done_key(form))
