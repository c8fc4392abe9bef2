"""Django forms for the fixed parts of an e-form (the questions themselves are
validated by services.forms.validation)."""

from django import forms

from services.forms.definition import Question
from services.forms.validation import AnswerError, validate_answer


class ContactForm(forms.Form):
    name = forms.CharField(label="Full name", max_length=200)
    email = forms.CharField(label="Email address", max_length=254)
    phone = forms.CharField(label="Phone number (optional)", max_length=40, required=False)

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = required
        self.fields["email"].required = required
        if not required:
            self.fields["name"].label = "Full name (optional)"
            self.fields["email"].label = "Email address (optional)"
        self.fields["name"].error_messages["required"] = "Enter your full name"
        self.fields["email"].error_messages["required"] = "Enter your email address"
        self.fields["email"].widget.input_type = "email"
        self.fields["email"].widget.attrs.update(autocomplete="email", spellcheck="false")
        self.fields["name"].widget.attrs.update(autocomplete="name")
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs.update(autocomplete="tel")

    def _check(self, kind, field):
        value = self.cleaned_data.get(field, "")
        if not value:
            return ""
        try:
            return validate_answer(Question(id=field, type=kind, label=field), value)
        except AnswerError as error:
            raise forms.ValidationError(error.message) from None

    def clean_email(self):
        return self._check("email", "email")

    def clean_phone(self):
        return self._check("phone", "phone")

    def clean_name(self):
        return " ".join(self.cleaned_data.get("name", "").split())


class CallerContactForm(ContactForm):
    """A caller's details taken down by staff (assisted digital): checked as the public
    form checks them, but a caller may give an email address or a phone number, so when
    the form needs contact details one of the two is enough."""

    def __init__(self, *args, contact_required: bool = False, **kwargs):
        super().__init__(*args, required=False, **kwargs)
        self.contact_required = contact_required

    def clean(self):
        cleaned = super().clean()
        if self.contact_required and not self.errors and not (cleaned.get("email") or cleaned.get("phone")):
            self.add_error("email", "Enter the caller's email address or phone number")
        return cleaned
