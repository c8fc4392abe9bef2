"""Public forms of the content site: the events calendar filter."""

from urllib.parse import urlencode

from django import forms


class EventFilterForm(forms.Form):
    date_from = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the start date as a real date"},
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the end date as a real date"},
    )
    category = forms.ChoiceField(label="Category", required=False)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "All categories"), *((c.slug, c.name) for c in categories)]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return data

    def cleaned_filters(self) -> dict:
        return {
            "date_from": self.cleaned_data.get("date_from"),
            "date_to": self.cleaned_data.get("date_to"),
            "category": self.cleaned_data.get("category") or None,
        }

    def query_string(self) -> str:
        pairs = {k: v for k, v in self.data.items() if k in self.fields and v}
        return urlencode(pairs)
