"""Each page type renders on the demo site, within the query budget, without writes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import EventPage, GuidePage, NewsPage

pytestmark = pytest.mark.django_db

PAGES = [
    ("/", "Borsetshire Council"),
    ("/rubbish-and-recycling/", "Rubbish and recycling"),
    ("/bins-and-recycling/", "Bins and recycling"),
    ("/parking-and-travel/blue-badge/", "Blue Badge parking"),
    ("/news/", "News"),
    ("/news/recycling-rate/", "Recycling rate reaches 58%"),
    ("/events/", "What&#x27;s on"),
    ("/events/repair-cafe/", "Repair café"),
    ("/accessibility-statement/", "Accessibility statement"),
    ("/privacy-notice/", "Privacy notice"),
]


@pytest.mark.parametrize(("url", "heading"), PAGES)
def test_each_page_type_renders_with_its_heading(client, demo_pages, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    assert f'<h1 class="govuk-heading-xl">{heading}</h1>' in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/", "/bins-and-recycling/", "/council-tax-and-benefits/council-tax-bands-and-charges/"]
)
def test_pages_need_at_most_twelve_queries_and_never_write(client, demo_pages, url):
    client.get(url)  # the first view fills the per-site caches (menus, restricted paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) <= 12, "\n".join(q["sql"][:150] for q in queries)
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []


def test_home_page_shows_top_tasks_categories_news_and_events(client, demo_pages):
    html = client.get("/").content.decode()
    assert "Popular tasks" in html and "Pay your council tax" in html
    for category in ["Rubbish and recycling", "Council tax and benefits", "Parking and travel", "Housing"]:
        assert category in html
    latest = NewsPage.objects.live().order_by("-date").first()
    assert latest.title in html
    assert EventPage.objects.live().order_by("start").first().title in html


def test_category_lists_its_pages_with_summaries(client, demo_pages):
    html = client.get("/roads-and-streets/").content.decode()
    assert "Report a pothole" in html
    assert "Tell us about potholes and other damage to roads and pavements." in html


def test_guide_has_contents_and_previous_and_next_parts(client, demo_pages):
    assert GuidePage.objects.filter(slug="blue-badge").exists()
    url = "/parking-and-travel/blue-badge/"
    first = client.get(url).content.decode()
    assert 'aria-label="Contents"' in first
    assert "1. Overview" in first
    assert f'href="{url}who-can-apply/" rel="next"' in first
    assert 'rel="prev"' not in first

    second = client.get(f"{url}who-can-apply/").content.decode()
    assert "2. Who can apply" in second
    assert '<span aria-current="page">Who can apply</span>' in second
    assert f'href="{url}" rel="prev"' in second
    assert f'href="{url}how-to-apply/" rel="next"' in second

    last = client.get(f"{url}lost-or-stolen-badges/").content.decode()
    assert 'rel="next"' not in last
    assert client.get(f"{url}no-such-part/").status_code == 404
    # The first part lives only at the guide's own address.
    assert client.get(f"{url}overview/").status_code == 404


def test_breadcrumbs_lead_back_through_the_category(client, demo_pages):
    html = client.get("/roads-and-streets/report-a-pothole/").content.decode()
    crumbs = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert 'href="/">Home</a>' in crumbs
    assert 'href="/roads-and-streets/">Roads and streets</a>' in crumbs


def test_blocks_render_as_govuk_components(client, demo_pages):
    html = client.get("/council-tax-and-benefits/council-tax-bands-and-charges/").content.decode()
    assert '<table class="govuk-table">' in html
    assert '<th scope="col" class="govuk-table__header">Band</th>' in html
    assert "Council tax explained 2026 to 2027" in html
    assert re.search(r"PDF, \d+ KB</span>", html)  # the document link shows file type and size
    bins = client.get("/bins-and-recycling/").content.decode()
    assert "govuk-button--start" in bins
    assert '<details class="govuk-details">' in bins
    assert "Telephone: 01632 960 101" in bins  # the shared contact details snippet
    parking = client.get("/parking/").content.decode()
    assert "govuk-warning-text" in parking


def test_accessibility_statement_has_the_regulations_sections(client, demo_pages):
    html = client.get("/accessibility-statement/").content.decode()
    for heading in [
        "How accessible this website is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Technical information about this website",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ]:
        assert heading in html
    assert "partially compliant with the" in html


def test_footer_and_header_links_come_from_the_navigation_settings(client, demo_pages):
    from wagtail.models import Site

    from home.models import NavigationSettings

    html = client.get("/parking/").content.decode()
    assert 'class="govuk-service-navigation__link" href="/news/"' in html
    assert 'class="govuk-footer__link" href="/privacy-notice/">Privacy notice</a>' in html

    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    navigation.footer_links = [("link", {"text": "Jobs", "page": None, "url": "https://jobs.example/"})]
    navigation.save()
    html = client.get("/parking/").content.decode()
    assert 'href="https://jobs.example/">Jobs</a>' in html
    assert "Privacy notice</a>" not in html


def test_menu_follows_a_renamed_page_once_it_is_published(client, demo_pages):
    from home.models import NewsIndexPage

    client.get("/")
    news = NewsIndexPage.objects.get()
    news.title = "Newsroom"
    news.save_revision().publish()
    # The menu's link text is set in the settings ("News"); its address follows the page.
    news.slug = "newsroom"
    news.save_revision().publish()
    assert 'class="govuk-service-navigation__link" href="/newsroom/"' in client.get("/").content.decode()


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_security_txt_has_a_contact_and_an_expiry_in_the_future(client, settings):
    import datetime

    settings.SECURITY_TXT_CONTACTS = ["mailto:security@borsetshire.example", "https://borsetshire.example/security"]
    text = client.get("/.well-known/security.txt").content.decode()
    assert "Contact: mailto:security@borsetshire.example" in text
    assert "Contact: https://borsetshire.example/security" in text
    expires = next(line for line in text.splitlines() if line.startswith("Expires: ")).split(": ", 1)[1]
    when = datetime.datetime.strptime(expires, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
    assert datetime.timedelta(days=1) < when - datetime.datetime.now(datetime.UTC) < datetime.timedelta(days=366)


def test_demo_has_enough_realistic_content(demo_pages):
    from wagtail.models import Page, PageViewRestriction, Site

    from home.models import AlertBanner, EventPage, GuidePage, InformationPage, NewsPage, ServiceCategoryPage

    assert Page.objects.filter(depth__gte=2).count() >= 60
    assert ServiceCategoryPage.objects.count() >= 7
    assert GuidePage.objects.count() >= 3
    assert NewsPage.objects.live().count() >= 12
    assert EventPage.objects.live().count() >= 5
    assert AlertBanner.objects.exists()
    assert Site.objects.count() >= 2
    assert PageViewRestriction.objects.exists()
    for slug in ["bins-and-recycling", "council-tax", "parking", "contact-us"]:
        assert InformationPage.objects.filter(slug=slug, depth=3).exists()
