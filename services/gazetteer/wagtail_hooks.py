"""Staff screens: addresses and wards under one "Addresses and wards" menu."""

from django.db.models import Count
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from services.gazetteer.models import Address, Ward


class AddressViewSet(ModelViewSet):
    model = Address
    icon = "home"
    menu_label = "Addresses"
    list_display = ["single_line", "uprn", "postcode", "ward", "property_type"]
    list_filter = ["property_type", "ward"]
    search_fields = ["postcode", "line_1", "line_2", "town"]
    search_backend_name = None  # the database's own filtering: addresses are not in the site search
    list_per_page = 50
    ordering = ["postcode", "uprn"]
    form_fields = ["uprn", "line_1", "line_2", "line_3", "town", "postcode", "latitude", "longitude", "ward",
                   "property_type"]  # fmt: skip
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_queryset(self, request):
        return Address.objects.select_related("ward").defer("ward__boundary")


class WardViewSet(ModelViewSet):
    model = Ward
    icon = "site"
    menu_label = "Wards"
    list_display = ["name", "code", Column("address_count", label="Addresses", accessor="address_count")]
    search_fields = ["name", "code"]
    search_backend_name = None
    form_fields = ["code", "name", "boundary"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_queryset(self, request):
        return Ward.objects.annotate(address_count=Count("addresses"))


class GazetteerViewSetGroup(ViewSetGroup):
    menu_label = "Addresses and wards"
    menu_icon = "home"
    menu_order = 400
    items = (AddressViewSet("gazetteer_addresses"), WardViewSet("gazetteer_wards"))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return GazetteerViewSetGroup()
