"""The public site's content model. Modules import one way:
snippets/settings <- base <- pages <- news/events/microsites."""

from home.models.base import CouncilPage, default_review_date
from home.models.events import EventCategory, EventIndexPage, EventPage
from home.models.microsites import MicrositeHomePage
from home.models.news import NewsIndexPage, NewsPage
from home.models.pages import (
    AccessibilityStatementPage,
    GuidePage,
    HomePage,
    InformationPage,
    ServiceCategoryPage,
)
from home.models.settings import NavigationSettings, SiteSettings
from home.models.snippets import AlertBanner, ContactDetails

__all__ = [
    "AccessibilityStatementPage",
    "AlertBanner",
    "ContactDetails",
    "CouncilPage",
    "EventCategory",
    "EventIndexPage",
    "EventPage",
    "GuidePage",
    "HomePage",
    "InformationPage",
    "MicrositeHomePage",
    "NavigationSettings",
    "NewsIndexPage",
    "NewsPage",
    "ServiceCategoryPage",
    "SiteSettings",
    "default_review_date",
]
