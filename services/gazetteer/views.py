"""Public tools built on the gazetteer: find your ward from an address, check a place on
the map, and the small JSON lookup the map picker uses. No business rules here: the
forms and selectors hold them."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from services.gazetteer.forms import (
    AddressLookupForm,
    LocationForm,
    area_name,
    other_councils_url,
    outside_area_message,
)
from services.gazetteer.selectors import describe_point


def _context(**extra) -> dict:
    return {"area_name": area_name(), "other_councils_url": other_councils_url(), **extra}


@require_http_methods(["GET", "POST"])
def find_your_ward(request):
    form = AddressLookupForm(request.POST or None, prefix="address", legend="What is your address?")
    if request.method == "POST" and form.is_valid():
        return render(request, "gazetteer/find_your_ward_result.html", _context(answer=form.answer))
    return render(request, "gazetteer/find_your_ward.html", _context(form=form))


@require_http_methods(["GET", "POST"])
def check_a_location(request):
    form = LocationForm(request.POST or None, prefix="location", legend="Where is the place?")
    if request.method == "POST" and form.is_valid():
        return render(request, "gazetteer/check_a_location_result.html", _context(answer=form.answer))
    return render(request, "gazetteer/check_a_location.html", _context(form=form))


def _query_coordinate(request, name: str, low: float, high: float) -> float | None:
    try:
        value = float(request.GET.get(name, ""))
    except ValueError:
        return None
    return value if low <= value <= high else None


@require_GET
def describe_point_json(request):
    """GET ?latitude=&longitude= -> ward and nearest address, or that the point is outside the area."""
    latitude = _query_coordinate(request, "latitude", -90, 90)
    longitude = _query_coordinate(request, "longitude", -180, 180)
    if latitude is None or longitude is None:
        return JsonResponse({"error": "Give latitude and longitude as decimal degrees."}, status=400)
    facts = describe_point(latitude=latitude, longitude=longitude)
    if not facts["in_area"]:
        facts["message"] = outside_area_message()
        facts["other_councils_url"] = other_councils_url()
    return JsonResponse(facts)
