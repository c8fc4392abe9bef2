"""The demo council's public site: a home page, service categories with information
pages and guides, news, events, an alert, statutory pages and two microsites (one
page restricted to a group, one to a password).

Idempotent and deterministic: every page is found by its slug under its parent and
made only when missing; snippets, images and sites are found by name. Dates of news
and events are relative to the day of loading, so events are always upcoming.
"""

import datetime
import io
from contextlib import contextmanager

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupPagePermission, Page, PageViewRestriction, Site, get_page_models
from wagtail.signal_handlers import disable_reference_index_auto_update

from home import demo_content as content
from home.models import (
    AccessibilityStatementPage,
    AlertBanner,
    ContactDetails,
    EventCategory,
    EventIndexPage,
    EventPage,
    GuidePage,
    HomePage,
    InformationPage,
    MicrositeHomePage,
    NavigationSettings,
    NewsIndexPage,
    NewsPage,
    ServiceCategoryPage,
    SiteSettings,
)
from home.signals import RENDITION_SPECS

HOME_TITLE = "Borsetshire Council"
# Kept for other apps' tests: the four pages directly under the home page.
DEMO_PAGES = content.TOP_PAGES

# A few pages are past their review date, so the overdue report has something to show.
OVERDUE_SLUGS = {"street-lighting-faults": 40, "hmo-licensing": 12, "local-plan": 95, "play-areas": 3}

IMAGES = [
    (
        "Recycling lorry on a Borchester street",
        "A blue recycling lorry collecting bins on a terraced street",
        (29, 112, 184),
    ),
    ("Lakey Hill meadow in summer", "Wild flowers in a hillside meadow under a blue sky", (0, 112, 60)),
    ("Market Square, Borchester", "The town hall clock tower above market stalls in the square", (80, 90, 95)),
]


class _Counter:
    def __init__(self):
        self.created = 0
        self.pages: list[Page] = []


@contextmanager
def _bulk_indexing(counter: _Counter):
    """Pause per-save search and reference indexing while pages are made, then index
    the new pages once each."""
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.models import ReferenceIndex
    from wagtail.search.backends import get_search_backends
    from wagtail.search.index import class_is_indexed

    models = set(get_page_models())
    models = [model for model in models if class_is_indexed(model)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
    by_model: dict[type, list] = {}
    for page in counter.pages:
        by_model.setdefault(type(page), []).append(page)
        ReferenceIndex.create_or_update_for_object(page)
    for backend in get_search_backends():
        for model, pages in by_model.items():
            backend.add_bulk(model, pages)


def _home_page() -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        home = HomePage(
            title=HOME_TITLE,
            slug="home",
            introduction="Find and use council services, report a problem, pay, apply and book.",
        )
        # Wagtail's migration creates a placeholder page with the slug "home"; move it aside.
        Page.objects.filter(depth=2, slug="home").update(slug="wagtail-welcome")
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=HOME_TITLE)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = HOME_TITLE
        site.save()
    # The placeholder is no longer reachable; remove it so editors never see it. The
    # groups that could edit it (Wagtail's Editors and Moderators) edit the new home.
    for placeholder in Page.objects.filter(depth=2, slug="wagtail-welcome").exclude(pk=home.pk):
        _page_permissions_copy(source=placeholder, target=home)
        placeholder.delete()
    return home


def _page_permissions_copy(*, source: Page, target: Page) -> None:
    """Groups keep their page permissions off the tree's root, so that they do not
    reach the staff intranet (intranet.0005): a new site home is edited by the groups
    that edit ``source``."""
    for grant in GroupPagePermission.objects.filter(page=source):
        GroupPagePermission.objects.get_or_create(
            group_id=grant.group_id, page=target, permission_id=grant.permission_id
        )


