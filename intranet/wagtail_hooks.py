from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from intranet import access
from intranet.models import StaffProfile


@hooks.register("before_serve_document")
def intranet_documents_need_verified_staff(document, request):
    """Documents in the Intranet collection reach only staff who passed the second
    factor, on whichever host they are asked for."""
    if not access.is_staff_only_collection(document.collection_id) or access.is_verified_reader(request.user):
        return None
    next_query = urlencode({"next": request.get_full_path()})
    if access.is_intranet_reader(request.user):
        return redirect(f"{reverse('staff:verify')}?{next_query}")
    return redirect(f"{reverse('wagtailadmin_login')}?{next_query}")


class StaffProfileViewSet(ModelViewSet):
    model = StaffProfile
    icon = "group"
    menu_label = "Staff directory"
    menu_order = 290
    add_to_admin_menu = True
    form_fields = ["user", "role", "team", "phone", "show_in_directory"]
    list_display = ["name", "role", "team", "phone"]
    list_filter = ["team", "show_in_directory"]
    search_fields = ["user__first_name", "user__last_name", "team", "role"]


@hooks.register("register_admin_viewset")
def register_staff_profile_viewset():
    return StaffProfileViewSet("staff_profiles")
