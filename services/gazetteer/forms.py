"""Reusable form pieces for address and location questions.

Both forms are plain Django forms meant to be embedded in someone else's ``<form>``
(an e-form step, a staff screen). Give each a ``prefix`` so several can share a page.

Address: the GOV.UK "find an address" pattern, without JavaScript
-----------------------------------------------------------------

::

    from services.gazetteer.forms import AddressLookupForm

    form = AddressLookupForm(request.POST or None, prefix="q-abc123", legend="What is your address?")
    if request.method == "POST" and form.is_valid():
        answer = form.answer      # dict, see AddressLookupForm.answer
    # otherwise render the step again; in the template, inside your <form> and {% csrf_token %}:
    {% include "gazetteer/includes/address_lookup.html" with form=form %}

The include renders whichever stage the form is in: a postcode box with a "Find address"
button; then a list of the addresses at that postcode with "Change" and "I cannot find the
address in the list"; or the manual-entry fields. The stage buttons are ordinary submit
buttons named ``<prefix>-action``, so it all works without JavaScript; pressing Enter in
the postcode box finds addresses. ``is_valid()`` is True only once an address has been
chosen or entered in full: while the resident moves between stages it is False and the
form has no errors, so just render the page again. ``form.stage`` says which stage is showing.
Pass ``initial=form.answer`` (a saved answer) to show it again for changing.

Location: the map picker, with a description as the fallback
-----------------------------------------------------------------

::

    form = LocationForm(request.POST or None, prefix="q-def456", legend="Where is the problem?")
    if request.method == "POST" and form.is_valid():
        answer = form.answer
    {% include "gazetteer/includes/map_picker.html" with form=form %}

Without JavaScript the resident describes the location in words. With JavaScript
``frontend/js/map-picker.js`` (loaded by the include) adds a Leaflet map: click or drag
to place the pin, "Use my location", or (keyboard) arrow keys to move the map and
"Put the pin in the centre of the map"; it fills hidden ``latitude``/``longitude`` inputs.
A point outside the borough is refused with the explanation and the route to the
neighbouring councils (``settings.GAZETTEER_OTHER_COUNCILS_URL``).
"""

from django import forms
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from services.gazetteer.models import Address
from services.gazetteer.selectors import (
    addresses_for_postcode,
    borough_bounds,
    describe_point,
    map_centre,
    normalise_postcode,
)

EXAMPLE_POSTCODE = "BC1 2AB"


def area_name() -> str:
    return getattr(settings, "GAZETTEER_AREA_NAME", "Borsetshire")


def other_councils_url() -> str:
    return getattr(settings, "GAZETTEER_OTHER_COUNCILS_URL", "https://www.gov.uk/find-local-council")


def outside_area_message() -> str:
    return (
        f"This location is outside {area_name()}. We can only deal with places in {area_name()}: "
        "contact the council for that area instead."
    )


