"""One validation function per question type. The web steps, the JSON API, staff
screens and Open311 all validate answers here, so every rule holds whatever sends them.

Each function takes the raw answer (a string, a list, or a dict for compound
questions) and returns the clean answer stored on the case, or raises AnswerError.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from services.forms.definition import Question

MAX_TEXT = 10_000


class AnswerError(ValueError):
    """A message for the resident; ``part`` names the input it is about (e.g. "day"),
    which the error summary links to, and ``parts`` every input to mark as wrong (all of
    a date's boxes when the date as a whole is wrong)."""

    def __init__(self, message: str, part: str = "", parts: tuple[str, ...] = ()):
        super().__init__(message)
        self.message = message
        self.part = part
        self.parts = parts or ((part,) if part else ())


def _text(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, list | tuple):
        raw = raw[0] if raw else ""
    if isinstance(raw, dict | bool):
        raise AnswerError("Enter text")
    return str(raw).replace("\r\n", "\n").strip()[:MAX_TEXT]


def is_blank(raw) -> bool:
    if raw is None or raw is False:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, list | tuple):
        return not [item for item in raw if not is_blank(item)]
    if isinstance(raw, dict):
        return all(is_blank(value) for value in raw.values())
    return False


def _short_text(question: Question, raw, context) -> str:
    value = _text(raw)
    if "\n" in value and question.type == "short_text":
        value = " ".join(value.split())
    limit = question.max_length or (200 if question.type == "short_text" else 2000)
    if len(value) > limit:
        raise AnswerError(f"Your answer must be {limit:,} characters or fewer (it has {len(value):,})")
    return value


def _email(question: Question, raw, context) -> str:
    value = _text(raw)
    try:
        validate_email(value)
    except ValidationError:
        raise AnswerError("Enter an email address in the correct format, like name@example.com") from None
    if len(value) > 254:
        raise AnswerError("Email address must be 254 characters or fewer")
    return value


_PHONE_JUNK = re.compile(r"[\s\-().]")
_UK_PHONE = re.compile(r"^0\d{9,10}$")


def _phone(question: Question, raw, context) -> str:
    value = _PHONE_JUNK.sub("", _text(raw))
    if value.startswith("+44"):
        value = "0" + value[3:].lstrip("0")
    elif value.startswith("0044"):
        value = "0" + value[4:].lstrip("0")
    if not _UK_PHONE.match(value):
        raise AnswerError("Enter a UK phone number, like 01632 960 001 or 07700 900 982")
    return value


def _number(question: Question, raw, context) -> str:
    text = _text(raw).replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise AnswerError(_NOT_A_NUMBER) from None
    if not number.is_finite():
        raise AnswerError(_NOT_A_NUMBER)
    if question.whole_number and number != number.to_integral_value():
        raise AnswerError("Enter a whole number, like 3")
    # The label is usually a question ("How many bays?"), so the messages do not repeat it.
    low, high = question.min_value, question.max_value
    if low is not None and high is not None and not low <= number <= high:
        raise AnswerError(f"Enter a number between {_plain(low)} and {_plain(high)}")
    if low is not None and number < low:
        raise AnswerError(f"Enter a number that is {_plain(low)} or more")
    if high is not None and number > high:
        raise AnswerError(f"Enter a number that is {_plain(high)} or less")
    return _plain(number.quantize(Decimal(1)) if question.whole_number else number)


_NOT_A_NUMBER = "Enter a number, like 3 or 2.5"


def _plain(number) -> str:
    """A number as a resident writes it: 10, not 1E+1 or 10.00; 2.5, not 2.50."""
    text = format(Decimal(number).normalize(), "f")
    return "0" if text == "-0" else text


_WHOLE_DATE = ("day", "month", "year")


def _date(question: Question, raw, context) -> str:
    if isinstance(raw, str):
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw.strip())
        if not match:
            raise AnswerError(f"{question.label} must be a real date", "day", _WHOLE_DATE)
        parts = {"year": match[1], "month": match[2], "day": match[3]}
    elif isinstance(raw, dict):
        parts = {key: _text(raw.get(key)) for key in ("day", "month", "year")}
    else:
        raise AnswerError(f"{question.label} must be a real date", "day", _WHOLE_DATE)
    missing = [key for key in ("day", "month", "year") if not parts[key]]
    if missing:
        raise AnswerError(f"{question.label} must include a {' and '.join(missing)}", missing[0], tuple(missing))
    try:
        day, month, year = (int(parts[key]) for key in ("day", "month", "year"))
        if year < 1000:
            raise AnswerError("Year must include 4 numbers", "year")
        value = date(year, month, day)
    except (ValueError, TypeError):
        raise AnswerError(f"{question.label} must be a real date", "day", _WHOLE_DATE) from None
    today = timezone.localdate()
    if question.allowed_dates == "past" and value > today:
        raise AnswerError(f"{question.label} must be today or in the past", "day", _WHOLE_DATE)
    if question.allowed_dates == "future" and value < today:
        raise AnswerError(f"{question.label} must be today or in the future", "day", _WHOLE_DATE)
    return value.isoformat()


def _one_of(question: Question, raw, context) -> str:
    value = _text(raw)
    if value not in question.options:
        raise AnswerError(f"Choose one of the listed answers for ‘{question.label}’")
    return value


def _many_of(question: Question, raw, context) -> list[str]:
    values = raw if isinstance(raw, list | tuple) else [raw]
    chosen = {_text(value) for value in values if not is_blank(value)}
    if chosen - set(question.options):
        raise AnswerError(f"Choose only listed answers for ‘{question.label}’")
    return [option for option in question.options if option in chosen]


