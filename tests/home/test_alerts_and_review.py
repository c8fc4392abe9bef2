import datetime

import pytest
from django.utils import timezone

from home.models import AlertBanner, InformationPage, ServiceCategoryPage

pytestmark = pytest.mark.django_db


def test_site_wide_alert_shows_on_every_page_while_current(client, demo_pages):
    for url in ["/", "/parking/", "/news/"]:
        assert "Bin collections are running a day late this week" in client.get(url).content.decode()
    AlertBanner.objects.update(
        ends_at=timezone.now() - datetime.timedelta(minutes=1), starts_at=timezone.now() - datetime.timedelta(days=1)
    )
    assert "Bin collections are running a day late" not in client.get("/").content.decode()


def test_section_alert_shows_only_in_its_section(client, demo_pages):
    roads = ServiceCategoryPage.objects.get(slug="roads-and-streets")
    AlertBanner.objects.create(title="Gritting tonight from 6pm", section=roads)
    assert "Gritting tonight" in client.get("/roads-and-streets/").content.decode()
    assert "Gritting tonight" in client.get("/roads-and-streets/report-a-pothole/").content.decode()
    assert "Gritting tonight" not in client.get("/parking/").content.decode()


def test_future_alert_waits_for_its_start(client, demo_pages):
    AlertBanner.objects.create(
        title="Elections count on Friday", starts_at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert "Elections count" not in client.get("/").content.decode()


def test_overdue_review_report_lists_late_pages_with_owner_and_date(admin_client, demo_pages, staff_user):
    late = InformationPage.objects.get(slug="local-plan")
    late.owner = staff_user
    late.save(update_fields=["owner"])
    response = admin_client.get("/admin/reports/content/overdue-review/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pages overdue for review" in html
    for slug in ["local-plan", "street-lighting-faults", "hmo-licensing", "play-areas"]:
        assert InformationPage.objects.get(slug=slug).title in html
    assert late.review_by.strftime("%-d %B %Y") in html
    assert staff_user.get_full_name() or staff_user.username in html
    assert "Report a pothole" not in html  # due next year
    # Most overdue first.
    assert html.index("Borsetshire Local Plan") < html.index("Report a street light fault") < html.index("Play areas")

    export = admin_client.get("/admin/reports/content/overdue-review/?export=csv")
    assert export.status_code == 200
    assert b"Borsetshire Local Plan" in b"".join(export.streaming_content if export.streaming else [export.content])


def test_new_pages_are_due_for_review_in_a_year():
    page = InformationPage(title="x", slug="x")
    assert page.review_by == timezone.localdate() + datetime.timedelta(days=365)
