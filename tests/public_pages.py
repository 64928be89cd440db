"""Every public page type of the demo site, for the checks that must cover them all
(accessibility, valid HTML), in every language the site is read in.

English lives at the URLs of the public contract; another language under its prefix
(``/es/...``).
"""

LANGUAGES = ["en", "es"]

PAGE_TYPES = [
    ("home", "/"),
    ("explainer", "/lead/what-is-lead/"),
    ("news", "/news/lead-pilot-launches/"),
    ("outcomes", "/outcomes/"),
    ("catalogue", "/data/"),
    ("dataset", "/data/referrals-and-enrolments/"),
    ("feedback-form", "/feedback/"),
    ("status", "/feedback/status/"),
    ("published-reports", "/feedback/published/"),
    ("feedback-statistics", "/feedback/statistics/"),
    ("program-actions", "/feedback/actions/"),
    ("program-action", "/feedback/actions/officers-say-why-they-stop-someone/"),
    ("search", "/search/?query=lead"),
    ("not-found", "/no-such-page/"),
]


def in_language(path, language):
    """The path of the same page in ``language``."""
    return path if language == "en" else f"/{language}{path}"


def page_urls(languages=None):
    """``(id, path)`` for every page type in every language, for parametrize."""
    return [
        (f"{name}-{language}", in_language(path, language))
        for language in languages or LANGUAGES
        for name, path in PAGE_TYPES
    ]