_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")


def normalise_postcode(text: str) -> str | None:
    if apps.is_installed("services.gazetteer"):
        from services.gazetteer.selectors import normalise_postcode as gazetteer_normalise

        return gazetteer_normalise(text)
    match = _POSTCODE.match(re.sub(r"\s+", " ", (text or "").upper().strip()))
    return f"{match[1]} {match[2]}" if match else None


def _address(question: Question, raw, context) -> dict:
    if not isinstance(raw, dict):
        raise AnswerError(f"Enter the address for ‘{question.label}’", "line_1")
    uprn = _text(raw.get("uprn"))
    if uprn:
        if not apps.is_installed("services.gazetteer"):
            raise AnswerError("Enter the address", "line_1")
        from services.gazetteer.selectors import address_by_uprn

        address = address_by_uprn(uprn) if uprn.isdigit() and len(uprn) <= 12 else None
        if address is None:
            raise AnswerError("Select an address from the list", "uprn")
        return {
            "uprn": str(address.uprn),
            "line_1": address.line_1,
            "line_2": address.line_2 or "",
            "town": address.town,
            "postcode": address.postcode,
            "single_line": address.single_line,
        }
    line_1 = _text(raw.get("line_1"))[:200]
    line_2 = _text(raw.get("line_2"))[:200]
    town = _text(raw.get("town"))[:100]
    if not line_1:
        raise AnswerError("Enter address line 1, typically the building and street", "line_1")
    if not town:
        raise AnswerError("Enter town or city", "town")
    postcode = normalise_postcode(_text(raw.get("postcode")))
    if not postcode:
        raise AnswerError("Enter a full UK postcode, like BC1 2AB", "postcode")
    return {
        "uprn": "",
        "line_1": line_1,
        "line_2": line_2,
        "town": town,
        "postcode": postcode,
        "single_line": ", ".join(part for part in (line_1, line_2, town, postcode) if part),
    }


def _location(question: Question, raw, context) -> dict:
    if not isinstance(raw, dict):
        raise AnswerError(f"Describe where it is for ‘{question.label}’", "description")
    description = _text(raw.get("description"))[:500]
    latitude, longitude = _text(raw.get("latitude")), _text(raw.get("longitude"))
    point = None
    if latitude or longitude:
        try:
            lat, lng = Decimal(latitude), Decimal(longitude)
        except InvalidOperation:
            lat = lng = None
        if lat is None or not (-90 <= lat <= 90 and -180 <= lng <= 180):
            raise AnswerError("Choose the place on the map again", "description")
        point = (str(lat.quantize(Decimal("0.000001"))), str(lng.quantize(Decimal("0.000001"))))
        if apps.is_installed("services.gazetteer"):
            from services.gazetteer.selectors import ward_for_point

            if ward_for_point(latitude=lat, longitude=lng) is None:
                raise AnswerError("The place you chose is outside the borough: choose a place inside it", "description")
    if point is None and not description:
        raise AnswerError("Describe where it is, for example the street and the nearest building", "description")
    return {
        "latitude": point[0] if point else "",
        "longitude": point[1] if point else "",
        "description": description,
    }


def _files(question: Question, raw, context) -> list[str]:
    """The ids of files already uploaded (and checked) in this submission."""
    ids = raw if isinstance(raw, list | tuple) else [raw]
    ids = [_text(item) for item in ids if not is_blank(item)]
    owned = (context or {}).get("files", set())
    if any(file_id not in owned for file_id in ids):
        raise AnswerError("Upload the file again")
    if len(ids) > question.max_files:
        raise AnswerError(f"You can upload up to {question.max_files} file{'s' if question.max_files > 1 else ''}")
    return ids


def _declaration(question: Question, raw, context) -> bool:
    if isinstance(raw, list | tuple):
        raw = raw[0] if raw else ""
    if raw is True or _text(raw).lower() in ("yes", "true", "on", "1", "confirmed"):
        return True
    raise AnswerError(f"Confirm ‘{question.label}’ to continue")


VALIDATORS: dict[str, Callable] = {
    "short_text": _short_text,
    "long_text": _short_text,
    "email": _email,
    "phone": _phone,
    "number": _number,
    "date": _date,
    "radios": _one_of,
    "select": _one_of,
    "yes_no": _one_of,
    "checkboxes": _many_of,
    "address": _address,
    "location": _location,
    "file_upload": _files,
    "declaration": _declaration,
}

_MISSING = {
    "radios": "Select an answer for ‘{label}’",
    "select": "Select an answer for ‘{label}’",
    "yes_no": "Select yes or no for ‘{label}’",
    "checkboxes": "Select at least one answer for ‘{label}’",
    "file_upload": "Upload a file for ‘{label}’",
    "declaration": "Confirm ‘{label}’ to continue",
    "address": "Enter the address for ‘{label}’",
    "location": "Describe where it is for ‘{label}’",
}
_MISSING_PART = {"date": "day", "address": "line_1", "location": "description"}


def validate_answer(question: Question, raw, *, context: dict | None = None):
    """The clean answer, ``None`` when a question that is not required is left blank,
    or AnswerError. The caller decides whether the question is asked at all."""
    if is_blank(raw):
        if question.required:
            template = _MISSING.get(question.type, "Enter an answer for ‘{label}’")
            part = _MISSING_PART.get(question.type, "")
            raise AnswerError(
                template.format(label=question.label), part, _WHOLE_DATE if question.type == "date" else ()
            )
        return None
    return VALIDATORS[question.type](question, raw, context)