def _child(parent: Page, model, slug: str, counter: _Counter, **fields) -> Page:
    """The page of this type and slug under ``parent``, made and published if missing."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is not None:
        return page
    page = model(slug=slug, live=True, **fields)
    parent.add_child(instance=page)
    # Published without the publish action's signals, logs and re-saves (three times
    # faster); load() indexes the new pages for search and references in bulk.
    revision = page.save_revision(clean=False)
    now = timezone.now()
    model.objects.filter(pk=page.pk).update(
        live_revision=revision, first_published_at=now, last_published_at=now, has_unpublished_changes=False
    )
    page.live_revision, page.first_published_at, page.last_published_at = revision, now, now
    counter.created += 1
    counter.pages.append(page)
    return page


def _resolve(body: list, refs: dict) -> list:
    """Swap the content module's markers for the ids of snippets and documents."""
    resolved = []
    for block_type, value in body:
        if isinstance(value, dict) and "__contact__" in value:
            value = refs["contacts"][value["__contact__"]]
        elif isinstance(value, dict) and "__document__" in value:
            value = {"document": refs["documents"][value["__document__"]], "title": ""}
        resolved.append((block_type, value))
    return resolved


def _review_by(slug: str):
    if slug in OVERDUE_SLUGS:
        return timezone.localdate() - datetime.timedelta(days=OVERDUE_SLUGS[slug])
    return None


def _content_page(parent: Page, spec: dict, refs: dict, counter: _Counter) -> Page:
    extra = {}
    if review_by := _review_by(spec["slug"]):
        extra["review_by"] = review_by
    if spec.get("type") == "guide":
        parts = [("part", {"title": part["title"], "body": _resolve(part["body"], refs)}) for part in spec["parts"]]
        return _child(
            parent, GuidePage, spec["slug"], counter, title=spec["title"], summary=spec["summary"], parts=parts, **extra
        )
    return _child(
        parent,
        InformationPage,
        spec["slug"],
        counter,
        title=spec["title"],
        summary=spec["summary"],
        body=_resolve(spec["body"], refs),
        **extra,
    )


def _contacts() -> dict:
    contacts = {}
    for key, spec in content.CONTACTS.items():
        contact, _ = ContactDetails.objects.get_or_create(name=spec["name"], defaults=spec)
        contacts[key] = contact
    return contacts


