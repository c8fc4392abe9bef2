"""Admin screens for content: snippets grouped in one "Content" menu, and the
"Pages overdue for review" report."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.models import AlertBanner, ContactDetails, EventCategory
from home.reports import OverdueReviewReportView


class AlertBannerViewSet(SnippetViewSet):
    model = AlertBanner
    icon = "warning"
    menu_label = "Alert banners"
    list_display = ["title", "section", "starts_at", "ends_at"]
    list_filter = ["level"]


class ContactDetailsViewSet(SnippetViewSet):
    model = ContactDetails
    icon = "mail"
    menu_label = "Contact details"
    list_display = ["name", "phone", "email"]
    search_fields = ["name"]


class EventCategoryViewSet(SnippetViewSet):
    model = EventCategory
    icon = "date"
    menu_label = "Event categories"
    list_display = ["name", "slug"]


class ContentViewSetGroup(SnippetViewSetGroup):
    items = (AlertBannerViewSet, ContactDetailsViewSet, EventCategoryViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Content"
    menu_name = "content"


register_snippet(ContentViewSetGroup)


report_urls = [
    path("overdue-review/", OverdueReviewReportView.as_view(), name="overdue_review"),
    path("overdue-review/results/", OverdueReviewReportView.as_view(results_only=True), name="overdue_review_results"),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/content/", include((report_urls, "home_reports")))]


class OverdueReviewMenuItem(MenuItem):
    def is_shown(self, request):
        from wagtail.permission_policies.pages import PagePermissionPolicy

        return PagePermissionPolicy().user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def register_overdue_review_menu_item():
    return OverdueReviewMenuItem(
        "Pages overdue for review",
        reverse("home_reports:overdue_review"),
        name="overdue-review",
        icon_name="time",
        order=1150,
    )
