"""The demo council's thirteen processes load idempotently and can all be submitted,
through the API-level pipeline and through their web pages."""

import io
import math
import re
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.color import no_style
from django.test import Client
from freezegun import freeze_time
from PIL import Image

from services.cases.models import BankHoliday, Case
from services.cases.operations import priority_for
from services.forms import demo
from services.forms.conditions import is_visible
from services.forms.models import EForm, ServicePage
from services.forms.submission import answers_validate, submission_create
from services.forms.uploads import upload_store
from tests.services.gazetteer.borough import IN_WEST, make_small_borough

pytestmark = pytest.mark.django_db


def _load(monkeypatch):
    monkeypatch.setattr(demo, "SAMPLE_CASES", 40)
    demo.load(stdout=io.StringIO(), style=no_style())


@pytest.fixture
def loaded(demo_pages, monkeypatch, settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path
    _load(monkeypatch)
    return list(EForm.objects.filter(live=True))


def test_loading_twice_changes_nothing(loaded, monkeypatch):
    counts = (EForm.objects.count(), ServicePage.objects.count(), Case.objects.count(), BankHoliday.objects.count())
    _load(monkeypatch)
    assert counts == (
        EForm.objects.count(),
        ServicePage.objects.count(),
        Case.objects.count(),
        BankHoliday.objects.count(),
    )
    assert counts[0] == counts[1] == 13
    assert counts[2] == 40


def test_clinical_waste_with_sharps_is_high_priority(loaded, monkeypatch):
    form = EForm.objects.get(case_type__name="Clinical waste collection")
    sharps = Case.objects.filter(case_type=form.case_type, answer_summary__icontains="Sharps box")
    assert sharps.exists()
    assert set(sharps.values_list("priority", flat=True)) == {"high"}
    kind = next(q for q in form.definition.questions if "Sharps box" in q.options)
    assert priority_for(case_type=form.case_type, answers={kind.id: ["Dressings"]}) == "normal"
    _load(monkeypatch)
    assert form.case_type.priority_rules.count() == 1


def _answer(question, upload_id):
    kind = question.type
    if kind in ("radios", "select", "yes_no"):
        return question.options[-1]
    return {
        "checkboxes": [question.options[0]] if question.options else [],
        "address": {"line_1": "1 Market Square", "town": "Borchester", "postcode": "BC1 2AB"},
        "location": {"description": "Outside the library"},
        "number": str(question.min_value or 1),
        "date": "2030-01-01" if question.allowed_dates != "past" else "2025-01-01",
        "declaration": "yes",
        "phone": "01632 960 001",
        "email": "sam@example.com",
        "file_upload": [upload_id],
    }.get(kind, "An answer")


def test_every_demo_process_can_be_submitted(loaded):
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, format="PNG")
    for form in loaded:
        stored = upload_store(
            uploaded=SimpleUploadedFile("plan.png", out.getvalue()), allowed_types=["image"], max_size_mb=1
        )
        definition = form.definition
        raw = {}
        for question in definition.questions:
            if question.asks and is_visible(question, raw, definition):
                raw[question.id] = _answer(question, str(stored.pk))
        answers, problems = answers_validate(definition=definition, raw=raw, context={"files": {str(stored.pk)}})
        assert not problems, (form.title, {k: e.message for k, e in problems.errors.items()})
        case = submission_create(
            form=form,
            definition=definition,
            revision_id=form.live_revision_id,
            answers=answers,
            contact=None,
            file_ids=[str(stored.pk)],
            submission_key=f"test-{form.slug}",
        )
        assert case.case_type == form.case_type


def test_each_service_page_starts_its_form(client, loaded):
    for page in ServicePage.objects.live():
        html = client.get(page.url).content.decode()
        assert f'href="/forms/{page.form.slug}/"' in html


# --- Every demo process, through its web pages -----------------------------------

PHOTO = io.BytesIO()
Image.new("RGB", (8, 8), (200, 30, 30)).save(PHOTO, format="PNG")
SUBMITTED_ON = date(2026, 12, 21)  # a Monday, with Christmas and New Year's bank holidays ahead


