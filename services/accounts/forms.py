"""Django forms for residents' accounts (markup comes from templates/includes/forms)."""

from django import forms
from django.contrib.auth import password_validation


def _email_field(label="Email address"):
    field = forms.EmailField(
        label=label,
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    field.widget.input_type = "email"
    field.widget.attrs.update(autocomplete="email", spellcheck="false")
    return field


def _password_field(label="Password", *, new=False):
    field = forms.CharField(
        label=label, strip=False, max_length=4096, error_messages={"required": f"Enter {label.lower()}"}
    )
    field.widget = forms.PasswordInput()
    field.widget.input_type = "password"
    field.widget.attrs.update(autocomplete="new-password" if new else "current-password")
    return field


class _NewPasswordMixin:
    def clean_password(self):
        password = self.cleaned_data.get("password", "")
        password_validation.validate_password(password, self._user_for_validation())
        return password

    def _user_for_validation(self):
        return getattr(self, "user", None)


class SignUpForm(_NewPasswordMixin, forms.Form):
    name = forms.CharField(label="Full name", max_length=150, error_messages={"required": "Enter your full name"})
    email = _email_field()
    password = _password_field("Create a password", new=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update(autocomplete="name")


class SignInForm(forms.Form):
    email = _email_field()
    password = _password_field()


class EmailForm(forms.Form):
    email = _email_field()


class _ForUserForm(forms.Form):
    """A form about the signed-in resident, who must sometimes prove it is them."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def _password_confirmed(self, field: str, message: str) -> str:
        value = self.cleaned_data.get(field, "")
        if not self.user.check_password(value):
            raise forms.ValidationError(message)
        return value


class NewPasswordForm(_NewPasswordMixin, _ForUserForm):
    password = _password_field("New password", new=True)


class ChangePasswordForm(_NewPasswordMixin, _ForUserForm):
    current_password = _password_field("Current password")
    password = _password_field("New password", new=True)

    def clean_current_password(self):
        return self._password_confirmed("current_password", "Your current password is not correct")


class ChangeEmailForm(_ForUserForm):
    email = _email_field("New email address")
    password = _password_field("Your password")

    def clean_password(self):
        return self._password_confirmed("password", "Your password is not correct")

    def clean_email(self):
        value = self.cleaned_data.get("email", "").strip().lower()
        if value == (self.user.email or "").lower():
            raise forms.ValidationError("Enter an email address that is different from your current one")
        return value


class ProfileForm(forms.Form):
    name = forms.CharField(label="Full name", max_length=150, error_messages={"required": "Enter your full name"})
    phone = forms.CharField(label="Phone number (optional)", max_length=40, required=False)
    address = forms.CharField(label="Address (optional)", max_length=500, required=False)
    uprn = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    email_updates = forms.TypedChoiceField(
        label="Email me when one of my requests is updated",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        error_messages={"required": "Select yes if you want email updates"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update(autocomplete="name")
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs.update(autocomplete="tel")
        self.fields["address"].widget.attrs.update(autocomplete="street-address")

    def clean_phone(self):
        value = " ".join(self.cleaned_data.get("phone", "").split())
        if value and not all(c.isdigit() or c in " +()-" for c in value):
            raise forms.ValidationError("Enter a phone number, like 01632 960 001 or 07700 900 982")
        return value

    def clean_uprn(self):
        value = self.cleaned_data.get("uprn", "").strip()
        return value if value.isdigit() else ""


class AddInformationForm(forms.Form):
    information = forms.CharField(
        label="What do you want to add?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter the information you want to add",
            "max_length": "Information must be 2,000 characters or fewer",
        },
    )


class DeleteAccountForm(_ForUserForm):
    password = _password_field("Your password")

    def clean_password(self):
        return self._password_confirmed("password", "Your password is not correct")


class SecurityCodeForm(forms.Form):
    code = forms.CharField(
        label="Security code",
        max_length=12,
        error_messages={"required": "Enter the 6-digit security code from your authenticator app"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(autocomplete="one-time-code", inputmode="numeric", spellcheck="false")
