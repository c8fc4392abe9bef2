"""Admin form for case types: the workflow must make sense before it is saved."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm


class CaseTypeForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("statuses") if hasattr(self, "formsets") else None
        if formset is None or not formset.is_valid():
            return cleaned
        rows = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        slugs = [row["slug"] for row in rows]
        if len(slugs) != len(set(slugs)):
            raise ValidationError("Each workflow status needs its own slug.")
        for row in rows:
            unknown = [
                s.strip() for s in row.get("allowed_next", "").split(",") if s.strip() and s.strip() not in slugs
            ]
            if unknown:
                raise ValidationError(
                    f"Status '{row['slug']}' allows moving to unknown statuses: {', '.join(unknown)}."
                )
        if rows and not any(row.get("is_closed") for row in rows):
            raise ValidationError("The workflow needs at least one closing status.")
        return cleaned
