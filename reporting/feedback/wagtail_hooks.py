"""Page feedback in the Wagtail admin: the review list (filters, bulk triage, CSV
export), the triage screen, the overview and per-page summaries, and the feedback
summary in the page editor's status side panel."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from reporting.feedback import admin_views
from reporting.feedback.models import FeedbackResponse, Status
from reporting.feedback.operations import feedback_set_status
from reporting.feedback.permissions import FeedbackPermissionPolicy
from reporting.feedback.selectors import (
    CHANGE_PERMISSION,
    feedback_menu_shown,
    feedback_user_may_view,
    feedback_visible_to,
)

register_permission_policy(FeedbackResponse, FeedbackPermissionPolicy(FeedbackResponse))


class FeedbackViewSet(ModelViewSet):
    model = FeedbackResponse
    name = admin_views.URL_NAMESPACE
    url_prefix = "page-feedback"
    icon = "comment"
    menu_label = "All feedback"
    add_to_admin_menu = False
    copy_view_enabled = False
    add_to_reference_index = False
    index_view_class = admin_views.FeedbackIndexView
    edit_view_class = admin_views.FeedbackEditView
    filterset_class = admin_views.FeedbackFilterSet
    list_display = ["received_label", "page_label", "answer", "comment_excerpt", "status", "assigned_to"]
    list_per_page = 50
    ordering = ["-created_at"]
    list_export = [
        "created_at",
        "page_label",
        "path",
        "page_revision_id",
        "answer",
        "doing",
        "went_wrong",
        "status",
        "assigned_to",
        "case_reference",
    ]
    export_headings = {
        "created_at": "Received",
        "page_label": "Page",
        "page_revision_id": "Page revision",
        "doing": "What they were trying to do",
        "went_wrong": "What went wrong",
    }
    export_filename = "page-feedback"
    edit_handler = ObjectList(
        [
            FieldPanel("status", heading="Status"),
            FieldPanel("assigned_to", heading="Assigned to", permission=CHANGE_PERMISSION),
        ]
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("overview/", admin_views.OverviewView.as_view(), name="overview"),
            path("page/<int:page_id>/", admin_views.PageSummaryView.as_view(), name="page"),
            path("case/<int:pk>/", admin_views.TurnIntoCaseView.as_view(), name="case"),
        ]


feedback_viewset = FeedbackViewSet()


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return feedback_viewset


class _FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return feedback_menu_shown(user=request.user)


class _FeedbackSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return feedback_menu_shown(user=request.user)


@hooks.register("register_admin_menu_item")
def register_feedback_menu():
    menu = Menu(
        items=[
            _FeedbackMenuItem(
                "All feedback", reverse("feedback_review:index"), name="all-feedback", icon_name="list-ul"
            ),
            _FeedbackMenuItem("Overview", reverse("feedback_review:overview"), name="overview", icon_name="tasks"),
        ]
    )
    return _FeedbackSubmenu("Page feedback", menu, name="page-feedback", icon_name="comment", order=700)


# --- Bulk triage ---------------------------------------------------------------


class FeedbackStatusBulkAction(BulkAction):
    models = [FeedbackResponse]
    template_name = "feedback/admin/bulk_confirm.html"
    status: str = ""
    comms_only = False

    def dispatch(self, request, *args, **kwargs):
        if not feedback_user_may_view(user=request.user):
            raise PermissionDenied
        if self.comms_only and not request.user.has_perm(CHANGE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_actionable_objects(self):
        ids = self.request.GET.getlist("id")
        visible = feedback_visible_to(user=self.request.user)
        if "all" not in ids:
            visible = visible.filter(pk__in=[i for i in ids if i.isdigit()])
        return list(visible), {"items_with_no_access": []}

    def object_context(self, obj):
        return {"item": obj, "edit_url": reverse("feedback_review:edit", args=[obj.pk])}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_label": self.display_name, "header_icon": "comment"}

    def get_execution_context(self):
        return {"user": self.request.user, "status": self.status}

    @classmethod
    def execute_action(cls, objects, user=None, status="", **kwargs):
        return feedback_set_status(user=user, response_ids=[obj.pk for obj in objects], status=status), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d response marked as %(status)s.", "%(count)d responses marked as %(status)s.", num_parent_objects
        ) % {"count": num_parent_objects, "status": Status(self.status).label.lower()}


def _status_action(status: str, label: str, priority: int, comms_only=False, classes=frozenset()):
    return type(
        f"Feedback{status.title().replace('_', '')}BulkAction",
        (FeedbackStatusBulkAction,),
        {
            "status": status,
            "display_name": label,
            "action_type": f"mark-{status.replace('_', '-')}",
            "aria_label": f"{label}: selected feedback",
            "action_priority": priority,
            "comms_only": comms_only,
            "classes": set(classes),
        },
    )


for action_class in [
    _status_action(Status.ACTIONED, "Mark actioned", 10),
    _status_action(Status.NO_ACTION, "No action needed", 20),
    _status_action(Status.PASSED_TO_OWNER, "Pass to page owner", 30, comms_only=True),
    _status_action(Status.SPAM, "Mark as spam", 40, classes={"serious"}),
    _status_action(Status.NEW, "Mark as new", 50),
]:
    hooks.register("register_bulk_action", action_class)
