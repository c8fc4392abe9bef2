from django.urls import path

from services.cases import admin_views as views

urlpatterns = [
    path("", views.my_queue, name="my_queue"),
    path("team/", views.team_queue, name="team_queue"),
    path("bulk/", views.bulk, name="bulk"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/note/", views.case_note, name="case_note"),
    path("<int:pk>/status/", views.case_status, name="case_status"),
    path("<int:pk>/assign/", views.case_assign, name="case_assign"),
    path("<int:pk>/link/", views.case_link, name="case_link"),
    path("<int:pk>/unlink/", views.case_unlink, name="case_unlink"),
    path("<int:pk>/revoke-tracking-link/", views.case_tracking_link_revoke, name="case_tracking_link_revoke"),
    path("<int:pk>/files/<uuid:file_id>/", views.case_file, name="case_file"),
    path("customers/<int:pk>/", views.customer_detail, name="customer"),
    path("contacts/new/", views.contact_new, name="contact_new"),
    path("export/", views.cases_export, name="export"),
    path("reports/first-contact/", views.report_first_contact, name="report_first_contact"),
    path("audit/", views.audit_trail, name="audit"),
]
