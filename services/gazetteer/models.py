"""Addresses (one row per UPRN) and the wards they fall in.

No PostGIS: a ward's boundary is GeoJSON in a JSONField with its bounding box beside
it, so point-in-ward can prefilter by box and test polygons in Python
(``selectors.ward_for_point``).
"""

from django.core.exceptions import ValidationError
from django.db import models

from services.gazetteer.geometry import GeometryError, bounding_box, polygons_from_geojson
from services.gazetteer.postcodes import normalise_postcode


class Ward(models.Model):
    code = models.CharField(max_length=20, unique=True, help_text="The ward's code, for example its ONS code.")
    name = models.CharField(max_length=120)
    boundary = models.JSONField(help_text="GeoJSON Polygon or MultiPolygon in WGS84 (longitude, latitude).")
    min_latitude = models.FloatField(editable=False)
    max_latitude = models.FloatField(editable=False)
    min_longitude = models.FloatField(editable=False)
    max_longitude = models.FloatField(editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.set_bounding_box()
        super().save(*args, **kwargs)

    def clean(self):
        try:
            polygons_from_geojson(self.boundary)
        except GeometryError as error:
            raise ValidationError({"boundary": f"The boundary is not a usable polygon: {error}."}) from None

    def set_bounding_box(self) -> None:
        """Fill the bounding box from ``boundary`` (raises GeometryError when it is unusable)."""
        min_lng, min_lat, max_lng, max_lat = bounding_box(polygons_from_geojson(self.boundary))
        self.min_longitude, self.min_latitude = min_lng, min_lat
        self.max_longitude, self.max_latitude = max_lng, max_lat


class PropertyType(models.TextChoices):
    RESIDENTIAL = "residential", "Residential"
    COMMERCIAL = "commercial", "Commercial"
    MIXED = "mixed", "Residential and commercial"
    LAND = "land", "Land"
    OTHER = "other", "Other"


class Address(models.Model):
    uprn = models.BigIntegerField("UPRN", primary_key=True, help_text="Unique Property Reference Number")
    line_1 = models.CharField(max_length=200)
    line_2 = models.CharField(max_length=200, blank=True)
    line_3 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=8, db_index=True, help_text="Normalised: upper case, one space.")
    latitude = models.FloatField()
    longitude = models.FloatField()
    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.SET_NULL, related_name="addresses")
    property_type = models.CharField(max_length=20, choices=PropertyType.choices, default=PropertyType.RESIDENTIAL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "addresses"
        indexes = [models.Index(fields=["latitude", "longitude"], name="gazetteer_address_lat_lng")]

    def __str__(self) -> str:
        return self.single_line

    def clean(self):
        postcode = normalise_postcode(self.postcode or "")
        if postcode is None:
            raise ValidationError({"postcode": "Enter a full postcode in the right format, like BC1 2AB."})
        self.postcode = postcode

    @property
    def lines(self) -> list[str]:
        """The address lines that are not blank, town and postcode included."""
        return [part for part in (self.line_1, self.line_2, self.line_3, self.town, self.postcode) if part]

    @property
    def single_line(self) -> str:
        """ "12 High Street, Borchester, BC1 2AB"."""
        return ", ".join(self.lines)
