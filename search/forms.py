from django import forms

from search.analysis import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=1000, strip=True)
    content_type = forms.MultipleChoiceField(required=False)
    section = forms.MultipleChoiceField(required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=1000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Filter values are checked against the facets later: accept any text here.
        self.fields["content_type"].valid_value = lambda value: len(value) <= 80
        self.fields["section"].valid_value = lambda value: len(value) <= 255

    def query(self) -> str:
        return (self.cleaned_data.get("q") or "")[:MAX_QUERY_LENGTH] if self.is_valid() else ""
