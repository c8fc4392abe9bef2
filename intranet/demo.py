"""The demo intranet: sections, staff news, policies with small generated PDF
documents, events, quick links and the directory of the demo staff. Idempotent:
everything is found by slug, title or user and updated; nothing is duplicated."""

from datetime import date, datetime, time, timedelta
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from intranet import operations
from intranet.models import (
    IntranetHomePage,
    IntranetPage,
    PolicyIndexPage,
    PolicyPage,
    StaffDirectoryPage,
    StaffEventIndexPage,
    StaffEventPage,
    StaffNewsIndexPage,
    StaffNewsPage,
)

DIRECTORY = {
    "admin": {"role": "Digital platform manager", "team": "Digital services", "phone": "01632 960 101"},
    "editor": {"role": "Web content editor", "team": "Communications", "phone": "01632 960 102"},
    "moderator": {"role": "Head of communications", "team": "Communications", "phone": "01632 960 103"},
}

NEWS = [
    {
        "slug": "new-contact-centre-system",
        "title": "The new contact centre system goes live in spring",
        "date": date(2026, 11, 16),
        "summary": "Every call, email and web form will become a case in one place. Training starts in January.",
        "body": "<p>Team leaders will book everyone onto a two-hour session. Nothing changes for residents until launch day.</p>",
        "image": True,
    },
    {
        "slug": "winter-gritting-volunteers",
        "title": "Winter gritting: volunteers wanted for the standby rota",
        "date": date(2026, 11, 9),
        "summary": "Highways need 20 more volunteers for the overnight standby rota from December to February.",
        "body": "<p>Standby shifts are paid at the overtime rate. Speak to your manager before you sign up.</p>",
    },
    {
        "slug": "staff-survey-results",
        "title": "Staff survey results and what we will do next",
        "date": date(2026, 10, 27),
        "summary": "78% of you took part. The top three actions are on workload, hybrid working and training.",
        "body": "<p>Directors will share their service's action plan by the end of the year.</p>",
    },
]

POLICIES = [
    {
        "slug": "hybrid-working-policy",
        "title": "Hybrid working policy",
        "summary": "When and how you can work from home, and what the council provides.",
        "owner": "moderator",
        "review_date": date(2027, 6, 30),
        "text": "Hybrid working policy. Staff may work from home up to three days a week with their manager's agreement.",
    },
    {
        "slug": "information-security-policy",
        "title": "Information security policy",
        "summary": "How we keep residents' personal data safe, and what to do if something goes wrong.",
        "owner": "admin",
        "review_date": date(2026, 9, 30),
        "text": "Information security policy. Report any data breach to the information governance team within one hour.",
    },
    {
        "slug": "expenses-policy",
        "title": "Travel and expenses policy",
        "summary": "What you can claim, mileage rates and how to submit a claim.",
        "owner": "editor",
        "review_date": date(2027, 3, 31),
        "text": "Travel and expenses policy. Claim mileage at 45p per mile for the first 10,000 business miles.",
    },
]

EVENTS = [
    {
        "slug": "all-staff-briefing",
        "title": "All-staff briefing with the chief executive",
        "days_ahead": 10,
        "hour": 10,
        "location": "Council chamber, Borchester Town Hall, and online",
        "summary": "The budget for next year and the contact centre programme. Questions welcome.",
    },
    {
        "slug": "wellbeing-walk",
        "title": "Lunchtime wellbeing walk",
        "days_ahead": 17,
        "hour": 12,
        "location": "Meet at the Market Square entrance",
        "summary": "A gentle 40-minute walk along the river. Everyone welcome.",
    },
]


