"""The demo council's processes, built with the form builder as data, each on its own
ServicePage under the home page, and a year of sample cases. Idempotent and
deterministic: ids come from uuid5, sample cases from a seeded generator and
submission keys, so loading twice changes nothing."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from wagtail.models import Page

from services.cases.bank_holidays import bank_holidays_load
from services.cases.models import Case, CaseType, PriorityRule
from services.cases.operations import CaseLocation, ContactDetails, case_create
from services.forms.models import EForm, ServicePage
from services.forms.submission import answer_summary

NAMESPACE = uuid.UUID("6f1c1c1e-7d0b-4f55-9a57-5b0c3c2f9e11")
OTHER_WAYS = (
    "<p>Call us on 01632 960 000, Monday to Friday 8:30am to 5pm, or visit Borchester Town Hall, Market Square.</p>"
)
PRIVACY = (
    "<p>We use your answers to deal with your request, as our "
    '<a href="/privacy-notice/">privacy notice</a> explains. We keep them for 2 years.</p>'
)


def _id(slug: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{slug}:{key}"))


def q(kind, key, label, *, required=True, hint="", when=None, **extra):
    return {"kind": kind, "key": key, "label": label, "required": required, "hint": hint, "when": when, **extra}


def info(key, text, when=None):
    return {"kind": "information", "key": key, "text": text, "when": when}


def _stream(slug: str, steps: list) -> list:
    data = []
    for number, (title, questions) in enumerate(steps, start=1):
        items = []
        for spec in questions:
            spec = dict(spec)
            kind, key, when = spec.pop("kind"), spec.pop("key"), spec.pop("when")
            condition = {"question": "", "values": ""}
            if when:
                condition = {"question": _id(slug, when[0]), "values": "\n".join(when[1])}
            if kind == "information":
                value = {"text": spec["text"], "condition": condition}
            else:
                value = {"condition": condition, **spec}
            items.append({"type": kind, "id": _id(slug, key), "value": value})
        data.append({"type": "step", "id": _id(slug, f"step-{number}"), "value": {"title": title, "questions": items}})
    return data


BIN_TYPES = "Rubbish (black bin)\nRecycling (blue bin)\nGarden waste (brown bin)\nFood waste (grey caddy)"
ADDRESS = q("address", "address", "What is the address?", hint="The address where the bins are collected.")

FORMS = [
    {
        "slug": "report-a-missed-bin",
        "title": "Report a missed bin",
        "page": "Report a missed bin collection",
        "summary": "Tell us if we did not empty your bin on your collection day.",
        "case_type": ("Missed bin", 3, "Waste services"),
        "anonymous": False,
        "intro": "Report a missed bin within 2 working days of your collection day.",
        "steps": [
            ("Your address", [ADDRESS]),
            ("Which bins", [q("checkboxes", "bins", "Which bins were missed?", options=BIN_TYPES)]),
            (
                "Where the bins were",
                [
                    q("yes_no", "out", "Was your bin at the kerbside by 7am?", options=""),
                    info("late", "<p>We can only return for bins put out by 7am.</p>", when=("out", ["No"])),
                ],
            ),
        ],
    },
    {
        "slug": "report-a-bin-not-returned",
        "title": "Report a bin not returned",
        "page": "Report a bin not returned to its collection point",
        "summary": "Tell us if our crew left your bin in the road or blocking a path.",
        "case_type": ("Bin not returned", 5, "Waste services"),
        "anonymous": False,
        "steps": [
            ("Your address", [ADDRESS]),
            (
                "What happened",
                [
                    q("checkboxes", "bins", "Which bins were not returned?", options=BIN_TYPES),
                    q("long_text", "details", "Where was the bin left?", max_length=1000),
                ],
            ),
        ],
    },
    {
        "slug": "report-a-fly-tip",
        "title": "Report a fly-tip",
        "page": "Report fly-tipping",
        "summary": "Tell us about rubbish dumped on public land. You do not have to give your name.",
        "case_type": ("Fly-tipping", 5, "Street cleansing"),
        "anonymous": True,
        "contact": "optional",
        "intro": "Tell us where the rubbish is and what it looks like. A photo helps us find it.",
        "steps": [
            ("Where is it", [q("location", "where", "Where is the fly-tip?")]),
            (
                "What was dumped",
                [
                    q(
                        "radios",
                        "what",
                        "What has been dumped?",
                        options="Household rubbish\nFurniture\nBuilding rubble\nGarden waste\nAsbestos or chemicals\nOther",
                    ),
                    info(
                        "hazard",
                        "<p>Do not touch it. If it is leaking or smoking, call 999.</p>",
                        when=("what", ["Asbestos or chemicals"]),
                    ),
                    q("short_text", "what-other", "What else was dumped?", when=("what", ["Other"])),
                    q(
                        "radios",
                        "size",
                        "How much is there?",
                        options="A single bag or item\nA car boot load\nA van load\nMore than a van load",
                    ),
                ],
            ),
            (
                "Photos",
                [
                    q(
                        "file_upload",
                        "photos",
                        "Add photos of the fly-tip (optional)",
                        required=False,
                        allowed_types=["image"],
                        max_size_mb=10,
                        max_files=3,
                    )
                ],
            ),
        ],
    },
    {
        "slug": "request-an-assisted-bin-collection",
        "title": "Request an assisted bin collection",
        "page": "Request an assisted bin collection",
        "summary": "If you cannot take your bins to the kerb, our crew can collect them from your property.",
        "case_type": ("Assisted collection", 10, "Waste services"),
        "anonymous": False,
        "steps": [
            ("Your address", [ADDRESS]),
            (
                "Why you need help",
                [
                    q("yes_no", "alone", "Does anyone live with you who is able to put the bins out?", options=""),
                    q("long_text", "reason", "Tell us why you need an assisted collection", max_length=2000),
                    q("short_text", "where", "Where will the bins be kept?", hint="For example, by the side gate."),
                ],
            ),
            (
                "Declaration",
                [
                    q(
                        "declaration",
                        "declare",
                        "Declaration",
                        text="<p>The information I have given is correct, and I will tell you if my circumstances change.</p>",
                    )
                ],
            ),
        ],
    },
    {
        "slug": "clinical-waste-collection",
        "title": "Request a clinical waste collection",
        "page": "Clinical waste collection",
        "summary": "Free collection of clinical waste, such as sharps and dressings, from your home.",
        "case_type": ("Clinical waste collection", 5, "Waste services"),
        "anonymous": False,
        "steps": [
            ("Your address", [ADDRESS]),
            (
                "Your waste",
                [
                    q(
                        "checkboxes",
                        "kind",
                        "What do you need collected?",
                        options="Sharps box\nDressings\nOther clinical waste",
                    ),
                    q("number", "bags", "How many bags or boxes?", min_value=1, max_value=20, whole_number=True),
                    q("date", "from", "When should collections start?", allowed="future"),
                ],
            ),
        ],
    },
    {
        "slug": "report-a-blocked-gully",
        "title": "Report a blocked drain or gully",
        "page": "Gully cleansing",
        "summary": "Report a blocked road drain (gully) causing flooding.",
        "case_type": ("Gully cleansing", 10, "Highways"),
        "anonymous": True,
        "contact": "optional",
        "steps": [
            ("Where", [q("location", "where", "Where is the blocked drain?")]),
            (
                "The problem",
                [
                    q("yes_no", "flooding", "Is water flooding a property?", options=""),
                    info(
                        "urgent",
                        "<p>If water is entering a home, call 01632 960 999 now.</p>",
                        when=("flooding", ["Yes"]),
                    ),
                    q("long_text", "details", "Describe the problem", required=False),
                ],
            ),
        ],
    },
    {
        "slug": "report-a-street-problem",
        "title": "Report a street problem",
        "page": "Report a street problem",
        "summary": "Report a pothole, broken street light or graffiti on a map.",
        "case_type": ("Street problem", 10, "Highways"),
        "anonymous": True,
        "contact": "optional",
        "steps": [
            (
                "The problem",
                [q("radios", "problem", "What is the problem?", options="Pothole\nStreet light\nGraffiti")],
            ),
            ("Where", [q("location", "where", "Where is it?", hint="Choose the place on the map or describe it.")]),
            (
                "Details",
                [
                    q(
                        "radios",
                        "depth",
                        "How deep is the pothole?",
                        options="Less than 4cm\n4cm or more",
                        when=("problem", ["Pothole"]),
                    ),
                    q(
                        "short_text",
                        "column",
                        "What is the number on the lamp post?",
                        required=False,
                        when=("problem", ["Street light"]),
                    ),
                    q("yes_no", "offensive", "Is the graffiti offensive?", options="", when=("problem", ["Graffiti"])),
                    q(
                        "file_upload",
                        "photo",
                        "Add a photo (optional)",
                        required=False,
                        allowed_types=["image"],
                        max_size_mb=10,
                        max_files=1,
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "apply-for-a-vehicle-crossover",
        "title": "Apply for a dropped kerb (vehicle crossover)",
        "page": "Apply for a dropped kerb",
        "summary": "Apply to drop the kerb outside your home so you can park on your drive.",
        "case_type": ("Vehicle crossover application", 20, "Highways"),
        "anonymous": False,
        "steps": [
            ("Your address", [ADDRESS]),
            (
                "Your driveway",
                [
                    q("yes_no", "owner", "Do you own the property?", options=""),
                    q(
                        "number",
                        "width",
                        "How wide should the dropped kerb be, in metres?",
                        min_value=2.4,
                        max_value=10,
                        whole_number=False,
                    ),
                    q(
                        "file_upload",
                        "plan",
                        "Upload a plan of your driveway",
                        allowed_types=["image", "pdf"],
                        max_size_mb=10,
                        max_files=2,
                    ),
                ],
            ),
            (
                "Declaration",
                [
                    q(
                        "declaration",
                        "declare",
                        "Declaration",
                        text="<p>I understand the application fee of £100 is not refundable.</p>",
                    )
                ],
            ),
        ],
    },
    {
        "slug": "apply-for-a-disabled-parking-bay",
        "title": "Apply for a disabled parking bay",
        "page": "Apply for a disabled parking bay",
        "summary": "Apply for a disabled parking bay outside your home.",
        "case_type": ("Disabled parking bay application", 30, "Parking services"),
        "anonymous": False,
        "steps": [
            ("Your address", [ADDRESS]),
            (
                "Your Blue Badge",
                [
                    q("short_text", "badge", "What is your Blue Badge number?", max_length=20),
                    q("date", "expiry", "When does your Blue Badge expire?", allowed="future"),
                    q("yes_no", "driveway", "Do you have a driveway or garage?", options=""),
                ],
            ),
        ],
    },
    {
        "slug": "request-a-parking-bay-suspension",
        "title": "Request a parking bay suspension",
        "page": "Request a parking bay suspension",
        "summary": "Suspend parking bays for a house move, building work or an event.",
        "case_type": ("Parking bay suspension", 10, "Parking services"),
        "anonymous": False,
        "steps": [
            (
                "The suspension",
                [
                    q("location", "where", "Where are the bays?"),
                    q("number", "bays", "How many bays?", min_value=1, max_value=10, whole_number=True),
                    q("date", "start", "First day of the suspension", allowed="future"),
                    q("number", "days", "For how many days?", min_value=1, max_value=14, whole_number=True),
                    q(
                        "select",
                        "reason",
                        "Why do you need it?",
                        options="House move\nBuilding work\nSkip or scaffold\nFilming\nEvent\nOther",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "make-a-foi-request",
        "title": "Make a Freedom of Information request",
        "page": "Make a Freedom of Information request",
        "summary": "Ask for information the council holds. We reply within 20 working days.",
        "case_type": ("Freedom of Information request", 20, "Information governance"),
        "anonymous": False,
        "steps": [
            (
                "Your request",
                [
                    q(
                        "long_text",
                        "request",
                        "What information do you want?",
                        hint="Be as specific as you can, including dates.",
                        max_length=5000,
                    ),
                    q("radios", "format", "How would you like to receive it?", options="By email\nBy post"),
                ],
            ),
            (
                "Your postal address",
                [
                    q(
                        "address",
                        "postal-address",
                        "What address should we post the reply to?",
                        when=("format", ["By post"]),
                    )
                ],
            ),
        ],
    },
    {
        "slug": "make-a-complaint",
        "title": "Make a complaint",
        "page": "Make a complaint",
        "summary": "Tell us when something has gone wrong so we can put it right.",
        "case_type": ("Complaint", 10, "Customer feedback"),
        "anonymous": False,
        "steps": [
            (
                "Your complaint",
                [
                    q(
                        "select",
                        "service",
                        "Which service is it about?",
                        options="Bins and recycling\nCouncil tax\nHousing\nParking\nPlanning\nRoads and pavements\nOther",
                    ),
                    q("long_text", "what", "What went wrong?", max_length=5000),
                    q("long_text", "putright", "What would you like us to do to put it right?", max_length=2000),
                ],
            ),
        ],
    },
    {
        "slug": "give-a-compliment",
        "title": "Give a compliment",
        "page": "Give a compliment",
        "summary": "Tell us when a member of staff or a service did well.",
        "case_type": ("Compliment", 10, "Customer feedback"),
        "anonymous": True,
        "contact": "optional",
        "steps": [
            (
                "Your compliment",
                [
                    q(
                        "select",
                        "service",
                        "Which service is it about?",
                        options="Bins and recycling\nCouncil tax\nHousing\nLibraries\nParks\nOther",
                    ),
                    q("long_text", "what", "What would you like to tell us?", max_length=3000),
                    q("short_text", "who", "Who would you like to thank? (optional)", required=False),
                ],
            ),
        ],
    },
]


def _home() -> Page:
    from home.models import HomePage

    return HomePage.objects.filter(depth=2).first()


def _form(spec) -> EForm:
    name, days, team = spec["case_type"]
    case_type, _ = CaseType.objects.update_or_create(name=name, defaults={"sla_working_days": days, "team_name": team})
    form = EForm.objects.filter(slug=spec["slug"]).first() or EForm(slug=spec["slug"], live=False)
    form.title = spec["title"]
    form.introduction = spec.get("intro", "")
    form.case_type = case_type
    form.allow_anonymous = spec["anonymous"]
    form.contact_details = spec.get("contact", "required")
    form.privacy_notice = PRIVACY
    form.other_ways = OTHER_WAYS
    form.confirmation_email_text = "We will contact you if we need more information."
    form.questions = _stream(spec["slug"], spec["steps"])
    form.save()
    latest = form.latest_revision
    if (
        form.live_revision_id is None
        or latest is None
        or latest.content["questions"] != form.serializable_data()["questions"]
    ):
        form.save_revision().publish()
        form.refresh_from_db()
    return form


def _page(home, spec, form) -> ServicePage:
    slug = spec["slug"]
    page = ServicePage.objects.child_of(home).filter(slug=slug).first()
    if page is None:
        page = ServicePage(slug=slug, title=spec["page"])
        home.add_child(instance=page)
    page.title = spec["page"]
    page.summary = spec["summary"]
    page.form = form
    page.start_button_text = "Start now"
    # The summary leads the page and the form's introduction sits by the start button;
    # a body repeating either would show the same sentence twice.
    page.body = []
    page.other_ways = OTHER_WAYS
    page.save_revision().publish()
    return page


SAMPLE_STREETS = [
    "Market Square",
    "Mill Lane",
    "Station Road",
    "Church Street",
    "High Street",
    "Orchard Way",
    "Borsetshire Road",
]
SAMPLE_NAMES = ["Sam Jones", "Priya Patel", "Alex Smith", "Jo Brown", "Chris Taylor", "Mo Khan", "Ellie Wilson"]


def _sample_answers(form: EForm, rng: random.Random) -> dict:
    answers = {}
    for question in form.definition.questions:
        if not question.asks or question.condition or (not question.required and rng.random() < 0.5):
            continue
        kind = question.type
        if kind in ("radios", "select", "yes_no"):
            answers[question.id] = rng.choice(question.options)
        elif kind == "checkboxes":
            answers[question.id] = [question.options[0]]
        elif kind == "address":
            street = rng.choice(SAMPLE_STREETS)
            number = rng.randint(1, 120)
            answers[question.id] = {
                "uprn": "",
                "line_1": f"{number} {street}",
                "line_2": "",
                "town": "Borchester",
                "postcode": "BC1 2AB",
                "single_line": f"{number} {street}, Borchester, BC1 2AB",
            }
        elif kind == "location":
            answers[question.id] = {
                "latitude": f"{52.20 + rng.random() / 20:.6f}",
                "longitude": f"{-1.70 + rng.random() / 20:.6f}",
                "description": f"Near {rng.choice(SAMPLE_STREETS)}",
            }
        elif kind == "number":
            answers[question.id] = str(int(question.min_value or 1))
        elif kind == "date":
            answers[question.id] = "2026-06-01"
        elif kind == "declaration":
            answers[question.id] = True
        elif kind in ("short_text", "long_text"):
            answers[question.id] = "Sample answer for the demo."
        elif kind == "phone":
            answers[question.id] = "01632960001"
    return answers


SAMPLE_CASES = 600


def _sample_cases(forms: list[EForm]) -> int:
    """A year of cases, spread over the weeks before a fixed date, so reports have data."""
    count = SAMPLE_CASES
    rng = random.Random(20261123)  # noqa: S311 - demo data, not security
    end = datetime(2026, 11, 1, 9, tzinfo=ZoneInfo("Europe/London"))
    made = 0
    existing = set(Case.objects.filter(submission_key__startswith="demo-").values_list("submission_key", flat=True))
    plans = []
    for number in range(count):
        form = forms[rng.randrange(len(forms))]
        when = end - timedelta(days=365 * (count - number) / count, minutes=rng.randint(0, 600))
        plans.append((number, form, when, rng.random(), rng.choice(SAMPLE_NAMES), rng.getstate()))
    for number, form, when, chance, name, state in plans:
        key = f"demo-{number:05d}"
        if key in existing:
            continue
        rng.setstate(state)
        answers = _sample_answers(form, rng)
        definition = form.definition
        location = next((answers[q.id] for q in definition.questions if q.type == "location" and q.id in answers), None)
        address = next((answers[q.id] for q in definition.questions if q.type == "address" and q.id in answers), None)
        anonymous = form.allow_anonymous and chance < 0.4
        email = name.lower().replace(" ", ".") + "@example.com"
        case = case_create(
            case_type=form.case_type,
            answers=answers,
            channel=Case.Channel.WEB if chance < 0.7 else Case.Channel.PHONE,
            answer_summary=answer_summary(definition, answers),
            contact=None if anonymous else ContactDetails(name=name, email=email),
            location=CaseLocation(
                latitude=(location or {}).get("latitude"),
                longitude=(location or {}).get("longitude"),
                description=(location or {}).get("description", ""),
                address=(address or {}).get("single_line", ""),
            )
            if location or address
            else None,
            submission_key=key,
            form_key=form.slug,
            form_revision_id=form.live_revision_id,
            now=when,
        )
        if chance > 0.3 and when < end - timedelta(days=30):
            Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED)
        made += 1
    # The demo's history is not waiting to be sent.
    from services.cases.models import Outbox

    Outbox.objects.filter(case__submission_key__startswith="demo-", state=Outbox.State.PENDING).update(
        state=Outbox.State.SENT, sent_at=end
    )
    return made


def _priority_rules(forms: list[EForm]) -> None:
    """Clinical waste with sharps in it is collected first: high priority."""
    for form in forms:
        case_type = form.case_type
        if case_type.name != "Clinical waste collection" or case_type.priority_rules.exists():
            continue
        question = next((q for q in form.definition.questions if "Sharps box" in q.options), None)
        if question:
            PriorityRule.objects.create(
                case_type=case_type, question_id=question.id, answer="Sharps box", priority="high"
            )


def load(*, stdout, style) -> None:
    bank_holidays_load()
    home = _home()
    if home is None:
        stdout.write("  e-forms: no home page yet, skipped")
        return
    forms = []
    for spec in FORMS:
        form = _form(spec)
        _page(home, spec, form)
        forms.append(form)
    _priority_rules(forms)
    made = _sample_cases(forms)
    stdout.write(f"  e-forms: {len(forms)} forms on service pages, {made} new sample cases")
