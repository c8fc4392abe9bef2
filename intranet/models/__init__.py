"""The intranet's content model. Imports flow one way: profiles, then pages."""

from intranet.models.pages import (
    INTRANET_PAGE_TYPES,
    IntranetHomePage,
    IntranetPage,
    PolicyIndexPage,
    PolicyPage,
    StaffDirectoryPage,
    StaffEventIndexPage,
    StaffEventPage,
    StaffNewsIndexPage,
    StaffNewsPage,
)
from intranet.models.profiles import StaffProfile

__all__ = [
    "INTRANET_PAGE_TYPES",
    "IntranetHomePage",
    "IntranetPage",
    "PolicyIndexPage",
    "PolicyPage",
    "StaffDirectoryPage",
    "StaffEventIndexPage",
    "StaffEventPage",
    "StaffNewsIndexPage",
    "StaffNewsPage",
    "StaffProfile",
]