def _png(colour) -> bytes:
    from PIL import Image as PILImage
    from PIL import ImageDraw

    picture = PILImage.new("RGB", (1280, 720), colour)
    draw = ImageDraw.Draw(picture)
    for i in range(0, 1280, 160):
        draw.rectangle([i, 480 + (i // 160) % 3 * 40, i + 120, 720], fill=(255, 255, 255))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def _public_collection() -> Collection:
    """The public sites' media: web editors' rights are on this collection, not on the
    root, where they would reach the Intranet collection too (intranet.0006)."""
    return Collection.objects.get(depth=2, name="Public")


def _images() -> list:
    Image = get_image_model()
    images = []
    for title, alt, colour in IMAGES:
        image = Image.objects.filter(title=title).first()
        if image is None:
            name = f"{title.lower().replace(' ', '-').replace(',', '')}.png"
            image = Image(
                title=title,
                description=alt,
                collection=_public_collection(),
                file=ImageFile(io.BytesIO(_png(colour)), name=name),
            )
            image.save()
        # Every size the templates use, made now rather than on a visitor's first view
        # (also for images an earlier load made before a size was added).
        image.get_renditions(*RENDITION_SPECS)
        images.append(image)
    return images


_MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _documents() -> dict:
    Document = get_document_model()
    title = "Council tax explained 2026 to 2027"
    document = Document.objects.filter(title=title).first()
    if document is None:
        data = _MINIMAL_PDF * 40
        document = Document(
            title=title,
            collection=_public_collection(),
            file=ContentFile(data, name="council-tax-explained-2026-27.pdf"),
        )
        document._set_document_file_metadata()
        document.save()
    return {"council-tax-leaflet": document}


def _event_categories() -> dict:
    categories = {}
    for name, slug in content.EVENT_CATEGORIES:
        category, _ = EventCategory.objects.get_or_create(slug=slug, defaults={"name": name})
        categories[slug] = category
    return categories


def _news(home: HomePage, images: list, counter: _Counter) -> NewsIndexPage:
    index = _child(
        home,
        NewsIndexPage,
        "news",
        counter,
        title="News",
        introduction="News and announcements from Borsetshire Council.",
    )
    today = timezone.localdate()
    for number, (slug, title, summary) in enumerate(content.NEWS):
        image = images[number % len(images)] if number < 6 else None
        body = [
            content.p(f"<p>{summary}</p>"),
            content.p(
                "<p>Councillor Jennifer Aldridge, cabinet member for communities, said: “This is good news for residents across Borsetshire, and we thank everyone who took part.”</p>"
            ),
            content.h("Notes for editors"),
            content.p("<p>For media enquiries, email press@borsetshire.example.</p>"),
        ]
        _child(
            index,
            NewsPage,
            slug,
            counter,
            title=title,
            summary=summary,
            date=today - datetime.timedelta(days=3 * number + 1),
            image=image,
            body=body,
        )
    return index


def _events(home: HomePage, counter: _Counter) -> EventIndexPage:
    categories = _event_categories()
    index = _child(
        home,
        EventIndexPage,
        "events",
        counter,
        title="What's on",
        introduction="Events, activities and consultations run by the council and its partners.",
    )
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    for slug, title, summary, days, hour, hours, location, cost, category, booking in content.EVENTS:
        day = today + datetime.timedelta(days=days)
        if hours:
            start = datetime.datetime.combine(day, datetime.time(hour), tzinfo=tz)
            end = start + datetime.timedelta(hours=hours)
        else:
            start = datetime.datetime.combine(day, datetime.time(0), tzinfo=tz)
            end = datetime.datetime.combine(day, datetime.time(23, 59), tzinfo=tz)
        _child(
            index,
            EventPage,
            slug,
            counter,
            title=title,
            summary=summary,
            start=start,
            end=end,
            all_day=not hours,
            location=location,
            cost=cost,
            category=categories[category],
            booking_url=f"https://www.example.com/book/{slug}" if booking else "",
            body=[content.p(f"<p>{summary} Everyone is welcome.</p>")],
        )
    return index


def _statutory_pages(home: HomePage, refs: dict, counter: _Counter) -> dict:
    spec = dict(content.ACCESSIBILITY_STATEMENT)
    today = timezone.localdate()
    statement = AccessibilityStatementPage.objects.first() or _child(
        home,
        AccessibilityStatementPage,
        spec.pop("slug"),
        counter,
        feedback_contact=refs["contacts"]["accessibility"],
        prepared_on=datetime.date(2024, 9, 23),
        last_reviewed_on=today - datetime.timedelta(days=60),
        last_tested_on=today - datetime.timedelta(days=75),
        **{k: v for k, v in spec.items() if k != "slug"},
    )
    privacy = _content_page(home, content.PRIVACY_NOTICE, refs, counter)
    return {"accessibility": statement, "privacy": privacy}


def _alert(home: HomePage) -> None:
    title = "Bin collections are running a day late this week"
    if not AlertBanner.objects.filter(title=title).exists():
        now = timezone.now().replace(minute=0, second=0, microsecond=0)
        AlertBanner.objects.create(
            title=title,
            message="<p>Because of the bank holiday, all collections are a day later than usual until Saturday.</p>",
            starts_at=now - datetime.timedelta(hours=1),
            ends_at=now + datetime.timedelta(days=14),
        )


def _settings(site: Site, top: dict, statutory: dict, news: Page, events: Page) -> None:
    site_settings = SiteSettings.for_site(site)
    if not site_settings.main_phone:
        site_settings.council_name = HOME_TITLE
        site_settings.main_phone = "01632 960 000"
        site_settings.main_email = "customer.services@borsetshire.example"
        site_settings.address = "Borchester Town Hall\nMarket Square\nBorchester\nBC1 1AA"
        site_settings.social_links = [
            ("link", {"platform": "facebook", "url": "https://www.facebook.com/example"}),
            ("link", {"platform": "bluesky", "url": "https://bsky.app/profile/example"}),
        ]
        site_settings.save()
    navigation = NavigationSettings.for_site(site)
    if not navigation.header_links:
        navigation.header_links = [
            ("link", {"text": "News", "page": news, "url": ""}),
            ("link", {"text": "What's on", "page": events, "url": ""}),
            ("link", {"text": "Contact us", "page": top["contact-us"], "url": ""}),
        ]
        navigation.footer_links = [
            ("link", {"text": "Accessibility statement", "page": statutory["accessibility"], "url": ""}),
            ("link", {"text": "Privacy notice", "page": statutory["privacy"], "url": ""}),
            ("link", {"text": "Cookies", "page": None, "url": "/cookies/"}),
        ]
        navigation.save()


def _top_tasks(home: HomePage, top: dict, pages: dict) -> None:
    if home.top_tasks:
        return
    home.top_tasks = [
        ("task", {"text": "", "page": top["bins-and-recycling"], "url": ""}),
        ("task", {"text": "Pay your council tax", "page": pages["pay-your-council-tax"], "url": ""}),
        ("task", {"text": "Report a pothole", "page": pages["report-a-pothole"], "url": ""}),
        ("task", {"text": "", "page": top["parking"], "url": ""}),
        ("task", {"text": "Apply for planning permission", "page": pages["apply-for-planning-permission"], "url": ""}),
        ("task", {"text": "Apply for council housing", "page": pages["apply-for-council-housing"], "url": ""}),
    ]
    home.save_revision().publish()


def _microsites(refs: dict, counter: _Counter, stdout) -> None:
    root = Page.get_first_root_node()
    for spec in content.MICROSITES:
        site_home = _child(
            root,
            MicrositeHomePage,
            spec["slug"],
            counter,
            title=spec["site_name"],
            introduction=spec["introduction"],
        )
        site = Site.objects.filter(hostname=spec["hostname"]).first()
        if site is None:
            Site.objects.create(hostname=spec["hostname"], port=80, root_page=site_home, site_name=spec["site_name"])
        _page_permissions_copy(source=Site.objects.get(is_default_site=True).root_page, target=site_home)
        for page_spec in spec["pages"]:
            _content_page(site_home, page_spec, refs, counter)
        restricted = spec["restricted"]
        page = _content_page(site_home, restricted["page"], refs, counter)
        if PageViewRestriction.objects.filter(page=page).exists():
            continue
        if "group" in restricted:
            group, _ = Group.objects.get_or_create(name=restricted["group"])
            restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
            restriction.groups.add(group)
            stdout.write(f"  {spec['site_name']}: '{page.title}' is for the group '{group.name}' only")
        else:
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.PASSWORD, password=restricted["password"]
            )
            stdout.write(f"  {spec['site_name']}: '{page.title}' needs the shared word '{restricted['password']}'")


@transaction.atomic
def load(*, stdout, style) -> None:
    counter = _Counter()
    with _bulk_indexing(counter):
        _load(counter, stdout)
    from home.selectors import site_chrome_clear

    site_chrome_clear()
    total = Page.objects.filter(depth__gte=2).count()
    stdout.write(f"  council website: {total} pages ({counter.created} new), news, events, an alert and 2 microsites")


def _load(counter: _Counter, stdout) -> None:
    home = _home_page()
    refs = {"contacts": _contacts(), "documents": _documents()}
    images = _images()

    top = {
        spec["slug"]: _content_page(home, {"type": "information", **spec}, refs, counter) for spec in content.TOP_PAGES
    }
    pages = {}
    for category_spec in content.CATEGORIES:
        category = _child(
            home,
            ServiceCategoryPage,
            category_spec["slug"],
            counter,
            title=category_spec["title"],
            summary=category_spec["summary"],
        )
        for spec in category_spec["children"]:
            pages[spec["slug"]] = _content_page(category, spec, refs, counter)

    news = _news(home, images, counter)
    events = _events(home, counter)
    statutory = _statutory_pages(home, refs, counter)
    _top_tasks(home, top, pages)
    _alert(home)
    _settings(Site.objects.get(is_default_site=True), top, statutory, news, events)
    _microsites(refs, counter, stdout)