def _working_days_after(start, days, holidays):
    day = start
    while days:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            days -= 1
    return day


def _post_for(question, *, allowed_past=True):
    """What a resident's browser sends for one question, and the answer it stands for."""
    name = f"q-{question.id}"
    kind = question.type
    if kind in ("radios", "select", "yes_no"):
        return {name: question.options[0]}, question.options[0]
    if kind == "checkboxes":
        return {name: [question.options[0]]}, [question.options[0]]
    if kind == "date":
        day = date(2026, 12, 1) if question.allowed_dates != "future" else date(2027, 1, 15)
        return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}, day.isoformat()
    if kind == "address":
        return {f"{name}-uprn": "101", f"{name}-mode": ""}, {"uprn": "101"}
    if kind == "location":
        latitude, longitude = IN_WEST
        return {
            f"{name}-latitude": str(latitude),
            f"{name}-longitude": str(longitude),
            f"{name}-description": "By the bench",
        }, {}
    if kind == "file_upload":
        upload = SimpleUploadedFile("photo.png", PHOTO.getvalue(), content_type="image/png")
        return {name: upload}, ["file"]
    if kind == "number":
        lowest = question.min_value if question.min_value is not None else 1
        value = str(math.ceil(lowest) if question.whole_number else lowest)
        return {name: value}, value
    text = {
        "email": "sam@example.com",
        "phone": "01632 960 001",
        "declaration": "yes",
        "short_text": "An answer",
        "long_text": "A longer answer, in a sentence or two.",
    }[kind]
    return {name: text}, text


def _submit_through_the_web_pages(client, form):
    """Answer every question asked, step by step as the pages lead; returns the case."""
    definition = form.definition
    known: dict = {}
    response = client.get(f"/forms/{form.slug}/")
    for _ in range(30):
        problems = re.findall(r'href="#q-[^"]*">([^<]*)', response.content.decode())
        assert response.status_code == 302, (form.title, problems)
        url = response["Location"]
        if "/step/" in url:
            # Shown first, as a browser would: a step that cannot be shown cannot be answered.
            shown = client.get(url)
            assert shown.status_code == 200, (form.title, url)
            step = definition.step(int(url.rstrip("/").rsplit("/", 1)[1]))
            data = {}
            for question in step.questions:
                if question.asks and is_visible(question, known, definition):
                    sent, answer = _post_for(question)
                    data.update(sent)
                    known[question.id] = answer
            response = client.post(url, data)
        elif url.endswith("/your-details/"):
            response = client.post(url, {"name": "Sam Jones", "email": "sam.jones@example.com", "phone": ""})
        elif url.endswith("/check-your-answers/"):
            page = client.get(url).content.decode()
            key = re.search(r'name="key" value="([^"]+)"', page)[1]
            started = re.search(r'name="started" value="([^"]+)"', page)[1]
            response = client.post(url, {"key": key, "started": started, "website": ""})
            assert response["Location"] == f"/forms/{form.slug}/confirmation/", form.title
            return Case.objects.get(submission_key=key), known
    raise AssertionError(f"{form.title}: never reached the check page")


def test_every_demo_process_can_be_submitted_through_its_web_pages(demo_pages, monkeypatch, settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path
    settings.EFORM_MIN_FILL_SECONDS = 0
    monkeypatch.setattr(demo, "SAMPLE_CASES", 0)
    demo.load(stdout=io.StringIO(), style=no_style())
    wards = make_small_borough()  # address 101 and the map point are in the west ward
    holidays = set(BankHoliday.objects.values_list("date", flat=True))
    assert {date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)} <= holidays

    forms = list(EForm.objects.filter(live=True))
    assert len(forms) == 13
    with freeze_time("2026-12-21 10:00:00"):
        for form in forms:
            case, answers = _submit_through_the_web_pages(Client(), form)
            kinds = {q.type for q in form.definition.questions if q.id in answers}
            assert case.case_type == form.case_type, form.title
            assert case.channel == Case.Channel.WEB
            assert case.sla_due == _working_days_after(SUBMITTED_ON, form.case_type.sla_working_days, holidays)
            located = bool(kinds & {"location", "address"})
            assert case.ward == (wards["west"].name if located else ""), form.title
            assert case.files.count() == ("file_upload" in kinds), form.title
    assert Case.objects.count() == 13