def _pdf(text: str) -> bytes:
    """A small valid one-page PDF showing ``text`` (deterministic: no dates or ids)."""
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 12 Tf 72 720 Td ({safe}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _png() -> bytes:
    from PIL import Image as PILImage

    picture = PILImage.new("RGB", (640, 360), (84, 49, 159))
    buffer = BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def _document(title: str, text: str, collection):
    Document = get_document_model()
    document = Document.objects.filter(title=title, collection=collection).first()
    if document is None:
        filename = title.lower().replace(" ", "-") + ".pdf"
        document = Document(title=title, collection=collection)
        document.file.save(filename, ContentFile(_pdf(text)), save=False)
        document._set_document_file_metadata()
        document.save()
    return document


def _image(title: str, collection):
    Image = get_image_model()
    image = Image.objects.filter(title=title, collection=collection).first()
    if image is None:
        image = Image(title=title, collection=collection, file=ImageFile(BytesIO(_png()), name="contact-centre.png"))
        image._set_image_file_metadata()
        image.save()
    return image


def _child(parent, model, slug, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    created = page is None
    if created:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page, created


def load(*, stdout, style) -> None:
    site = operations.intranet_site_sync()
    home = IntranetHomePage.objects.get()
    collection = operations.intranet_collection()

    User = get_user_model()
    profiles = {}
    for username, spec in DIRECTORY.items():
        user = User.objects.filter(username=username).first()
        if user is not None:
            profiles[username] = operations.staff_profile_update_or_create(user=user, **spec)

    created = 0
    news_index, new = _child(home, StaffNewsIndexPage, "news", title="Staff news", show_in_menus=True)
    created += new
    policies, new = _child(
        home,
        PolicyIndexPage,
        "policies",
        title="Policies",
        show_in_menus=True,
        introduction="Council policies for staff. Each one has an owner and a date when it is next reviewed.",
    )
    created += new
    directory, new = _child(
        home,
        StaffDirectoryPage,
        "staff-directory",
        title="Staff directory",
        show_in_menus=True,
        introduction="Find a colleague by name or team.",
    )
    created += new
    events, new = _child(home, StaffEventIndexPage, "events", title="Events", show_in_menus=True)
    created += new
    it_help, new = _child(
        home,
        IntranetPage,
        "it-help",
        title="IT help",
        show_in_menus=True,
        summary="Get help with your laptop, phone or an account.",
        body=[
            ("heading", {"text": "Report a fault", "level": "h2"}),
            ("paragraph", "<p>Call the IT service desk on extension 4000, 8am to 6pm, Monday to Friday.</p>"),
        ],
    )
    created += new

    image = _image("Contact centre training", collection)
    for spec in NEWS:
        _page, new = _child(
            news_index,
            StaffNewsPage,
            spec["slug"],
            title=spec["title"],
            date=spec["date"],
            summary=spec["summary"],
            image=image if spec.get("image") else None,
            body=[("paragraph", spec["body"])],
        )
        created += new
    for spec in POLICIES:
        document = _document(spec["title"], spec["text"], collection)
        _page, new = _child(
            policies,
            PolicyPage,
            spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            document=document,
            policy_owner=profiles.get(spec["owner"]),
            review_date=spec["review_date"],
        )
        created += new
    today = timezone.localdate()
    for spec in EVENTS:
        start = timezone.make_aware(datetime.combine(today + timedelta(days=spec["days_ahead"]), time(spec["hour"])))
        _page, new = _child(
            events,
            StaffEventPage,
            spec["slug"],
            title=spec["title"],
            start=start,
            end=start + timedelta(hours=1),
            location=spec["location"],
            summary=spec["summary"],
        )
        created += new

    home.quick_links = [
        ("link", {"title": "IT help", "page": it_help, "url": "", "description": "Faults, accounts and equipment"}),
        (
            "link",
            {"title": "Policies", "page": policies, "url": "", "description": "Hybrid working, expenses, security"},
        ),
        ("link", {"title": "Staff directory", "page": directory, "url": "", "description": "Find a colleague"}),
    ]
    home.save_revision().publish()
    stdout.write(
        f"  intranet at http://{site.hostname}:8000/ ({created} new pages, {len(profiles)} directory entries); "
        "staff sign in with their second factor"
    )
