"""Case screens in the Wagtail admin: case types with their workflows, teams, bank
holidays and the outbox for administrators; the case-work screens (queues, case page,
customer page) are in ``services.cases.admin_views``; completing a form for a caller
(assisted digital) is in ``services.forms.assisted_views``."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from services.cases.models import BankHoliday, CaseType, Contact, Outbox, Team


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


register_permission_policy(Outbox, ReadOnlyPermissionPolicy(Outbox))


class CaseTypeViewSet(ModelViewSet):
    name = "admin_case_types"
    url_prefix = "case-types"
    model = CaseType
    icon = "tag"
    menu_label = "Case types"
    list_display = ["name", "team", "sla_working_days"]
    list_filter = ["team"]
    copy_view_enabled = False
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("team"), FieldPanel("sla_working_days")]),
        FieldPanel("team_name", heading="Team name (for integrations)"),
        FieldRowPanel(
            [FieldPanel("duplicate_distance_m"), FieldPanel("duplicate_days")], heading="Possible duplicates"
        ),
        MultiFieldPanel(
            [
                InlinePanel(
                    "statuses",
                    heading="Workflow statuses",
                    label="Status",
                    panels=[
                        FieldRowPanel([FieldPanel("slug"), FieldPanel("name"), FieldPanel("public_label")]),
                        FieldRowPanel([FieldPanel("is_closed"), FieldPanel("allowed_next")]),
                        FieldPanel("email_text"),
                    ],
                ),
            ],
            heading="Workflow (the first status is where new cases start)",
        ),
        InlinePanel("resolution_categories", heading="Resolution categories", label="Resolution category"),
        InlinePanel("priority_rules", heading="Priority rules", label="Priority rule"),
    ]


class TeamViewSet(ModelViewSet):
    name = "admin_teams"
    url_prefix = "teams"
    model = Team
    icon = "group"
    menu_label = "Teams"
    form_fields = ["name", "is_contact_centre", "members", "supervisors"]
    list_display = ["name", "is_contact_centre"]
    copy_view_enabled = False


class ContactViewSet(ModelViewSet):
    name = "admin_contacts"
    url_prefix = "contacts"
    model = Contact
    icon = "comment"
    menu_label = "Contacts (first contact)"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["created_at", "topic", "channel", "resolved_at_first_contact", "created_by"]
    list_filter = ["channel", "resolved_at_first_contact"]
    exclude_form_fields = []


register_permission_policy(Contact, ReadOnlyPermissionPolicy(Contact))


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
    menu_label = "Case settings"
    menu_icon = "cog"
    menu_order = 251
    items = (CaseTypeViewSet, TeamViewSet, BankHolidayViewSet, OutboxViewSet, ContactViewSet)


@hooks.register("register_admin_viewset")
def register_cases_viewsets():
    return CasesGroup()


@hooks.register("register_admin_urls")
def register_casework_urls():
    from services.cases import admin_urls

    return [path("casework/", include((admin_urls.urlpatterns, "casework"), namespace="casework"))]


@hooks.register("register_admin_menu_item")
def register_casework_menu_item():
    return MenuItem("Case work", reverse("casework:my_queue"), icon_name="folder-open-inverse", order=250)
