"""The events calendar: date and category filters, and iCalendar feeds that parse
and hold the events the page shows."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from home.models import EventPage

pytestmark = pytest.mark.django_db


def _titles_on(html: str) -> set[str]:
    return {event.title for event in EventPage.objects.all() if f">{event.title}</a>" in html.replace("&#x27;", "'")}


def _feed_titles(body: bytes) -> set[str]:
    calendar = icalendar.Calendar.from_ical(body)
    return {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}


def test_calendar_lists_upcoming_events_soonest_first(client, demo_pages):
    html = client.get("/events/").content.decode()
    upcoming = list(EventPage.objects.live().filter(end__gte=timezone.now()).order_by("start"))
    positions = [html.index(f">{event.title}</a>") for event in upcoming]
    assert positions == sorted(positions)
    assert f"{len(upcoming)} events" in html


def test_calendar_filters_by_date_range_and_category(client, demo_pages):
    today = timezone.localdate()
    window = (today + datetime.timedelta(days=5), today + datetime.timedelta(days=10))
    html = client.get(
        "/events/", {"date_from": window[0].isoformat(), "date_to": window[1].isoformat()}
    ).content.decode()
    expected = {
        e.title for e in EventPage.objects.all() if window[0] <= timezone.localtime(e.start).date() <= window[1]
    }
    assert expected and _titles_on(html) == expected

    html = client.get("/events/", {"category": "libraries"}).content.decode()
    assert _titles_on(html) == set(EventPage.objects.filter(category__slug="libraries").values_list("title", flat=True))


def test_a_bad_date_is_explained_next_to_the_field(client, demo_pages):
    response = client.get("/events/", {"date_from": "2026-02-30"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'id="id_date_from-error"' in html and "Enter the start date as a real date" in html
    assert html.count("Enter the start date as a real date") == 2  # summary and field

    html = client.get("/events/", {"date_from": "2026-05-10", "date_to": "2026-05-01"}).content.decode()
    assert "The end date must be the same as or after the start date" in html


def test_calendar_feed_parses_and_holds_the_events_on_the_page(client, demo_pages):
    page_titles = _titles_on(client.get("/events/").content.decode())
    response = client.get("/events/ical/")
    assert response["Content-Type"].startswith("text/calendar")
    assert _feed_titles(response.content) == page_titles

    category_feed = client.get("/events/ical/", {"category": "environment"}).content
    assert _feed_titles(category_feed) == set(
        EventPage.objects.filter(category__slug="environment").values_list("title", flat=True)
    )


def test_each_event_has_its_own_feed_with_its_times(client, demo_pages):
    for event in EventPage.objects.live():
        path = f"/events/{event.slug}/"
        assert event.title in client.get(path).content.decode()
        calendar = icalendar.Calendar.from_ical(client.get(f"{path}ical/").content)
        [item] = calendar.walk("VEVENT")
        assert str(item["SUMMARY"]) == event.title
        assert str(item["LOCATION"]) == event.location
        start = item["DTSTART"].dt
        if event.all_day:
            assert start == timezone.localtime(event.start).date()
        else:
            assert start == event.start


def test_event_page_shows_when_where_cost_and_booking(client, demo_pages):
    html = client.get("/events/lakey-hill-bat-walk/").content.decode()
    assert "Lakey Hill country park visitor centre" in html
    assert "£4, children free" in html
    assert "Book a place" in html
    assert "7pm to 9pm" in html
    assert "Add to your calendar" in html
