"""Personal data in comments is replaced with a marker before storage, wherever it
sits in the text."""

import pytest

from reporting.feedback.redaction import MARKERS, luhn_valid, redact


@pytest.mark.parametrize(
    "text, kind, kept",
    [
        ("Please email me at jo.bloggs+bins@example.co.uk about my bin.", "email", "about my bin."),
        ("reply to SAM_Smith@council.gov.uk thanks", "email", "thanks"),
        ("Ring me on 01632 960000 after 5pm", "phone", "after 5pm"),
        ("mobile 07700 900123, any time", "phone", "any time"),
        ("my number is +44 7700 900123.", "phone", "my number is"),
        ("call +44 (0)20 7946 0018 today", "phone", "today"),
        ("tel: (01632) 960 001 please", "phone", "please"),
        ("or 020-7946-0018 at work", "phone", "at work"),
        ("I live at SW1A 1AA near the park", "postcode", "near the park"),
        ("postcode b33 8th, it was missed", "postcode", "it was missed"),
        ("ec1a1bb is my postcode", "postcode", "is my postcode"),
        ("My NI number is AB 12 34 56 C and I was refused", "ni_number", "and I was refused"),
        ("ni: qq123456d", "ni_number", "ni:"),
        ("I paid with 4111 1111 1111 1111 but it failed", "card", "but it failed"),
        ("card 5555-5555-5555-4444 charged twice", "card", "charged twice"),
        ("amex 378282246310005 declined", "card", "declined"),
    ],
)
def test_each_kind_of_personal_data_is_replaced_in_longer_text(text, kind, kept):
    redacted, kinds = redact(text)
    assert MARKERS[kind] in redacted
    assert kinds == [kind]
    assert kept in redacted


def test_several_kinds_in_one_comment_are_all_replaced():
    text = (
        "My bin at SW1A 1AA was missed again. Call 07700 900123 or email a.person@example.com. "
        "NI AB123456C, card 4111111111111111."
    )
    redacted, kinds = redact(text)
    assert kinds == ["card", "email", "ni_number", "phone", "postcode"]
    for secret in ["SW1A", "07700", "a.person", "AB123456C", "4111"]:
        assert secret not in redacted
    assert redacted.startswith("My bin at [postcode removed] was missed again.")


@pytest.mark.parametrize(
    "text",
    [
        "My bin was not collected on 12 March 2025, reference 123456789.",
        "It cost £12.50 and took 3 weeks, see page 2 of 10.",
        "Opening hours 08:30 to 17:00, Monday to Friday",
        "The number 4111 1111 1111 1112 fails the Luhn check",
        "Order 1234567890123 was lost",
    ],
)
def test_ordinary_text_and_numbers_are_kept(text):
    assert redact(text) == (text, [])


def test_luhn():
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")
