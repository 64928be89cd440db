"""Models of the pages people read and the site-wide settings."""

from .pages import (
    ExplainerIndexPage,
    ExplainerPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
    OutcomesPage,
)
from .site_settings import SiteSettings

__all__ = [
    "ExplainerIndexPage",
    "ExplainerPage",
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "OutcomesPage",
    "SiteSettings",
]
