"""Reading forms for residents' requests."""

from __future__ import annotations

from config.memo import SharedVersionMemo
from services.forms.models import EForm

# Every step and submission reads its form; editors change forms a few times a year.
_live_forms = SharedVersionMemo("live-forms")


def live_form(slug: str) -> EForm | None:
    """The published form with this slug, with its case type and definition, or None.

    The form is kept in memory per process and shared by its threads: read it, never
    change it (fetch it from the database to edit it)."""

    def read() -> EForm | None:
        form = EForm.objects.select_related("case_type").filter(slug=slug, live=True).first()
        if form is not None:
            form.definition  # noqa: B018 - build it once, before other threads share the form
        return form

    return _live_forms.get(slug, read)


def live_forms_changed(**signal_kwargs) -> None:
    _live_forms.invalidate()


# A saved revision never changes: a resident part-way through a form keeps the questions
# they started with, read from the revision once per process rather than on every step.
_forms_at_revision = SharedVersionMemo("forms-at-revision")


def form_at_revision(form: EForm, revision_id: int | None) -> EForm | None:
    """The form as it was at a revision (what a resident started), with its definition,
    or None. Shared like ``live_form``: read it, never change it."""

    def read() -> EForm | None:
        pinned = form.revision_as_form(revision_id)
        if pinned is not None:
            pinned.definition  # noqa: B018 - build it once, before other threads share the form
        return pinned

    return _forms_at_revision.get((form.pk, revision_id), read)