# --- What a reviewer found on a phone -------------------------------------------------


def _main(html: str) -> str:
    return html.split('<main class="govuk-main-wrapper" id="main-content">', 1)[1].split("</main>", 1)[0]


def _spec(slug):
    return next(spec for spec in demo.FORMS if spec["slug"] == slug)


def test_a_foi_reply_by_post_asks_for_the_postal_address_on_a_later_step(demo_pages, monkeypatch, settings):
    settings.EFORM_MIN_FILL_SECONDS = 0
    # An older demo without the address question is loaded first: loading again updates it.
    old = [_spec("make-a-foi-request")["steps"][0]]
    monkeypatch.setitem(_spec("make-a-foi-request"), "steps", old)
    _load(monkeypatch)
    monkeypatch.undo()
    _load(monkeypatch)
    _load(monkeypatch)
    assert EForm.objects.filter(slug="make-a-foi-request").count() == 1
    assert ServicePage.objects.filter(slug="make-a-foi-request").count() == 1
    form = EForm.objects.get(slug="make-a-foi-request")
    definition = form.definition
    reply = next(q for q in definition.questions if q.label == "How would you like to receive it?")
    addresses = [q for q in definition.questions if q.type == "address"]
    assert len(addresses) == 1
    address = addresses[0]
    assert address.condition.question_id == reply.id and address.condition.values == ("By post",)
    step_of = {q.id: s.number for s in definition.steps for q in s.questions}
    assert step_of[address.id] > step_of[reply.id]

    request = next(q for q in definition.questions if q.type == "long_text")
    for choice, next_page in (("By post", "/step/2/"), ("By email", "/your-details/")):
        client = Client()
        client.get("/forms/make-a-foi-request/")
        response = client.post(
            "/forms/make-a-foi-request/step/1/", {f"q-{request.id}": "Bin rounds in 2025", f"q-{reply.id}": choice}
        )
        assert response["Location"] == f"/forms/make-a-foi-request{next_page}", choice
        if choice == "By post":
            html = client.get(response["Location"]).content.decode()
            assert "What address should we post the reply to?" in html


def test_the_complaint_form_asks_for_a_phone_number_once(demo_pages, monkeypatch, settings):
    settings.EFORM_MIN_FILL_SECONDS = 0
    monkeypatch.setitem(
        _spec("make-a-complaint"),
        "steps",
        [("Your complaint", [*_spec("make-a-complaint")["steps"][0][1], demo.q("phone", "phone", "Phone number")])],
    )
    _load(monkeypatch)
    monkeypatch.undo()
    _load(monkeypatch)  # a demo loaded before the fix loses the duplicate question
    form = EForm.objects.get(slug="make-a-complaint")
    assert [q.label for q in form.definition.questions if q.type == "phone"] == []
    client = Client()
    client.get("/forms/make-a-complaint/")
    step = client.get("/forms/make-a-complaint/step/1/").content.decode()
    assert "Phone number" not in step
    # The contact details page is where the phone number is asked.
    answers = {f"q-{q.id}": q.options[0] if q.options else "It went wrong" for q in form.definition.questions}
    response = client.post("/forms/make-a-complaint/step/1/", answers)
    assert response["Location"] == "/forms/make-a-complaint/your-details/"
    assert _main(client.get(response["Location"]).content.decode()).count("Phone number (optional)") == 1


def test_each_service_page_says_its_summary_and_introduction_once(client, loaded):
    for spec in demo.FORMS:
        main = _main(client.get(f"/{spec['slug']}/").content.decode())
        assert main.count(spec["summary"]) == 1, spec["slug"]
        if spec.get("intro"):
            assert main.count(spec["intro"]) == 1, spec["slug"]


def test_the_assisted_collection_question_is_good_english(loaded):
    form = EForm.objects.get(slug="request-an-assisted-bin-collection")
    labels = [q.label for q in form.definition.questions]
    assert "Does anyone live with you who is able to put the bins out?" in labels
    assert not any("living with you who" in label for label in labels)
