"""The shared StreamField block library used by every page type."""

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "Heading 2"), ("h3", "Heading 3")], default="h2")

    class Meta:
        icon = "title"
        template = "home/blocks/heading.html"
        description = "A section heading"
        preview_value = {"text": "How to apply", "level": "h2"}


class EFormBlock(blocks.StructBlock):
    """An e-form, chosen by its model label so that home imports no service app; the
    template and its tag come from services/forms, which also serves the steps."""

    form = SnippetChooserBlock("forms.EForm", help_text="The form to start from this page.")
    start_button_text = blocks.CharBlock(max_length=50, default="Start now")

    class Meta:
        icon = "form"
        template = "forms/blocks/eform.html"
        description = "A form residents fill in; each submission becomes a case"
        label = "E-form"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="home/blocks/rich_text.html",
        description="Text with headings, lists and links",
        preview_value="<p>Bins are collected every two weeks.</p>",
    )
    eform = EFormBlock()
