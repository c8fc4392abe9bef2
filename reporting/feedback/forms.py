from django import forms

from reporting.feedback.models import Answer
from reporting.feedback.submission import comment_max_length


def _comment_field(label: str, short: str) -> forms.CharField:
    limit = comment_max_length()
    return forms.CharField(
        label=label,
        required=False,
        max_length=limit,
        strip=True,
        error_messages={"max_length": f"{short} must be {limit:,} characters or less"},
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class FeedbackForm(forms.Form):
    """What the component and the details page post. The honeypot ("website") is a
    field people never see; ``follow_up`` is set when adding detail to a "No"."""

    token = forms.CharField(required=False, widget=forms.HiddenInput)
    follow_up = forms.CharField(required=False, widget=forms.HiddenInput)
    answer = forms.ChoiceField(
        choices=Answer.choices, required=False, error_messages={"invalid_choice": "Select whether this page is useful"}
    )
    doing = _comment_field("What were you trying to do?", "What you were trying to do")
    went_wrong = _comment_field("What went wrong?", "What went wrong")
    website = forms.CharField(required=False)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if not data.get("follow_up"):
            if not data.get("answer"):
                self.add_error("answer", "Select whether this page is useful")
            elif data["answer"] == Answer.PROBLEM and not (data.get("doing") or data.get("went_wrong")):
                self.add_error("went_wrong", "Enter what went wrong")
        return data
