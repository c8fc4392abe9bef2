"""iCalendar (RFC 5545) for events, built with the `icalendar` library."""

import datetime
from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar, Event


def calendar_for(*, events: Iterable, name: str, request) -> bytes:
    host = request.get_host().split(":")[0]
    cal = Calendar()
    cal.add("prodid", "-//Council platform//Events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = timezone.now()
    for event in events:
        item = Event()
        item.add("uid", f"event-{event.pk}@{host}")
        item.add("dtstamp", stamp)
        item.add("summary", event.title)
        if event.all_day:
            item.add("dtstart", event.local_start.date())
            item.add("dtend", event.local_end.date() + datetime.timedelta(days=1))
        else:
            item.add("dtstart", event.start.astimezone(datetime.UTC))
            item.add("dtend", event.end.astimezone(datetime.UTC))
        if event.summary:
            item.add("description", event.summary)
        if event.location:
            item.add("location", event.location)
        item.add("url", event.get_full_url(request))
        if getattr(event, "category_id", None) and event.category:
            item.add("categories", [event.category.name])
        cal.add_component(item)
    return cal.to_ical()
