"""Case screens in the Wagtail admin. For now: case types (editable), bank holidays,
and a read-only list and detail of cases. Working cases is a later issue."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from services.cases.models import BankHoliday, Case, CaseType, Outbox


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Staff who may see these rows may look, never add, change or delete them here."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete", "copy"):
            return False
        if action == "view":
            return super().user_has_permission(user, "view") or super().user_has_permission(user, "change")
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(["view", "change"])

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_permission(user, "view"):
            return self.model._default_manager.all()
        return self.model._default_manager.none()


class CaseViewSet(ModelViewSet):
    name = "admin_cases"
    url_prefix = "cases"
    model = Case
    icon = "folder-open-inverse"
    menu_label = "Cases"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["reference", "case_type", "status", "channel", "ward", "sla_due", "created_at"]
    list_filter = ["status", "channel", "case_type"]
    search_fields = ["reference"]
    inspect_view_fields = [
        "reference",
        "case_type",
        "status",
        "channel",
        "created_at",
        "sla_due",
        "address",
        "uprn",
        "ward",
        "latitude",
        "longitude",
        "location_description",
        "form_key",
        "form_revision_id",
    ]
    inspect_template_name = "cases/admin/case_inspect.html"
    exclude_form_fields = []


class OutboxViewSet(ModelViewSet):
    name = "admin_outbox"
    url_prefix = "outbox"
    model = Outbox
    icon = "mail"
    menu_label = "Outbox"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["topic", "case", "state", "attempts", "created_at", "sent_at"]
    list_filter = ["state", "kind"]
    inspect_view_fields = ["event_id", "case", "kind", "topic", "state", "attempts", "last_error", "created_at"]
    exclude_form_fields = []


register_permission_policy(Case, ReadOnlyPermissionPolicy(Case))
register_permission_policy(Outbox, ReadOnlyPermissionPolicy(Outbox))


class CaseTypeViewSet(ModelViewSet):
    name = "admin_case_types"
    url_prefix = "case-types"
    model = CaseType
    icon = "tag"
    menu_label = "Case types"
    form_fields = ["name", "sla_working_days", "team_name"]
    list_display = ["name", "sla_working_days", "team_name"]
    copy_view_enabled = False


class BankHolidayViewSet(ModelViewSet):
    name = "admin_bank_holidays"
    url_prefix = "bank-holidays"
    model = BankHoliday
    icon = "date"
    menu_label = "Bank holidays"
    form_fields = ["date", "title"]
    list_display = ["date", "title"]
    copy_view_enabled = False


class CasesGroup(ModelViewSetGroup):
    menu_label = "Cases"
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (CaseViewSet, CaseTypeViewSet, BankHolidayViewSet, OutboxViewSet)


@hooks.register("register_admin_viewset")
def register_cases_viewsets():
    return CasesGroup()


@hooks.register("register_admin_urls")
def register_case_actions():
    from django.urls import path

    from services.cases import admin_views

    return [
        path(
            "cases/<int:pk>/revoke-tracking-link/",
            admin_views.tracking_link_revoke,
            name="cases_tracking_link_revoke",
        )
    ]
