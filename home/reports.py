"""Admin report: pages whose "review by" date has passed."""

from django.utils import timezone
from wagtail.admin.views.reports import PageReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from home import selectors


class OverdueReviewReportView(PageReportView):
    page_title = "Pages overdue for review"
    header_icon = "time"
    index_url_name = "home_reports:overdue_review"
    index_results_url_name = "home_reports:overdue_review_results"
    results_template_name = "home/reports/overdue_review_results.html"
    any_permission_required = ["add", "change", "publish"]
    export_headings = {
        "review_due": "Review by",
        "owner": "Owner",
        "content_type.model_class._meta.verbose_name.title": "Type",
    }
    list_export = ["title", "review_due", "owner", "content_type.model_class._meta.verbose_name.title"]

    def get_queryset(self):
        editable = PagePermissionPolicy().instances_user_has_any_permission_for(
            self.request.user, ["change", "publish"]
        )
        self.queryset = (
            selectors.pages_overdue_for_review(today=timezone.localdate())
            .filter(pk__in=editable.values("pk"))
            .select_related("owner", "content_type")
        )
        return super().get_queryset()
