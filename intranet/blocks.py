"""Blocks only the intranet uses; page bodies use the shared library in home.blocks."""

from wagtail import blocks


class QuickLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80)
    page = blocks.PageChooserBlock(required=False, help_text="An intranet page, or fill in a web address instead.")
    url = blocks.URLBlock(required=False, label="Web address")
    description = blocks.CharBlock(max_length=160, required=False)

    class Meta:
        icon = "link"
        template = "intranet/blocks/quick_link.html"
        description = "A link staff use often, shown on the intranet home page"
        preview_value = {"title": "Book a meeting room", "url": "https://rooms.council.example/"}

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": blocks.BlockValidationError("Choose a page or enter a web address")}
            )
        return value


class QuickLinksBlock(blocks.StreamBlock):
    link = QuickLinkBlock()
