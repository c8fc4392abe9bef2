from django import forms


class OneTimeCodeForm(forms.Form):
    code = forms.CharField(
        label="Security code",
        max_length=20,
        error_messages={"required": "Enter the security code"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )
