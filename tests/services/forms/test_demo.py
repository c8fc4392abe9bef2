"""The demo council's thirteen processes load idempotently and can all be submitted."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.color import no_style
from PIL import Image

from services.cases.models import BankHoliday, Case
from services.forms import demo
from services.forms.conditions import is_visible
from services.forms.models import EForm, ServicePage
from services.forms.submission import answers_validate, submission_create
from services.forms.uploads import upload_store

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
