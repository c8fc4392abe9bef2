"""The "Is this page useful?" component and its post, through Django's test client
(the browser tests cover the same with and without JavaScript)."""

import re

import pytest
from django.core import signing
from wagtail.models import Page

from reporting.feedback.models import Answer, FeedbackResponse
from reporting.feedback.submission import feedback_token_issue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_minimum_wait(settings):
    settings.FEEDBACK_MINIMUM_SECONDS = 0


def _token(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_every_public_page_has_the_component_without_a_csrf_token(client, demo_pages):
    for url in ["/", "/parking/", "/cookies/", "/no-such-page/"]:
        response = client.get(url)
        html = response.content.decode()
        assert 'id="page-feedback"' in html, url
        assert "Is this page useful?" in html
        assert "Report a problem with this page" in html
        assert "csrfmiddlewaretoken" not in html.split('id="page-feedback"')[1]
        if url != "/cookies/":  # the cookies page's own form has a token; ours adds none
            assert "csrftoken" not in response.cookies


def test_yes_without_javascript_stores_the_answer_and_returns_to_the_page_with_thanks(client, demo_pages):
    page = Page.objects.get(slug="parking").specific
    token = _token(client.get("/parking/").content.decode())
    response = client.post("/feedback/", {"token": token, "answer": "yes", "website": ""})
    assert response.status_code == 302
    assert response["Location"] == "/parking/?feedback=thanks#page-feedback"
    stored = FeedbackResponse.objects.get()
    assert (stored.page_id, stored.page_revision_id, stored.path, stored.answer) == (
        page.pk,
        page.live_revision_id,
        "/parking/",
        Answer.YES,
    )
    assert "Thank you for your feedback" in client.get(response["Location"]).content.decode()


def test_no_then_details_without_javascript_adds_redacted_comments_to_the_same_answer(client, demo_pages):
    token = _token(client.get("/council-tax/").content.decode())
    response = client.post("/feedback/", {"token": token, "answer": "no"})
    assert response.status_code == 302 and response["Location"].startswith("/feedback/details/?follow_up=")
    details = client.get(response["Location"]).content.decode()
    assert "Help us improve this page" in details
    follow_up = re.search(r'name="follow_up" value="([^"]+)"', details).group(1)
    response = client.post(
        "/feedback/",
        {"follow_up": follow_up, "doing": "Pay my bill", "went_wrong": "No link. Email me at a@example.com"},
    )
    assert response["Location"] == "/council-tax/?feedback=thanks#page-feedback"
    stored = FeedbackResponse.objects.get()
    assert stored.answer == Answer.NO
    assert stored.went_wrong == "No link. Email me at [email address removed]"
    assert stored.redacted == ["email"]
    # The follow-up works once only.
    again = client.post("/feedback/", {"follow_up": follow_up, "went_wrong": "more"})
    assert again.status_code == 400
    assert FeedbackResponse.objects.get().went_wrong.startswith("No link")


def test_report_a_problem_without_javascript(client, demo_pages):
    home = client.get("/").content.decode()
    problem_url = re.search(r'href="(/feedback/details/\?page=[^"]+)"', home).group(1).replace("&amp;", "&")
    form = client.get(problem_url).content.decode()
    assert "Report a problem with this page" in form
    response = client.post("/feedback/", {"token": _token(form), "answer": "problem", "went_wrong": ""})
    assert response.status_code == 400
    assert "Enter what went wrong" in response.content.decode()
    response = client.post(
        "/feedback/", {"token": _token(form), "answer": "problem", "went_wrong": "The map does not load"}
    )
    assert response["Location"] == "/?feedback=thanks#page-feedback"
    assert FeedbackResponse.objects.get().answer == Answer.PROBLEM


def test_with_javascript_the_post_answers_in_json(client, demo_pages):
    token = _token(client.get("/parking/").content.decode())
    response = client.post("/feedback/", {"token": token, "answer": "no"}, HTTP_ACCEPT="application/json")
    assert response.json()["status"] == "more"
    response = client.post(
        "/feedback/",
        {"follow_up": response.json()["follow_up"], "went_wrong": "Prices are out of date"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json() == {"status": "thanks"}
    assert FeedbackResponse.objects.get().went_wrong == "Prices are out of date"


def test_oversized_comment_is_refused_with_the_limit_and_the_text_is_kept(client, demo_pages):
    token = _token(client.get("/parking/").content.decode())
    long_text = "x" * 1201
    response = client.post("/feedback/", {"token": token, "answer": "problem", "went_wrong": long_text})
    html = response.content.decode()
    assert response.status_code == 400
    assert "What went wrong must be 1,200 characters or less" in html
    assert long_text in html
    assert not FeedbackResponse.objects.exists()
    response = client.post(
        "/feedback/",
        {"token": token, "answer": "problem", "went_wrong": long_text},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["errors"]["went_wrong"] == ["What went wrong must be 1,200 characters or less"]


def test_repeated_posts_are_slowed_down_without_losing_the_first(client, demo_pages, settings):
    settings.FEEDBACK_RATE_LIMIT = (3, 600)
    token = _token(client.get("/parking/").content.decode())
    for _ in range(3):
        assert client.post("/feedback/", {"token": token, "answer": "yes"}).status_code == 302
    response = client.post("/feedback/", {"token": token, "answer": "problem", "went_wrong": "Still broken"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "You have sent feedback 3 times in the last 10 minutes. Wait 10 minutes, then send it again." in html
    assert "Still broken" in html
    assert FeedbackResponse.objects.count() == 3
    # Another visitor is not held back.
    other = client.post("/feedback/", {"token": token, "answer": "yes"}, REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 302


def test_the_client_address_is_never_stored(client, demo_pages):
    token = _token(client.get("/parking/").content.decode())
    client.post("/feedback/", {"token": token, "answer": "yes"}, REMOTE_ADDR="203.0.113.77")
    row = FeedbackResponse.objects.values().get()
    assert "203.0.113.77" not in repr(row)


def test_honeypot_posts_are_dropped_quietly(client, demo_pages):
    token = _token(client.get("/parking/").content.decode())
    response = client.post("/feedback/", {"token": token, "answer": "yes", "website": "http://spam.example"})
    assert response.status_code == 302
    assert not FeedbackResponse.objects.exists()


def test_forms_posted_at_once_or_with_a_forged_token_are_refused(client, demo_pages, settings):
    settings.FEEDBACK_MINIMUM_SECONDS = 2
    token = _token(client.get("/parking/").content.decode())
    response = client.post("/feedback/", {"token": token, "answer": "problem", "went_wrong": "Too quick"})
    assert response.status_code == 400
    assert "Check your feedback and send it again" in response.content.decode()
    assert "Too quick" in response.content.decode()
    forged = signing.dumps({"p": 1, "r": None, "u": "/x/", "t": 0}, salt="another")
    assert client.post("/feedback/", {"token": forged, "answer": "yes"}).status_code == 400
    assert not FeedbackResponse.objects.exists()


def test_posts_from_another_site_are_refused(client, demo_pages):
    token = _token(client.get("/parking/").content.decode())
    response = client.post("/feedback/", {"token": token, "answer": "yes"}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert not FeedbackResponse.objects.exists()


def test_feedback_from_a_page_outside_wagtail_records_the_path(client, demo_pages):
    token = _token(client.get("/no-such-page/").content.decode())
    client.post("/feedback/", {"token": token, "answer": "no"})
    stored = FeedbackResponse.objects.get()
    assert stored.page is None and stored.path == "/no-such-page/"


def test_a_token_for_a_deleted_page_still_records_the_path(client, demo_pages):
    token = feedback_token_issue(page_id=999999, revision_id=None, path="/gone/", now=0)
    response = client.post("/feedback/", {"token": token, "answer": "yes"})
    assert response.status_code == 400  # far too old
    assert "open for a long time" in response.content.decode()


def test_behind_a_proxy_the_limit_is_per_visitor_not_per_proxy(client, demo_pages, settings):
    settings.FEEDBACK_RATE_LIMIT = (1, 600)
    settings.FEEDBACK_CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    token = _token(client.get("/parking/").content.decode())
    first = client.post("/feedback/", {"token": token, "answer": "yes"}, HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = client.post("/feedback/", {"token": token, "answer": "yes"}, HTTP_X_FORWARDED_FOR="198.51.100.2")
    # A visitor cannot dodge the limit by sending their own header: the proxy's last entry counts.
    spoofed = client.post(
        "/feedback/", {"token": token, "answer": "yes"}, HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.1"
    )
    assert (first.status_code, second.status_code, spoofed.status_code) == (302, 302, 429)
