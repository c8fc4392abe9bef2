"""The demo council's public pages. Idempotent: pages are found by slug and updated."""

from wagtail.models import Page, Site

from home.models import HomePage, InformationPage

HOME_TITLE = "Borsetshire Council"

DEMO_PAGES = [
    {
        "slug": "bins-and-recycling",
        "title": "Bins and recycling",
        "summary": "Collection days, missed bins, bulky waste and the recycling centre.",
        "body": [
            ("heading", {"text": "Collection days", "level": "h2"}),
            (
                "paragraph",
                "<p>General waste and recycling are collected on alternate weeks. Put your bins out by 7am on your collection day.</p>",
            ),
            ("heading", {"text": "If your bin was missed", "level": "h2"}),
            (
                "paragraph",
                "<p>Report a missed bin within 2 working days of your collection day and we will return within 3 working days.</p>",
            ),
        ],
    },
    {
        "slug": "council-tax",
        "title": "Council tax",
        "summary": "Pay your council tax, check your band, apply for a discount or tell us you are moving.",
        "body": [
            ("heading", {"text": "Ways to pay", "level": "h2"}),
            (
                "paragraph",
                "<p>Direct Debit is the easiest way to pay. You can choose to pay on the 1st, 8th, 15th or 22nd of the month.</p>",
            ),
            ("heading", {"text": "Discounts", "level": "h2"}),
            ("paragraph", "<p>If you live alone you may get a 25% single person discount.</p>"),
        ],
    },
    {
        "slug": "parking",
        "title": "Parking",
        "summary": "Permits, penalty charge notices and car parks.",
        "body": [
            ("heading", {"text": "Pay a parking fine", "level": "h2"}),
            (
                "paragraph",
                "<p>Pay within 14 days to pay the reduced rate. You will need the penalty charge notice number.</p>",
            ),
        ],
    },
    {
        "slug": "contact-us",
        "title": "Contact us",
        "summary": "Phone, email and visit the council.",
        "body": [
            (
                "paragraph",
                "<p>Call 01632 960 000, Monday to Friday 8:30am to 5pm. Our customer service centre is at Borchester Town Hall, Market Square.</p>",
            ),
        ],
    },
]


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
    # The placeholder is no longer reachable; remove it so editors never see it.
    Page.objects.filter(depth=2, slug="wagtail-welcome").exclude(pk=home.pk).delete()
    return home


def load(*, stdout, style) -> None:
    home = _home_page()
    created = 0
    for spec in DEMO_PAGES:
        page = InformationPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if page is None:
            page = InformationPage(slug=spec["slug"], title=spec["title"])
            home.add_child(instance=page)
            created += 1
        page.title = spec["title"]
        page.summary = spec["summary"]
        page.body = spec["body"]
        page.save_revision().publish()
    stdout.write(f"  home page and {len(DEMO_PAGES)} pages ({created} new)")
