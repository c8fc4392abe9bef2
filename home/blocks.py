"""The shared StreamField block library used by every page type.

`BodyBlock` is the one body stream: other apps extend it (the e-form block joins it
later) by adding a child block to this class. Blocks never query the database in
`get_context`; what they show comes from their own value (choosers fetch in bulk).
"""

import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

# A restricted feature set: no inline images, embeds, colours or h1/h4+ headings.
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "ol", "ul", "link", "document-link"]


_SAFE_LINK = re.compile(r"^(https?://[^\s]+|/[^\s]*|mailto:[^\s]+|tel:[+0-9 ]+)$", re.IGNORECASE)


def validate_link_url(value: str) -> None:
    """Links are web addresses, paths on this site, email or phone: never javascript:."""
    if value and not _SAFE_LINK.match(value.strip()):
        raise ValidationError("Enter a web address starting with https://, or a path starting with /")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "Heading 2"), ("h3", "Heading 3")], default="h2")

    class Meta:
        icon = "title"
        template = "home/blocks/heading.html"
        description = "A section heading"
        preview_value = {"text": "How to apply", "level": "h2"}


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "home/blocks/rich_text.html"
        description = "Text with headings, lists and links"
        preview_value = "<p>Bins are collected every two weeks.</p>"


class LinkValue(blocks.StructValue):
    def href(self):
        page = self.get("page")
        if page:
            return page.url
        return self.get("url") or ""

    def label(self):
        page = self.get("page")
        return self.get("text") or (page.title if page else self.get("url"))


class LinkBlock(blocks.StructBlock):
    """A link to a page on this site or to another website."""

    text = blocks.CharBlock(max_length=120, required=False, help_text="Leave blank to use the page's title")
    page = blocks.PageChooserBlock(required=False)
    url = blocks.CharBlock(
        required=False,
        max_length=500,
        validators=[validate_link_url],
        label="Or a web address",
        help_text="A full address (https://...), or a path on this site such as /cookies/",
    )

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError("Choose a page or enter a web address")}
            )
        if value.get("url") and not value.get("text"):
            raise StructBlockValidationError(block_errors={"text": ValidationError("Enter the text for this link")})
        return value

    class Meta:
        icon = "link"
        value_class = LinkValue
        description = "A link to a page or website"
        preview_value = {"text": "Report a missed bin", "url": "https://www.example.com/"}


class CallToActionBlock(blocks.StructBlock):
    """A GOV.UK start button, or a plain button, leading into a service."""

    text = blocks.CharBlock(max_length=60, default="Start now")
    page = blocks.PageChooserBlock(required=False)
    url = blocks.CharBlock(required=False, max_length=500, validators=[validate_link_url], label="Or a web address")
    start_button = blocks.BooleanBlock(required=False, default=True, help_text="Show the arrow of a start button")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError("Choose a page or enter a web address")}
            )
        return value

    class Meta:
        icon = "arrow-right"
        template = "home/blocks/call_to_action.html"
        value_class = LinkValue
        description = "A start button or call to action"
        preview_value = {"text": "Start now", "url": "https://www.example.com/", "start_button": True}


class InsetTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "link"])
        super().__init__(**kwargs)

    class Meta:
        icon = "doc-full"
        template = "home/blocks/inset_text.html"
        description = "Text set apart from the content around it, such as a quote or an example"
        preview_value = "<p>It can take up to 8 weeks to process your application.</p>"


class WarningTextBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300)

    class Meta:
        icon = "warning"
        template = "home/blocks/warning_text.html"
        description = "An important warning, such as a legal consequence"
        preview_value = {"text": "You can be fined up to £1,000 if you do not register."}


class DetailsBlock(blocks.StructBlock):
    summary = blocks.CharBlock(max_length=120)
    content = RichTextBlock()

    class Meta:
        icon = "arrow-down"
        template = "home/blocks/details.html"
        description = "A short expandable section, for help only some people need"
        preview_value = {"summary": "Help with nationality", "content": "<p>We need to know your nationality.</p>"}


class AccordionSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    summary = blocks.CharBlock(max_length=200, required=False)
    content = RichTextBlock()


class AccordionBlock(blocks.StructBlock):
    sections = blocks.ListBlock(AccordionSectionBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "home/blocks/accordion.html"
        description = "Sections that open and close, for content people look through"
        preview_value = {
            "sections": [
                {"heading": "Garden waste", "summary": "", "content": "<p>Collected fortnightly from March.</p>"},
                {"heading": "Food waste", "summary": "", "content": "<p>Collected every week.</p>"},
            ]
        }


class CouncilTableBlock(TableBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "table_options",
            {"contextMenu": ["row_above", "row_below", "col_left", "col_right", "remove_row", "remove_col"]},
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "table"
        template = "home/blocks/table.html"
        description = "A table of data, with an optional caption"


class FigureBlock(blocks.StructBlock):
    """An image: alt text is required unless the editor marks it decorative."""

    image = ImageBlock()
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "home/blocks/figure.html"
        description = "An image with alt text and an optional caption"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(max_length=200, required=False, help_text="Leave blank to use the document's title")

    class Meta:
        icon = "doc-full-inverse"
        template = "home/blocks/document_link.html"
        description = "A link to a document, showing its file type and size"


class ContactDetailsBlock(SnippetChooserBlock):
    def __init__(self, **kwargs):
        super().__init__("home.ContactDetails", **kwargs)

    class Meta:
        icon = "mail"
        template = "home/blocks/contact_details.html"
        description = "Phone numbers, email, address and opening hours shared between pages"


class RelatedLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80, default="Related content")
    links = blocks.ListBlock(LinkBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "home/blocks/related_links.html"
        description = "A list of links to related pages"
        preview_value = {
            "heading": "Related content",
            "links": [{"text": "Council tax", "url": "https://www.example.com/"}],
        }


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def video_embed_url(url: str) -> str | None:
    """The privacy-enhanced player address for a YouTube or Vimeo link, or None.
    No network call: embeds never fetch oEmbed data while a page is shown."""
    parsed = urlparse(url or "")
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = None
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video_id = (parse_qs(parsed.query).get("v") or [None])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/")):
            video_id = parsed.path.split("/")[2]
        if video_id and _YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
    elif host == "youtu.be":
        video_id = parsed.path.strip("/")
        if _YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
    elif host in {"vimeo.com", "player.vimeo.com"}:
        video_id = parsed.path.rstrip("/").split("/")[-1]
        if video_id.isdigit():
            return f"https://player.vimeo.com/video/{video_id}?dnt=1"
    return None


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, help_text="Describes the video to people using screen readers")
    url = blocks.URLBlock(help_text="A YouTube or Vimeo link")
    transcript = RichTextBlock(help_text="A full transcript, for people who cannot watch or hear the video")

    def clean(self, value):
        value = super().clean(value)
        if not video_embed_url(value.get("url")):
            raise StructBlockValidationError(block_errors={"url": ValidationError("Enter a YouTube or Vimeo link")})
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"] = video_embed_url(value.get("url"))
        return context

    class Meta:
        icon = "media"
        template = "home/blocks/video.html"
        description = "A YouTube or Vimeo video with its transcript"


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
    """The body of information, guide, news and event pages. Other apps add blocks here."""

    heading = HeadingBlock()
    paragraph = RichTextBlock()
    call_to_action = CallToActionBlock()
    inset_text = InsetTextBlock()
    warning_text = WarningTextBlock()
    details = DetailsBlock()
    accordion = AccordionBlock()
    table = CouncilTableBlock()
    image = FigureBlock()
    document = DocumentLinkBlock()
    contact = ContactDetailsBlock()
    related_links = RelatedLinksBlock()
    video = VideoBlock()
    eform = EFormBlock()


class GuidePartBlock(blocks.StructBlock):
    """One part of a multi-part guide; its title becomes the part's address."""

    title = blocks.CharBlock(max_length=120)
    body = BodyBlock()

    class Meta:
        icon = "doc-full"
        description = "One part of the guide, shown on its own page"
