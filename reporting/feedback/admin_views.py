"""The comms team's review screens in the Wagtail admin. Reads go through
``selectors.py``; changes through ``operations.py``."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Page

from reporting.feedback.models import Answer, FeedbackResponse, Status
from reporting.feedback.operations import (
    feedback_assign,
    feedback_set_status,
    feedback_turn_into_case,
)
from reporting.feedback.selectors import (
    CHANGE_PERMISSION,
    feedback_page_owners,
    feedback_page_summary,
    feedback_sections,
    feedback_site_overview,
    feedback_user_may_view,
    feedback_user_may_view_page,
    feedback_visible_to,
)
from services.cases.operations import case_types_for_new_cases

URL_NAMESPACE = "feedback_review"


class FeedbackFilterSet(WagtailFilterSet):
    section = django_filters.ModelChoiceFilter(
        label="Section",
        queryset=lambda request: feedback_sections(),
        method="filter_section",
        empty_label="All sections",
    )
    page_owner = django_filters.ModelChoiceFilter(
        label="Page owner",
        queryset=lambda request: feedback_page_owners(user=request.user),
        method="filter_page_owner",
        empty_label="All owners",
    )
    created_at = django_filters.DateFromToRangeFilter(label="Date received", widget=DateRangePickerWidget)
    answer = django_filters.ChoiceFilter(
        label="Answer", choices=Answer.choices, empty_label="All", widget=forms.RadioSelect
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=Status.choices, empty_label="All", widget=forms.RadioSelect
    )
    has_comment = django_filters.BooleanFilter(
        label="Has a comment", method="filter_has_comment", widget=BooleanRadioSelect
    )

    class Meta:
        model = FeedbackResponse
        fields = []

    def filter_section(self, queryset, name, value):
        return queryset.filter(page__path__startswith=value.path) if value else queryset

    def filter_page_owner(self, queryset, name, value):
        return queryset.filter(page__owner=value) if value else queryset

    def filter_has_comment(self, queryset, name, value):
        if value is None:
            return queryset
        commented = ~Q(doing="") | ~Q(went_wrong="")
        return queryset.filter(commented) if value else queryset.exclude(commented)


def _spreadsheet_safe(value):
    """Stop a comment such as "=HYPERLINK(...)" running as a formula in a spreadsheet."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


class FeedbackIndexView(generic.IndexView):
    template_name = "feedback/admin/index.html"
    custom_field_preprocess = {
        field: {"csv": _spreadsheet_safe, "xlsx": _spreadsheet_safe} for field in ["doing", "went_wrong", "path"]
    }

    def get_base_queryset(self):
        return feedback_visible_to(user=self.request.user)

    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="feedback"), *super().columns]

    def _get_title_column(self, *args, **kwargs):
        return super()._get_title_column(*args, **kwargs, get_title_id=lambda instance: f"feedback_{instance.pk}_title")

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton("Overview", url=reverse(f"{URL_NAMESPACE}:overview"), icon_name="tasks"),
        ]


class TriageForm(forms.ModelForm):
    class Meta:
        model = FeedbackResponse
        fields = ["status", "assigned_to"]


class FeedbackEditView(generic.EditView):
    """The triage screen: the feedback read-only, with its status and assignee."""

    template_name = "feedback/admin/edit.html"

    def get_object(self, queryset=None):
        return get_object_or_404(feedback_visible_to(user=self.request.user), pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def save_instance(self):
        changed = self.form.changed_data
        user = self.request.user
        if "status" in changed:
            try:
                feedback_set_status(user=user, response_ids=[self.object.pk], status=self.form.cleaned_data["status"])
            except PermissionDenied:
                messages.error(self.request, "Only the comms team can pass feedback to a page owner.")
        if "assigned_to" in changed and user.has_perm(CHANGE_PERMISSION):
            feedback_assign(user=user, response_id=self.object.pk, assignee=self.form.cleaned_data["assigned_to"])
        self.object.refresh_from_db()
        return self.object

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        response = self.object
        context["response"] = response
        context["can_make_case"] = self.request.user.has_perm(CHANGE_PERMISSION)
        context["case_url"] = reverse(f"{URL_NAMESPACE}:case", args=[response.pk])
        if response.page_id and feedback_user_may_view_page(user=self.request.user, page=response.page):
            context["page_summary_url"] = reverse(f"{URL_NAMESPACE}:page", args=[response.page_id])
        return context


class _ReviewView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        if not feedback_user_may_view(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse(f"{URL_NAMESPACE}:index"), "label": "Page feedback"},
            {"url": "", "label": self.get_page_title()},
        ]


class OverviewView(_ReviewView):
    template_name = "feedback/admin/overview.html"
    page_title = "Feedback overview"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overview"] = feedback_site_overview(user=self.request.user)
        context["index_url"] = reverse(f"{URL_NAMESPACE}:index")
        return context


class PageSummaryView(_ReviewView):
    template_name = "feedback/admin/page_summary.html"
    page_title = "Feedback on a page"

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=kwargs["page_id"])
        if not feedback_user_may_view_page(user=request.user, page=self.page):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = self.page
        context["summary"] = feedback_page_summary(page=self.page)
        context["recent"] = (
            feedback_visible_to(user=self.request.user).filter(page=self.page).exclude(status=Status.SPAM)[:10]
        )
        context["edit_url_name"] = f"{URL_NAMESPACE}:edit"
        return context


class CaseTypeChoiceForm(forms.Form):
    case_type = forms.ModelChoiceField(
        queryset=case_types_for_new_cases(),
        label="Which service is this a request for?",
        help_text="The case goes to the team that owns this type of request.",
        empty_label="Choose a type of request",
        error_messages={"required": "Choose the type of request this feedback is about."},
    )


class TurnIntoCaseView(_ReviewView):
    template_name = "feedback/admin/case_confirm.html"
    page_title = "Turn feedback into a case"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(CHANGE_PERMISSION):
            raise PermissionDenied
        self.response = get_object_or_404(feedback_visible_to(user=request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["response"] = self.response
        context.setdefault("form", CaseTypeChoiceForm())
        context["back_url"] = reverse(f"{URL_NAMESPACE}:edit", args=[self.response.pk])
        return context

    def post(self, request, *args, **kwargs):
        back = reverse(f"{URL_NAMESPACE}:edit", args=[self.response.pk])
        if self.response.case_reference:
            return redirect(back)
        form = CaseTypeChoiceForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        response = feedback_turn_into_case(
            user=request.user,
            response_id=self.response.pk,
            case_type=form.cleaned_data["case_type"],
            site_root_url=request.build_absolute_uri("/")[:-1],
        )
        messages.success(request, f"Case {response.case_reference} created from this feedback.")
        return redirect(back)
