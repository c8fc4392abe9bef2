"""One validation function per question type: what residents see when an answer is wrong."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from services.forms.definition import Question
from services.forms.validation import AnswerError, validate_answer


def check(question, raw, **context):
    return validate_answer(question, raw, context=context or None)


def error_for(question, raw, **context):
    with pytest.raises(AnswerError) as caught:
        check(question, raw, **context)
    return caught.value.message


def test_required_blank_answers_are_refused_with_the_question_named():
    q = Question(id="a", type="short_text", label="Vehicle registration", required=True, max_length=10)
    assert "Vehicle registration" in error_for(q, "   ")
    assert check(Question(id="b", type="short_text", label="Optional", required=False), "") is None


def test_text_length_limit_names_the_limit():
    q = Question(id="a", type="short_text", label="Registration", required=True, max_length=8)
    assert check(q, " AB12 CDE ") == "AB12 CDE"
    assert "8 characters or fewer" in error_for(q, "A" * 9)


def test_email_and_uk_phone_numbers():
    email = Question(id="e", type="email", label="Email", required=True)
    assert check(email, "sam@example.com") == "sam@example.com"
    assert "correct format" in error_for(email, "sam@")
    phone = Question(id="p", type="phone", label="Phone", required=True)
    assert check(phone, "01632 960 001") == "01632960001"
    assert check(phone, "+44 7700 900982") == "07700900982"
    assert "UK phone number" in error_for(phone, "12345")
    assert "UK phone number" in error_for(phone, "+1 202 555 0100")


def test_number_bounds_and_whole_numbers():
    q = Question(
        id="n",
        type="number",
        label="Bags",
        required=True,
        min_value=Decimal(1),
        max_value=Decimal(20),
        whole_number=True,
    )
    assert check(q, "3") == "3"
    assert "between 1 and 20" in error_for(q, "21")
    assert "whole number" in error_for(q, "2.5")
    assert error_for(q, "three") == "Enter a number, like 3 or 2.5"
    assert error_for(q, "NaN") == "Enter a number, like 3 or 2.5"


def test_numbers_are_kept_as_a_resident_writes_them():
    width = Question(
        id="w",
        type="number",
        label="How wide should the dropped kerb be, in metres?",
        required=True,
        min_value=Decimal("2.4"),
        max_value=Decimal(10),
    )
    assert check(width, "10") == "10"  # not 1E+1
    assert check(width, "10.0") == "10"
    assert check(width, "2.50") == "2.5"
    assert check(width, "1,0") == "10"
    # The label is a question: the message does not repeat it.
    assert error_for(width, "11") == "Enter a number between 2.4 and 10"


def test_date_input_parts_and_range():
    q = Question(id="d", type="date", label="Date seen", required=True, allowed_dates="past")
    assert check(q, {"day": "1", "month": "2", "year": "2025"}) == "2025-02-01"
    assert check(q, "2025-02-01") == "2025-02-01"
    missing = pytest.raises(AnswerError)
    with missing as caught:
        check(q, {"day": "1", "month": "", "year": "2025"})
    assert caught.value.message == "Date seen must include a month" and caught.value.part == "month"
    assert "real date" in error_for(q, {"day": "31", "month": "2", "year": "2025"})
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert "today or in the past" in error_for(q, tomorrow.isoformat())


def test_choices_accept_only_the_listed_answers():
    radios = Question(id="r", type="radios", label="Problem", required=True, options=["Pothole", "Graffiti"])
    assert check(radios, "Pothole") == "Pothole"
    assert "listed answers" in error_for(radios, "Pothole<script>")
    boxes = Question(id="c", type="checkboxes", label="Bins", required=True, options=["Rubbish", "Recycling"])
    assert check(boxes, ["Recycling", "Rubbish"]) == ["Rubbish", "Recycling"]
    assert "listed answers" in error_for(boxes, ["Rubbish", "Food"])
    assert "at least one" in error_for(boxes, [])
    yes_no = Question(id="y", type="yes_no", label="Blocking the road?", required=True, options=["Yes", "No"])
    assert "yes or no" in error_for(yes_no, None)


def test_manual_address_needs_a_street_town_and_postcode():
    q = Question(id="a", type="address", label="Address", required=True)
    value = check(q, {"line_1": "1 Market Square", "town": "Borchester", "postcode": "bc12ab"})
    assert value["postcode"] == "BC1 2AB"
    assert value["single_line"] == "1 Market Square, Borchester, BC1 2AB"
    assert "postcode" in error_for(q, {"line_1": "1 Market Square", "town": "Borchester", "postcode": "nope"})
    assert "town" in error_for(q, {"line_1": "1 Market Square", "postcode": "BC1 2AB"})


@pytest.mark.django_db
def test_location_needs_a_description_or_a_point_and_refuses_nonsense_coordinates():
    from tests.services.gazetteer.borough import IN_WEST, OUTSIDE, make_small_borough

    make_small_borough()
    q = Question(id="l", type="location", label="Where", required=True)
    assert check(q, {"description": "Behind the library"})["description"] == "Behind the library"
    value = check(q, {"latitude": str(IN_WEST[0]), "longitude": str(IN_WEST[1]), "description": ""})
    assert value["latitude"] == "52.110000"
    assert "map" in error_for(q, {"latitude": "999", "longitude": "0"})
    assert "outside the borough" in error_for(q, {"latitude": str(OUTSIDE[0]), "longitude": str(OUTSIDE[1])})
    assert "Describe where" in error_for(q, {"latitude": "", "longitude": "", "description": ""})


def test_files_must_belong_to_this_submission_and_respect_the_count():
    q = Question(id="f", type="file_upload", label="Photos", required=True, max_files=1)
    assert check(q, ["abc"], files={"abc"}) == ["abc"]
    assert "again" in error_for(q, ["someone-elses"], files={"abc"})
    assert "up to 1 file" in error_for(q, ["abc", "def"], files={"abc", "def"})


def test_declaration_must_be_confirmed():
    q = Question(id="x", type="declaration", label="Declaration", required=True)
    assert check(q, "yes") is True
    assert "Confirm" in error_for(q, "")


def test_bounds_an_editor_typed_as_decimals_are_shown_as_typed(db):
    from tests.services.forms.conftest import make_form, question, step

    width = question("number", "width", "How wide, in metres?", min_value=2.4, max_value=10, whole_number=False)
    form = make_form(steps=[step("s", "Width", width)], slug="width", title="Width")
    q = form.definition.question("width")
    assert "between 2.4 and 10" in error_for(q, "2")
    assert check(q, "2.4") == "2.4"
