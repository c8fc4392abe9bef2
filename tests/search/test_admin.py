"""The comms team's screens: synonyms, promoted results, and search analytics with
CSV export. Every screen needs a verified second factor and the right permission."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from search.models import BestBet, SearchClick, SearchEvent, SynonymGroup
from services.staff.operations import current_totp_code, staff_second_factor_provision


def verify(client, user):
    client.force_login(user)
    client.post("/admin/2fa/", {"code": current_totp_code(user.totp_device)})


@pytest.fixture
def admin_client(client, staff_user):
    verify(client, staff_user)
    return client


@pytest.fixture
def analytics(db):
    today = date.today()
    for query, results, days_ago in [
        ("council tax", 5, 0),
        ("council tax", 5, 1),
        ("council tax", 5, 8),
        ("bin day", 3, 0),
        ("swimmming lessons", 0, 0),
        ("swimmming lessons", 0, 2),
    ]:
        SearchEvent.objects.create(query=query, results=results, day=today - timedelta(days=days_ago))
    SearchClick.objects.create(query="council tax", url="/council-tax/", title="Council tax", position=1, day=today)


REPORT_URLS = [
    "/admin/reports/search/top-searches/",
    "/admin/reports/search/no-results/",
    "/admin/reports/search/results-chosen/",
    "/admin/reports/search/trend/",
]


def test_top_searches_lists_queries_by_frequency(admin_client, analytics):
    html = admin_client.get(REPORT_URLS[0]).content.decode()
    assert html.index("council tax") < html.index("bin day")
    assert "Top searches" in html


def test_no_results_lists_only_zero_result_queries(admin_client, analytics):
    html = admin_client.get(REPORT_URLS[1]).content.decode()
    assert "swimmming lessons" in html and "council tax" not in html


def test_results_chosen_and_weekly_trend(admin_client, analytics):
    assert "/council-tax/" in admin_client.get(REPORT_URLS[2]).content.decode()
    html = admin_client.get(REPORT_URLS[3]).content.decode()
    assert "Week beginning" in html


def test_reports_export_csv(admin_client, analytics):
    response = admin_client.get(REPORT_URLS[0], {"export": "csv"})
    assert response.status_code == 200 and "csv" in response["Content-Type"]
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "Search,Searches,Results,Results chosen,Last searched"
    assert lines[1].startswith("council tax,3,5,1,")
    trend = admin_client.get(REPORT_URLS[3], {"export": "csv"})
    assert b"".join(trend.streaming_content).decode().startswith("Week beginning,Searches")


@pytest.mark.parametrize("url", REPORT_URLS)
def test_reports_need_a_second_factor(client, staff_user, url):
    client.force_login(staff_user)
    response = client.get(url)
    assert response.status_code == 302 and "/admin/2fa/" in response["Location"]


def test_reports_need_permission(client, db):
    user = get_user_model().objects.create_user(username="editor", password="x" * 14, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    user.totp_device, _ = staff_second_factor_provision(user=user)
    verify(client, user)
    assert client.get(REPORT_URLS[0]).status_code in (302, 403)
    user.user_permissions.add(Permission.objects.get(codename="view_searchevent"))
    user = get_user_model().objects.get(pk=user.pk)
    assert client.get(REPORT_URLS[0]).status_code == 200


def test_editors_add_synonyms_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/snippets/site_search/synonymgroup/add/", {"terms": "Tip ,  recycling centre,,", "notes": ""}
    )
    assert response.status_code == 302
    assert SynonymGroup.objects.get().terms == "tip, recycling centre"
    response = admin_client.post("/admin/snippets/site_search/synonymgroup/add/", {"terms": "tip", "notes": ""})
    assert "at least two" in response.content.decode()


def test_editors_add_promoted_results_in_the_admin(admin_client, publish):
    page = publish("Report a missed bin")
    response = admin_client.post(
        "/admin/snippets/site_search/bestbet/add/",
        {
            "queries": "Missed bin\n\nbin missed",
            "page": page.pk,
            "external_url": "",
            "title": "",
            "description": "",
            "live": "on",
        },
    )
    assert response.status_code == 302
    bet = BestBet.objects.get()
    assert [row.query for row in bet.query_rows.all()] == ["missed bin", "bin missed"]
    assert "Recommended" in admin_client.get("/search/", {"q": "Missed Bin"}).content.decode()


def test_the_admin_menu_has_the_search_screens(admin_client):
    html = admin_client.get("/admin/").content.decode()
    for label in ("Synonyms", "Promoted results", "Top searches", "Searches with no results"):
        assert label in html


def _results(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_editors_change_synonyms_in_the_admin_and_searches_follow_at_once(admin_client, publish):
    publish("Household waste recycling centres", summary="Opening times and what you can take.")
    assert "Household waste recycling centres" not in _results(admin_client, "dump")
    add = "/admin/snippets/site_search/synonymgroup/add/"
    assert admin_client.post(add, {"terms": "dump, recycling centre", "notes": ""}).status_code == 302
    assert "Household waste recycling centres" in _results(admin_client, "dump")

    group = SynonymGroup.objects.get()
    edit = f"/admin/snippets/site_search/synonymgroup/edit/{group.pk}/"
    assert admin_client.post(edit, {"terms": "dump, landfill", "notes": ""}).status_code == 302
    assert "Household waste recycling centres" not in _results(admin_client, "dump")


def test_editors_change_a_promoted_results_searches_and_residents_see_it(admin_client, publish):
    page = publish("Report a missed bin")
    fields = {"page": page.pk, "external_url": "", "title": "", "description": "Report it online.", "live": "on"}
    admin_client.post("/admin/snippets/site_search/bestbet/add/", {**fields, "queries": "missed bin"})
    bet = BestBet.objects.get()
    assert "Report it online." in _results(admin_client, "missed bin")

    edit = f"/admin/snippets/site_search/bestbet/edit/{bet.pk}/"
    assert admin_client.post(edit, {**fields, "queries": "bin not emptied"}).status_code == 302
    assert "Report it online." not in _results(admin_client, "missed bin")
    assert "Report it online." in _results(admin_client, "Bin not  emptied")
