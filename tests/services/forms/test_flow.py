"""The step-by-step public flow, driven as a resident's browser would without JavaScript."""

import re

import pytest

from services.cases.models import Case
from tests.services.forms.conftest import make_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_time_trap(settings):
    settings.EFORM_MIN_FILL_SECONDS = 0


def answer_all(client, form):
    response = client.get(f"/forms/{form.slug}/")
    assert response.status_code == 302 and response["Location"] == f"/forms/{form.slug}/step/1/"
    response = client.post(f"/forms/{form.slug}/step/1/", {"q-what": "Garden waste", "q-bags": "4"})
    assert response["Location"] == f"/forms/{form.slug}/step/2/"
    response = client.post(
        f"/forms/{form.slug}/step/2/",
        {
            "q-where-description": "Behind the library",
            "q-where-latitude": "",
            "q-where-longitude": "",
            "q-seen-day": "3",
            "q-seen-month": "1",
            "q-seen-year": "2025",
        },
    )
    assert response["Location"] == f"/forms/{form.slug}/step/3/"
    response = client.post(f"/forms/{form.slug}/step/3/", {})
    assert response["Location"] == f"/forms/{form.slug}/your-details/"
    response = client.post(f"/forms/{form.slug}/your-details/", {"name": "", "email": "", "phone": ""})
    assert response["Location"] == f"/forms/{form.slug}/check-your-answers/"
    return client.get(f"/forms/{form.slug}/check-your-answers/")


def send(client, form):
    page = client.get(f"/forms/{form.slug}/check-your-answers/").content.decode()
    key = re.search(r'name="key" value="([^"]+)"', page)[1]
    started = re.search(r'name="started" value="([^"]+)"', page)[1]
    return client.post(f"/forms/{form.slug}/check-your-answers/", {"key": key, "started": started, "website": ""})


def test_a_resident_reports_anonymously_and_gets_a_reference_and_tracking_link(client, fly_tip_form):
    check = answer_all(client, fly_tip_form)
    page = check.content.decode()
    assert "Check your answers before sending" in page
    assert "Garden waste" in page and "3 January 2025" in page
    assert 'href="/forms/report-a-fly-tip/step/1/?change=1#q-what"' in page
    response = send(client, fly_tip_form)
    assert response["Location"] == "/forms/report-a-fly-tip/confirmation/"
    confirmation = client.get(response["Location"]).content.decode()
    case = Case.objects.get()
    assert case.reference in confirmation
    assert f"/track/{case.tracking_token}/" in confirmation
    assert case.customer is None
    assert case.form_revision_id == fly_tip_form.live_revision_id
    assert case.answers == {
        "what": "Garden waste",
        "bags": "4",
        "where": {"latitude": "", "longitude": "", "description": "Behind the library"},
        "seen": "2025-01-03",
    }
    assert case.answer_summary[0] == {"question_id": "what", "label": "What has been dumped?", "answer": "Garden waste"}
    assert case.location_description == "Behind the library"


