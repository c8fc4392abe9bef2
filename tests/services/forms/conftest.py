import pytest

from services.cases.models import CaseType
from services.forms.models import EForm


def question(kind, qid, label, *, required=True, when=None, **extra):
    value = {"label": label, "hint": "", "required": required, "condition": {"question": "", "values": ""}}
    if when:
        value["condition"] = {"question": when[0], "values": "\n".join(when[1])}
    value.update(extra)
    return {"type": kind, "id": qid, "value": value}


def step(sid, title, *questions):
    return {"type": "step", "id": sid, "value": {"title": title, "questions": list(questions)}}


FLY_TIP_STEPS = [
    step(
        "step-what",
        "What was dumped",
        question("radios", "what", "What has been dumped?", options="Household rubbish\nGarden waste\nOther"),
        question("short_text", "what-other", "What else was dumped?", when=("what", ["Other"])),
        question("number", "bags", "How many bags or items?", min_value=1, max_value=100, whole_number=True),
    ),
    step(
        "step-where",
        "Where is it",
        question("location", "where", "Where is the fly-tip?"),
        question("date", "seen", "When did you see it?", allowed="past"),
    ),
    step(
        "step-photo",
        "Photo",
        question(
            "file_upload",
            "photo",
            "Add photos of the fly-tip",
            required=False,
            allowed_types=["image"],
            max_size_mb=1,
            max_files=2,
        ),
    ),
]


def make_form(*, steps=None, slug="report-a-fly-tip", title="Report a fly-tip", publish=True, **settings) -> EForm:
    case_type, _ = CaseType.objects.get_or_create(
        name=f"{title}", defaults={"sla_working_days": 5, "team_name": "Street cleansing"}
    )
    form = EForm(
        title=title,
        slug=slug,
        case_type=case_type,
        questions=steps if steps is not None else FLY_TIP_STEPS,
        allow_anonymous=settings.pop("allow_anonymous", True),
        contact_details=settings.pop("contact_details", "optional"),
        live=False,
        **settings,
    )
    form.save()
    revision = form.save_revision()
    if publish:
        revision.publish()
        form.refresh_from_db()
    return form


@pytest.fixture
def fly_tip_form(db):
    return make_form()