class AddressLookupForm(forms.Form):
    """Postcode, then pick an address from the gazetteer, or enter it by hand."""

    POSTCODE, SELECT, MANUAL = "postcode", "select", "manual"
    ACTIONS = {"find", "change", "manual"}

    stage_field = forms.CharField(widget=forms.HiddenInput, required=False)
    postcode = forms.CharField(label="Postcode", max_length=16, required=False)
    uprn = forms.CharField(label="Select an address", max_length=12, required=False)
    line_1 = forms.CharField(label="Address line 1", max_length=200, required=False)
    line_2 = forms.CharField(label="Address line 2 (optional)", max_length=200, required=False)
    town = forms.CharField(label="Town or city", max_length=100, required=False)
    manual_postcode = forms.CharField(label="Postcode", max_length=16, required=False)

    def __init__(self, *args, legend: str = "What is the address?", hint: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.legend = legend
        self.hint = hint
        self.stage = self.POSTCODE
        self.addresses: list[Address] = []
        self.address: Address | None = None
        self._answer: dict | None = None
        if not self.is_bound:
            initial = self.initial
            if initial.get("uprn") and initial.get("postcode"):
                self.addresses = addresses_for_postcode(initial["postcode"])
                if self.addresses:
                    self.stage = self.SELECT
            elif initial.get("line_1"):
                self.stage = self.MANUAL
                self.initial.setdefault("manual_postcode", initial.get("postcode", ""))

    @property
    def action(self) -> str:
        if not self.is_bound:
            return ""
        action = self.data.get(self.add_prefix("action"), "")
        return action if action in self.ACTIONS else ""

    @property
    def postcode_value(self) -> str:
        """The postcode as shown in the list stage (normalised when it could be)."""
        raw = self["postcode"].value() or ""
        return normalise_postcode(raw) or raw

    @property
    def manual_postcode_value(self) -> str:
        value = self["manual_postcode"].value()
        if not value and self.action == "manual":
            value = self["postcode"].value()
        return value or ""

    @property
    def selected_uprn(self) -> str:
        return str(self["uprn"].value() or "")

    def clean(self):
        data = super().clean()
        action = self.action
        previous = data.get("stage_field") or self.POSTCODE
        if action == "manual":
            self.stage = self.MANUAL
        elif action == "change":
            self.stage = self.POSTCODE
        elif action == "find" or previous == self.POSTCODE:
            self._find(data)
        elif previous == self.SELECT:
            self._select(data)
        elif previous == self.MANUAL:
            self._manual(data)
        return data

    def _find(self, data) -> None:
        self.stage = self.POSTCODE
        typed = (data.get("postcode") or "").strip()
        if not typed:
            self.add_error("postcode", "Enter a postcode")
            return
        postcode = normalise_postcode(typed)
        if postcode is None:
            self.add_error("postcode", f"Enter a full postcode in the right format, like {EXAMPLE_POSTCODE}")
            return
        self.addresses = addresses_for_postcode(postcode)
        if not self.addresses:
            self.add_error(
                "postcode",
                f"We could not find any addresses in {area_name()} for {postcode}. "
                "Check the postcode, or enter the address manually",
            )
            return
        self.stage = self.SELECT

    def _select(self, data) -> None:
        self.stage = self.SELECT
        postcode = normalise_postcode(data.get("postcode") or "")
        self.addresses = addresses_for_postcode(postcode) if postcode else []
        if not self.addresses:
            self._find(data)
            return
        chosen = str(data.get("uprn") or "")
        for address in self.addresses:
            if str(address.uprn) == chosen:
                self.address = address
                self._answer = address_answer(address)
                return
        self.add_error("uprn", "Select an address")

    def _manual(self, data) -> None:
        self.stage = self.MANUAL
        if not (data.get("line_1") or "").strip():
            self.add_error("line_1", "Enter address line 1, typically the building and street")
        if not (data.get("town") or "").strip():
            self.add_error("town", "Enter the town or city")
        typed = (data.get("manual_postcode") or "").strip()
        postcode = normalise_postcode(typed)
        if not typed:
            self.add_error("manual_postcode", "Enter a postcode")
        elif postcode is None:
            self.add_error("manual_postcode", f"Enter a full postcode in the right format, like {EXAMPLE_POSTCODE}")
        if self.errors:
            return
        self._answer = {
            "source": "manual",
            "uprn": None,
            "line_1": data["line_1"].strip(),
            "line_2": (data.get("line_2") or "").strip(),
            "line_3": "",
            "town": data["town"].strip(),
            "postcode": postcode,
            "latitude": None,
            "longitude": None,
            "ward_code": None,
            "ward_name": None,
        }
        self._answer["single_line"] = ", ".join(
            part for part in (self._answer["line_1"], self._answer["line_2"], self._answer["town"], postcode) if part
        )

    def is_valid(self) -> bool:
        """True only when an address has been chosen from the list or entered in full."""
        return super().is_valid() and self._answer is not None

    @property
    def answer(self) -> dict | None:
        """After is_valid(): ``source`` ("gazetteer" or "manual"), ``uprn`` (None when entered by
        hand), ``line_1``..``line_3``, ``town``, ``postcode``, ``latitude``, ``longitude``,
        ``ward_code``, ``ward_name`` (None when unknown) and ``single_line``. JSON-serialisable."""
        return self._answer


def address_answer(address: Address) -> dict:
    """An address as the JSON-serialisable answer the forms return."""
    return {
        "source": "gazetteer",
        "uprn": address.uprn,
        "line_1": address.line_1,
        "line_2": address.line_2,
        "line_3": address.line_3,
        "town": address.town,
        "postcode": address.postcode,
        "latitude": address.latitude,
        "longitude": address.longitude,
        "ward_code": address.ward.code if address.ward else None,
        "ward_name": address.ward.name if address.ward else None,
        "single_line": address.single_line,
    }


def _coordinate(value, low: float, high: float) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


class LocationForm(forms.Form):
    """A point on the map (hidden latitude/longitude filled by the map picker) and/or a
    description in words, which is all a resident without JavaScript can give."""

    latitude = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)
    longitude = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)
    description = forms.CharField(
        label="Describe the location",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        required=False,
    )

    def __init__(
        self,
        *args,
        legend: str = "Where is it?",
        require_in_area: bool = True,
        require_description: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.legend = legend
        self.require_in_area = require_in_area
        self.require_description = require_description
        self._answer: dict | None = None

    def clean(self):
        data = super().clean()
        raw_lat, raw_lng = (data.get("latitude") or "").strip(), (data.get("longitude") or "").strip()
        description = (data.get("description") or "").strip()
        point = None
        if raw_lat or raw_lng:
            lat, lng = _coordinate(raw_lat, -90, 90), _coordinate(raw_lng, -180, 180)
            if lat is None or lng is None:
                self.add_error("description", "The place marked on the map could not be read: mark it again")
                return data
            point = (lat, lng)
        if point is None and not description:
            self.add_error("description", "Mark the location on the map, or describe where it is")
            return data
        if self.require_description and not description:
            self.add_error("description", "Describe the location")
            return data
        facts = describe_point(latitude=point[0], longitude=point[1]) if point else {}
        if point and self.require_in_area and not facts["in_area"]:
            self.add_error("description", outside_area_message())
            return data
        self._answer = {
            "latitude": round(point[0], 6) if point else None,
            "longitude": round(point[1], 6) if point else None,
            "description": description,
            "ward_code": facts.get("ward_code"),
            "ward_name": facts.get("ward_name"),
            "nearest_address": facts.get("nearest_address"),
            "nearest_uprn": facts.get("nearest_uprn"),
        }
        return data

    def is_valid(self) -> bool:
        return super().is_valid() and self._answer is not None

    @property
    def answer(self) -> dict | None:
        """After is_valid(): ``latitude``/``longitude`` (None when only described), ``description``,
        ``ward_code``, ``ward_name``, ``nearest_address`` (single line) and ``nearest_uprn``."""
        return self._answer

    @property
    def outside_area(self) -> bool:
        return any(outside_area_message() == str(error) for error in self.errors.get("description", []))

    def map_config(self) -> dict:
        """What the include puts in data- attributes for map-picker.js."""
        bounds = borough_bounds()
        return {
            "tile_url": settings.MAP_TILE_URL,
            "attribution": getattr(
                settings,
                "MAP_TILE_ATTRIBUTION",
                '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
            ),
            "bounds": ",".join(f"{value:.6f}" for value in bounds) if bounds else "",
            "centre": ",".join(f"{value:.6f}" for value in map_centre()),
            "describe_url": reverse("gazetteer:describe_point"),
            "icon_url": static("assets/leaflet/marker-icon.png"),
            "icon_retina_url": static("assets/leaflet/marker-icon-2x.png"),
            "shadow_url": static("assets/leaflet/marker-shadow.png"),
        }