def test_errors_are_summarised_with_links_to_the_fields_and_answers_kept(client, fly_tip_form):
    client.get("/forms/report-a-fly-tip/")
    response = client.post("/forms/report-a-fly-tip/step/1/", {"q-what": "Other", "q-bags": "500"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in page
    assert 'href="#q-what-other">Enter an answer for ‘What else was dumped?’' in page
    assert 'href="#q-bags">Enter a number between 1 and 100' in page
    assert 'value="Other" checked' in page
    assert 'value="500"' in page


def test_back_and_refresh_never_lose_answers(client, fly_tip_form):
    client.get("/forms/report-a-fly-tip/")
    client.post("/forms/report-a-fly-tip/step/1/", {"q-what": "Other", "q-what-other": "A sofa", "q-bags": "1"})
    page = client.get("/forms/report-a-fly-tip/step/1/").content.decode()
    assert 'value="Other" checked' in page and 'value="A sofa"' in page
    page = client.get("/forms/report-a-fly-tip/step/2/").content.decode()
    assert 'href="/forms/report-a-fly-tip/step/1/"' in page  # the Back link


def test_a_changed_answer_returns_to_check_your_answers(client, fly_tip_form):
    answer_all(client, fly_tip_form)
    response = client.post("/forms/report-a-fly-tip/step/1/?change=1", {"q-what": "Household rubbish", "q-bags": "2"})
    assert response["Location"] == "/forms/report-a-fly-tip/check-your-answers/"


def test_skipping_steps_cannot_skip_a_required_question(client, fly_tip_form):
    client.get("/forms/report-a-fly-tip/")
    client.post("/forms/report-a-fly-tip/step/1/", {"q-what": "Garden waste", "q-bags": "4"})
    response = client.get("/forms/report-a-fly-tip/check-your-answers/")
    assert response["Location"] == "/forms/report-a-fly-tip/step/2/"
    # A forged POST straight to the check page sends nothing either.
    response = client.post("/forms/report-a-fly-tip/check-your-answers/", {"key": "x", "started": "x"})
    assert response["Location"] == "/forms/report-a-fly-tip/step/2/"
    assert not Case.objects.exists()


def test_forged_answers_to_hidden_questions_are_dropped(client, fly_tip_form):
    client.get("/forms/report-a-fly-tip/")
    client.post(
        "/forms/report-a-fly-tip/step/1/",
        {"q-what": "Garden waste", "q-what-other": "forged", "q-bags": "4", "q-not-a-question": "x"},
    )
    answer_all(client, fly_tip_form)
    send(client, fly_tip_form)
    answers = Case.objects.get().answers
    assert "what-other" not in answers and "not-a-question" not in answers


def test_a_double_click_makes_one_case(client, fly_tip_form):
    answer_all(client, fly_tip_form)
    page = client.get("/forms/report-a-fly-tip/check-your-answers/").content.decode()
    data = {
        "key": re.search(r'name="key" value="([^"]+)"', page)[1],
        "started": re.search(r'name="started" value="([^"]+)"', page)[1],
    }
    first = client.post("/forms/report-a-fly-tip/check-your-answers/", data)
    second = client.post("/forms/report-a-fly-tip/check-your-answers/", data)
    assert first["Location"] == second["Location"] == "/forms/report-a-fly-tip/confirmation/"
    assert Case.objects.count() == 1


def test_answers_are_kept_against_the_revision_the_resident_started(client, fly_tip_form):
    answer_all(client, fly_tip_form)
    started_revision = fly_tip_form.live_revision_id
    # An editor rewords the first question and publishes while the resident is on the check page.
    fly_tip_form.questions[0].value["questions"][0].value["label"] = "What is it?"
    fly_tip_form.save_revision().publish()
    send(client, fly_tip_form)
    case = Case.objects.get()
    assert case.form_revision_id == started_revision
    assert case.answer_summary[0]["label"] == "What has been dumped?"


def test_contact_details_required_when_anonymous_is_not_allowed(client):
    form = make_form(slug="missed-bin", title="Report a missed bin", allow_anonymous=False)
    answer_steps = {"q-what": "Garden waste", "q-bags": "4"}
    client.get("/forms/missed-bin/")
    client.post("/forms/missed-bin/step/1/", answer_steps)
    client.post(
        "/forms/missed-bin/step/2/",
        {"q-where-description": "Outside", "q-seen-day": "1", "q-seen-month": "1", "q-seen-year": "2025"},
    )
    client.post("/forms/missed-bin/step/3/", {})
    response = client.post("/forms/missed-bin/your-details/", {"name": "", "email": "nope"})
    page = response.content.decode()
    assert "Enter your full name" in page and "correct format" in page
    client.post("/forms/missed-bin/your-details/", {"name": "Sam Jones", "email": "sam@example.com"})
    response = send(client, form)
    confirmation = client.get(response["Location"]).content.decode()
    case = Case.objects.get()
    assert case.customer.email == "sam@example.com"
    assert "sam@example.com" in confirmation
    assert "/track/" not in confirmation


def test_a_closed_form_says_so_and_offers_other_ways(client):
    from datetime import timedelta

    from django.utils import timezone

    make_form(
        closes_at=timezone.now() - timedelta(days=1),
        closed_message="Reporting is closed for the holiday.",
        other_ways="<p>Call 01632 960 000.</p>",
    )
    page = client.get("/forms/report-a-fly-tip/").content.decode()
    assert "Reporting is closed for the holiday." in page and "01632 960 000" in page
    assert client.post("/forms/report-a-fly-tip/step/1/", {"q-what": "Other"}).status_code == 200
    assert not Case.objects.exists()


def test_a_draft_form_is_not_served(client):
    make_form(publish=False)
    assert client.get("/forms/report-a-fly-tip/").status_code == 404


def test_an_address_can_be_typed_in_when_there_is_no_gazetteer(client):
    from tests.services.forms.conftest import question, step

    form = make_form(
        slug="missed-bin",
        title="Report a missed bin",
        steps=[step("s1", "Address", question("address", "addr", "What is the address?"))],
        contact_details="none",
    )
    client.get("/forms/missed-bin/")
    page = client.post("/forms/missed-bin/step/1/", {"q-addr-line_1": "1 Market Square"}).content.decode()
    assert 'href="#q-addr-town">Enter town or city' in page
    response = client.post(
        "/forms/missed-bin/step/1/",
        {"q-addr-line_1": "1 Market Square", "q-addr-town": "Borchester", "q-addr-postcode": "bc1 2ab"},
    )
    assert response["Location"] == "/forms/missed-bin/check-your-answers/"
    send(client, form)
    case = Case.objects.get()
    assert case.address == "1 Market Square, Borchester, BC1 2AB"
    assert case.ward == ""


def _reveal_classes(page: str, qid: str) -> str:
    found = re.search(rf'<div class="([^"]*)" id="q-{qid}-reveal"', page)
    assert found, f"{qid} is not on the page"
    return found[1]


def test_a_follow_up_question_is_on_the_page_before_its_answer_is_chosen(client, fly_tip_form):
    """Revealed as "Other" is chosen (hidden until then only where scripts run), and
    shown with a note saying when it applies without JavaScript: nobody meets it only
    as an error after pressing Continue."""
    client.get("/forms/report-a-fly-tip/")
    page = client.get("/forms/report-a-fly-tip/step/1/").content.decode()
    assert 'id="q-what-other"' in page
    assert "govuk-radios__conditional--hidden" in _reveal_classes(page, "what-other")
    assert "If you chose ‘Other’ above:" in page

    page = client.post("/forms/report-a-fly-tip/step/1/", {"q-what": "Other", "q-bags": "2"}).content.decode()
    assert 'href="#q-what-other">Enter an answer for ‘What else was dumped?’' in page
    assert "govuk-radios__conditional--hidden" not in _reveal_classes(page, "what-other")


def test_a_warning_that_depends_on_an_answer_is_on_the_same_page(client):
    from tests.services.forms.conftest import question, step

    make_form(
        slug="report-a-blocked-gully",
        title="Report a blocked gully",
        steps=[
            step(
                "s1",
                "Flooding",
                question("yes_no", "flooding", "Is water flooding a property?"),
                {
                    "type": "information",
                    "id": "call-now",
                    "value": {
                        "text": "<p>If water is entering a home, call 01632 960 999 now.</p>",
                        "condition": {"question": "flooding", "values": "Yes"},
                    },
                },
            ),
            step("s2", "Where", question("short_text", "where", "Where is the gully?")),
        ],
    )
    client.get("/forms/report-a-blocked-gully/")
    page = client.get("/forms/report-a-blocked-gully/step/1/").content.decode()
    assert "call 01632 960 999 now" in page
    assert "govuk-radios__conditional--hidden" in _reveal_classes(page, "call-now")
    assert "If you chose ‘Yes’ above:" in page


def test_a_changed_answer_that_brings_in_a_later_optional_question_asks_it(client):
    """Changing "Pothole" to "Street light" brings in an optional question on a later
    step; the resident is taken to it rather than straight back to the check page."""
    from tests.services.forms.conftest import question, step

    make_form(
        slug="report-a-street-problem",
        title="Report a street problem",
        contact_details="none",
        steps=[
            step(
                "s1", "Problem", question("radios", "problem", "What is the problem?", options="Pothole\nStreet light")
            ),
            step(
                "s2",
                "Details",
                question("short_text", "details", "Describe the problem"),
                question(
                    "short_text",
                    "lamp",
                    "What is the number on the lamp post?",
                    required=False,
                    when=("problem", ["Street light"]),
                ),
            ),
        ],
    )
    client.get("/forms/report-a-street-problem/")
    client.post("/forms/report-a-street-problem/step/1/", {"q-problem": "Pothole"})
    client.post("/forms/report-a-street-problem/step/2/", {"q-details": "A deep hole"})

    response = client.post("/forms/report-a-street-problem/step/1/?change=1", {"q-problem": "Street light"})
    assert response["Location"] == "/forms/report-a-street-problem/step/2/?change=1"
    page = client.get(response["Location"]).content.decode()
    assert 'value="A deep hole"' in page and 'id="q-lamp"' in page
    response = client.post(
        "/forms/report-a-street-problem/step/2/?change=1", {"q-details": "A deep hole", "q-lamp": "SL 42"}
    )
    assert response["Location"] == "/forms/report-a-street-problem/check-your-answers/"
    # Changing it back asks nothing new.
    response = client.post("/forms/report-a-street-problem/step/1/?change=1", {"q-problem": "Pothole"})
    assert response["Location"] == "/forms/report-a-street-problem/check-your-answers/"


def test_an_address_picked_after_a_postcode_search_replaces_one_typed_earlier(client):
    from tests.services.forms.conftest import question, step
    from tests.services.gazetteer.borough import make_small_borough

    make_small_borough()
    make_form(
        slug="missed-bin",
        title="Report a missed bin",
        steps=[step("s1", "Address", question("address", "addr", "What is the address?"))],
        contact_details="none",
    )
    typed = {"q-addr-mode": "manual", "q-addr-line_1": "Flat 2, 9 Oak Road", "q-addr-town": "Borchester"}
    client.get("/forms/missed-bin/")
    client.post("/forms/missed-bin/step/1/", {**typed, "q-addr-postcode": "BC1 9ZZ"})

    page = client.post(
        "/forms/missed-bin/step/1/",
        {**typed, "q-addr-postcode": "BC1 9ZZ", "q-addr-lookup": "BC1 2AB", "action": "find:addr"},
    ).content.decode()
    assert "Rose Cottage" in page
    # The typed address waits below, no longer ticked to be used: the list is the choice.
    assert not re.search(r'id="q-addr-mode"[^>]*checked', page)
    assert 'value="Flat 2, 9 Oak Road"' in page

    # What the browser then sends: the typed boxes, the address picked, no tick.
    response = client.post("/forms/missed-bin/step/1/", {**typed, "q-addr-mode": "", "q-addr-uprn": "107"})
    assert response["Location"] == "/forms/missed-bin/check-your-answers/"
    page = client.get(response["Location"]).content.decode()
    assert "Rose Cottage" in page and "Oak Road" not in page


def test_a_date_that_is_wrong_as_a_whole_marks_all_its_boxes(client, fly_tip_form):
    client.get("/forms/report-a-fly-tip/")
    client.post("/forms/report-a-fly-tip/step/1/", {"q-what": "Garden waste", "q-bags": "4"})
    page = client.post(
        "/forms/report-a-fly-tip/step/2/",
        {"q-where-description": "By the library", "q-seen-day": "31", "q-seen-month": "2", "q-seen-year": "2025"},
    ).content.decode()
    assert 'href="#q-seen-day">When did you see it? must be a real date' in page
    for part in ("day", "month", "year"):
        assert re.search(rf'govuk-input--error" id="q-seen-{part}"', page), part
    page = client.post(
        "/forms/report-a-fly-tip/step/2/",
        {"q-where-description": "By the library", "q-seen-day": "3", "q-seen-month": "", "q-seen-year": ""},
    ).content.decode()
    assert re.search(r'govuk-input--error" id="q-seen-month"', page)
    assert not re.search(r'govuk-input--error" id="q-seen-day"', page)
