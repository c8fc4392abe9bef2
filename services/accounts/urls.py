from django.urls import path

from services.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("create/", views.sign_up, name="sign_up"),
    path("check-your-email/", views.check_email, name="check_email"),
    path("confirm-email/<str:token>/", views.confirm_email, name="confirm_email"),
    path("confirm-email-again/", views.resend_confirmation, name="resend_confirmation"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("forgot-password/", views.forgot_password, name="forgot_password"),
    path("reset-password/<str:token>/", views.reset_password, name="reset_password"),
    path("requests/", views.requests_list, name="requests"),
    path("requests/<str:reference>/", views.request_detail, name="request"),
    path("requests/<str:reference>/add/", views.request_add, name="request_add"),
    path("requests/<str:reference>/timeline/", views.request_timeline, name="request_timeline"),
    path("requests/<str:reference>/files/<uuid:file_id>/", views.request_file, name="request_file"),
    path("drafts/<int:draft_id>/continue/", views.draft_continue, name="draft_continue"),
    path("drafts/<int:draft_id>/delete/", views.draft_delete, name="draft_delete"),
    path("details/", views.profile, name="profile"),
    path("details/email/", views.change_email, name="change_email"),
    path("confirm-new-email/<str:token>/", views.confirm_new_email, name="confirm_new_email"),
    path("details/password/", views.change_password, name="change_password"),
    path("your-data/", views.your_data, name="your_data"),
    path("your-data.json", views.your_data_json, name="your_data_json"),
    path("delete/", views.delete_account, name="delete"),
    path("deleted/", views.deleted, name="deleted"),
]
urlpatterns += [path("drafts/<int:draft_id>/saved/", views.draft_saved, name="draft_saved")]
urlpatterns += [
    path("sign-in/security-code/", views.sign_in_code, name="sign_in_code"),
    path("security/", views.security, name="security"),
    path("security/set-up/", views.security_set_up, name="security_set_up"),
    path("security/turn-off/", views.security_turn_off, name="security_turn_off"),
]
