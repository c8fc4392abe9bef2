"""The only place accounts meets the e-form engine: saving a resident's progress as a
draft and putting it back. services.forms never imports accounts; it calls the
Wagtail hooks registered in wagtail_hooks.py."""

from __future__ import annotations

from django.urls import reverse

from services.accounts.models import Draft
from services.accounts.operations import draft_save, draft_take


def draft_from_progress(*, user, form, progress: dict) -> Draft:
    return draft_save(user=user, form_id=form.pk, form_slug=form.slug, form_title=form.title, progress=progress)


def draft_resume(*, request, draft: Draft) -> str | None:
    """Put the draft back in the resident's session; the URL to carry on at, or None
    when the form has gone or closed."""
    from services.forms.models import EForm
    from services.forms.progress import progress_save

    form = EForm.objects.filter(pk=draft.form_id, live=True).first()
    if form is None or not form.is_open():
        return None
    progress_save(request.session, form, draft_take(draft=draft))
    return reverse("forms:check", kwargs={"slug": form.slug})
