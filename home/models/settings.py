"""Site-wide settings editors change in Settings: the council's details, social
links, and the header menu and footer links."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from home.blocks import LinkBlock

SOCIAL_PLATFORMS = [
    ("facebook", "Facebook"),
    ("x", "X (Twitter)"),
    ("instagram", "Instagram"),
    ("linkedin", "LinkedIn"),
    ("youtube", "YouTube"),
    ("bluesky", "Bluesky"),
    ("nextdoor", "Nextdoor"),
]


class SocialLinkBlock(blocks.StructBlock):
    platform = blocks.ChoiceBlock(choices=SOCIAL_PLATFORMS)
    url = blocks.URLBlock()

    class Meta:
        icon = "site"


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    council_name = models.CharField(
        max_length=120, blank=True, help_text="Shown in the header; blank uses the site name"
    )
    logo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    main_phone = models.CharField(max_length=40, blank=True)
    main_email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    social_links = StreamField([("link", SocialLinkBlock())], blank=True)

    panels = [
        FieldPanel("council_name"),
        FieldPanel("logo"),
        MultiFieldPanel([FieldPanel("main_phone"), FieldPanel("main_email"), FieldPanel("address")], heading="Contact"),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = "site settings"


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    header_links = StreamField([("link", LinkBlock())], blank=True, help_text="The menu under the header")
    footer_links = StreamField([("link", LinkBlock())], blank=True, help_text="Links at the foot of every page")

    panels = [FieldPanel("header_links"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = "header menu and footer links"
