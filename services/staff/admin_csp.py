"""Wagtail's chooser widgets (page, image, document, snippet) start themselves with an
inline ``<script>``, which the admin's Content Security Policy (no 'unsafe-inline')
blocks, leaving a "Choose" button that does nothing. They render a hidden element
with ``data-csp-init`` instead, which ``staff/admin-csp.js`` starts."""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser

_inline_render = BaseChooser.render


def _render_without_inline_script(self, name, value, attrs=None, renderer=None):
    if type(self).render_js_init is not BaseChooser.render_js_init:  # a starter of its own (task chooser)
        return _inline_render(self, name, value, attrs, renderer)
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as error:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    starter = format_html(
        '<span hidden data-csp-init="{}" data-csp-target="{}" data-csp-options="{}"></span>',
        self.js_constructor,
        id_,
        json.dumps(self.get_js_init_options(id_, name, value_data)),
    )
    return mark_safe(widget_html + starter)  # noqa: S308 - the widget's template escapes; starter is format_html


def start_choosers_without_inline_scripts():
    BaseChooser.render = _render_without_inline_script
