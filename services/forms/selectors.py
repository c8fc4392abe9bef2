"""Reading forms for residents' requests."""

from __future__ import annotations

from services.cases.memo import SharedVersionMemo
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
