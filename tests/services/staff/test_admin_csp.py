"""Chooser widgets start without inline scripts, which the admin's Content Security
Policy blocks (the browser tests choose a form for a service page through one)."""

from wagtail.admin.widgets import AdminPageChooser
from wagtail.snippets.widgets import AdminSnippetChooser

from services.forms.models import EForm


def test_choosers_leave_a_starter_element_instead_of_an_inline_script(db):
    for widget, constructor in ((AdminSnippetChooser(EForm), "SnippetChooser"), (AdminPageChooser(), "PageChooser")):
        html = widget.render("chosen", None, {"id": "id_chosen"})
        assert "<script" not in html
        assert f'data-csp-init="{constructor}" data-csp-target="id_chosen"' in html
        assert "data-csp-options=" in html and "/admin/" in html
