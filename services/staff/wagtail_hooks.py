from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def start_widgets_without_inline_scripts():
    return format_html('<script src="{}"></script>', static("staff/admin-csp.js"))


@hooks.register("register_account_menu_item")
def backup_codes_menu_item(request):
    return {
        "url": reverse("staff:backup_codes"),
        "label": "Security codes",
        "help_text": "Get new backup codes for signing in without your phone.",
    }
