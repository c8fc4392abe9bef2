from django.templatetags.static import static
from django.urls import include, path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from services.forms.models import EForm


class EFormViewSet(SnippetViewSet):
    model = EForm
    icon = "form"
    menu_label = "E-forms"
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["title", "case_type", "allow_anonymous", UpdatedAtColumn()]
    list_filter = ["live", "allow_anonymous"]
    search_fields = ["title"]


register_snippet(EFormViewSet)


@hooks.register("insert_editor_js")
def conditions_follow_reworded_questions():
    return format_html('<script src="{}"></script>', static("forms/eform-editor.js"))


@hooks.register("register_admin_urls")
def register_assisted_digital_urls():
    from services.forms import assisted_urls

    # Case work's own "casework/" routes have no "assisted/", so Django goes on to these.
    return [
        path(
            "casework/assisted/",
            include((assisted_urls.urlpatterns, "assisted_digital"), namespace="assisted_digital"),
        )
    ]
