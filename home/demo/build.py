"""Build the demo site from the texts in this package, changing only what differs.

Each step takes the default Site and returns a list of what it created or changed, so a
second run reports (and does) nothing.
"""

import json
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from feedback import demo as feedback_demo
from feedback import demo_comments
from feedback.models import FeedbackPage
from home.demo import explainers, help_pages, home_page, news, outcomes, spanish, spanish_explainers
from home.demo import spanish_pages as spanish_pages_texts
from home.models import (
    ExplainerIndexPage,
    ExplainerPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    OutcomesPage,
    SiteSettings,
)
from home.models.site_settings import TRANSLATED_FIELDS
from publicdata import demo as publicdata_demo
from publicdata.demo_charts import build_charts, resolve_chart_refs

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "lead-demo-admin"  # noqa: S105 (a documented demo-only account)


def _normalised(value):
    """JSON of stream data without block ids, which differ on every save."""
    if isinstance(value, dict):
        return {key: _normalised(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_normalised(item) for item in value]
    return value


def _stream_json(page, field_name, raw):
    block = page._meta.get_field(field_name).stream_block
    return json.dumps(_normalised(block.get_prep_value(block.to_python(raw))), sort_keys=True)


def _differs(page, fields):
    for name, wanted in fields.items():
        current = getattr(page, name)
        if hasattr(current, "raw_data"):
            if _stream_json(page, name, list(current.raw_data)) != _stream_json(page, name, wanted):
                return True
        elif current != wanted:
            return True
    return False


def upsert_page(parent, model, slug, **fields):
    """Create the page under ``parent`` or bring it up to date, and publish it.

    Returns ``(page, changed)``.
    """
    fields = resolve_chart_refs(fields)
    existing = Page.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        page = existing.specific
        if not isinstance(page, model):
            raise RuntimeError(
                f"{page.url_path} is a {type(page).__name__}, not a {model.__name__}"
            )
        if page.live and not page.has_unpublished_changes and not _differs(page, fields):
            return page, False
        for name, value in fields.items():
            setattr(page, name, value)
    else:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _ensure_tree_root():
    """The tree root and default locale that Wagtail's migrations create; a database
    emptied with ``manage.py flush`` has neither."""
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    return Page.get_first_root_node() or Page.add_root(title="Root", slug="root")


def ensure_home_page():
    """The HomePage at the top of the tree, serving the default site."""
    root = _ensure_tree_root()
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    changed = []
    if home is None:
        welcome_type = ContentType.objects.get_for_model(Page)
        with transaction.atomic():
            # Wagtail's own placeholder "Welcome" page; its Site row goes with it.
            Page.objects.filter(depth=2, content_type=welcome_type, slug="home").delete()
            home, _ = upsert_page(root, HomePage, "home", **home_page.FIELDS)
        changed.append("home page")
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    # The demo is served by `make demo` at http://127.0.0.1:8000/; full URLs (sitemap,
    # admin previews) should point there.
    wanted = {
        "root_page_id": home.pk,
        "site_name": "LEAD Baltimore",
        "hostname": "127.0.0.1",
        "port": 8000,
    }
    if any(getattr(site, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(site, name, value)
        site.save()
        changed.append("default site")
    return site, changed


def _build_tree(parent, specs, changed):
    """Create or update pages from specs: dicts of model, slug, fields and children."""
    pages = {}
    for spec in specs:
        page, was_changed = upsert_page(parent, spec["model"], spec["slug"], **spec["fields"])
        if was_changed:
            changed.append(page.url_path)
        pages[spec["slug"]] = page
        pages.update(_build_tree(page, spec.get("children", []), changed))
    return pages


def demo_pages():
    """The English page tree under the home page: dicts of model, slug, fields, children."""
    return [
        {
            "model": ExplainerIndexPage,
            "slug": "lead",
            "fields": explainers.INDEX,
            "children": [
                {"model": ExplainerPage, "slug": slug, "fields": fields}
                for slug, fields in explainers.EXPLAINERS
            ],
        },
        {"model": OutcomesPage, "slug": "outcomes", "fields": outcomes.PAGE},
        *(
            {"model": ExplainerPage, "slug": slug, "fields": fields}
            for slug, fields in help_pages.pages()
        ),
        {"model": FeedbackPage, "slug": "feedback", "fields": feedback_demo.PAGE},
        {
            "model": NewsIndexPage,
            "slug": "news",
            "fields": news.INDEX,
            "children": [
                {"model": NewsPage, "slug": slug, "fields": fields} for slug, fields in news.STORIES
            ],
        },
    ]


def english_pages(specs=None, prefix=""):
    """``{path under the home page: (model, fields)}`` of every English demo page, with
    paths like ``"lead/what-is-lead/"``, parents before their children."""
    pages = {}
    for spec in demo_pages() if specs is None else specs:
        path = f"{prefix}{spec['slug']}/"
        pages[path] = (spec["model"], spec["fields"])
        pages.update(english_pages(spec.get("children", []), path))
    return pages


def spanish_texts():
    """``{path under the home page: Spanish fields}`` of every translated page except the
    home page; each path is the English page's (``"lead/what-is-lead/"``)."""
    return {
        **{f"lead/{slug}/": fields for slug, fields in spanish.EXPLAINERS.items()},
        "feedback/": spanish.FEEDBACK_PAGE,
        "privacy/": spanish.privacy(),
        **spanish_explainers.PAGES,
        **spanish_pages_texts.PAGES,
    }


def spanish_pages():
    """``[(path, model, English fields, Spanish fields)]`` of every demo page written in
    Spanish except the home page, parents before their children."""
    english = english_pages()
    return [
        (path, *english[path], fields)
        for path, fields in sorted(spanish_texts().items(), key=lambda item: item[0].count("/"))
    ]


def build_pages(site):
    changed = []
    home = site.root_page.specific
    tree = demo_pages()
    pages = _build_tree(home, tree, changed)
    tags_changed = _tag_news(pages)
    # Calls to action point at pages, so they are set once those pages exist.
    _, home_changed = upsert_page(
        home.get_parent(), HomePage, home.slug, **home_page.fields_with_links(pages)
    )
    if home_changed:
        changed.append("home page calls to action")
    return changed + tags_changed


def _tag_news(pages, tags_by_slug=news.TAGS):
    changed = []
    for slug, tags in tags_by_slug.items():
        story = pages[slug]
        if sorted(story.tags.names()) != sorted(tags):
            story.tags.set(tags)
            story.save_revision().publish()
            changed.append(f"tags of {story.url_path}")
    return changed


def build_site_settings(site):
    settings = SiteSettings.for_site(site)
    fields = dict(help_pages.SITE_SETTINGS)
    fields["privacy_page"] = Page.objects.get(url_path=f"{site.root_page.url_path}privacy/")
    fields.update(_spanish_settings(fields["partners"]))
    if not _differs(settings, fields):
        return []
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return ["site settings"]


def _spanish_settings(partners):
    """The ``<name>_es`` fields from the Spanish texts; each partner's name and role, and
    each complaint route's name and description, in the ``_es`` value of its block, matched
    by position. A name the Spanish texts keep as it is stays without a Spanish one, so it
    is shown marked as English."""
    fields = {
        f"{name}_es": value
        for name, value in spanish.SITE_SETTINGS.items()
        if name in TRANSLATED_FIELDS
    }

    def in_spanish(english_items, spanish_items, texts):
        return [
            {
                **item,
                "value": {
                    **item["value"],
                    **{
                        f"{text}_es": translated["value"][text]
                        if translated["value"][text] != item["value"][text]
                        else ""
                        for text in texts
                    },
                },
            }
            for item, translated in zip(english_items, spanish_items, strict=True)
        ]

    fields["partners"] = in_spanish(partners, spanish.SITE_SETTINGS["partners"], ["name", "role"])
    fields["complaint_routes"] = in_spanish(
        help_pages.SITE_SETTINGS["complaint_routes"],
        spanish.SITE_SETTINGS["complaint_routes"],
        ["name", "description"],
    )
    return fields


# Links written as English paths in the Spanish texts ("/lead/your-rights/") lead to the
# Spanish pages.
_SITE_LINK = re.compile(r'href="/(?!/|es/|api/|admin/|documents/|static/|data\.json)')


def _links_in_spanish(value):
    if isinstance(value, str):
        return _SITE_LINK.sub('href="/es/', value)
    if isinstance(value, dict):
        return {key: _links_in_spanish(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_links_in_spanish(item) for item in value]
    return value


def ensure_spanish_locale():
    """The Spanish locale, synchronised from English (migration home 0005 makes both; a
    database emptied with ``manage.py flush`` has neither)."""
    english = Locale.get_default()
    locale, _ = Locale.objects.get_or_create(language_code="es")
    LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": english})
    return locale


def translate_page(english_page, locale, fields):
    """Write ``english_page``'s translation in ``locale`` from ``fields`` and publish it.

    The synchronised tree holds an alias of every English page; translating one turns it
    into a page of its own, which the English page's changes no longer overwrite.
    Returns ``(page, changed)``.
    """
    fields = _links_in_spanish(resolve_chart_refs(fields))
    page = english_page.get_translation_or_none(locale)
    if page is None:
        page = english_page.copy_for_translation(locale, copy_parents=True, alias=True)
    page = page.specific
    translated = page.alias_of_id is None and page.live and not page.has_unpublished_changes
    if translated and not _differs(page, fields):
        return page, False
    page.alias_of_id = None
    for name, value in fields.items():
        setattr(page, name, value)
    page.save()
    page.save_revision().publish()
    return page, True


def build_spanish_pages(site):
    """The Spanish page tree: wagtail-localize copies every English page as an alias (shown
    under /es/ with a "not translated yet" notice), then the pages of home/demo/spanish.py
    are written in Spanish."""
    changed = []
    locale = ensure_spanish_locale()
    english_home = site.root_page.specific
    copies_before = Page.objects.filter(locale=locale).count()
    synchronize_tree(english_home.locale, locale)
    copies = Page.objects.filter(locale=locale).count() - copies_before
    if copies:
        changed.append(f"{copies} Spanish copies of English pages")

    def english(path):
        return Page.objects.get(url_path=f"{english_home.url_path}{path}").specific

    translated = {}
    for path, _model, _english_fields, fields in spanish_pages():
        page, was_changed = translate_page(english(path), locale, fields)
        translated[path] = page
        if was_changed:
            changed.append(page.url_path)
    stories = {slug: translated[f"news/{slug}/"] for slug in spanish_pages_texts.TAGS}
    changed += _tag_news(stories, spanish_pages_texts.TAGS)
    # The calls to action point at the Spanish pages.
    targets = {
        slug: english(f"{slug}/").get_translation(locale)
        for _label, _description, slug in spanish.CALLS_TO_ACTION
        if not slug.startswith("/")
    }
    home, home_changed = translate_page(english_home, locale, spanish.fields_with_links(targets))
    if home_changed:
        changed.append("Spanish home page")
    if changed:
        Site.clear_site_root_paths_cache()
    return changed


def build_demo_admin():
    """A local superuser for trying the admin. Demo machines only."""
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_ADMIN_USERNAME,
        defaults={"email": "admin@example.org", "is_staff": True, "is_superuser": True},
    )
    if created or not user.has_usable_password():
        user.set_password(DEMO_ADMIN_PASSWORD)
        user.save()
        return ["demo admin account"]
    return []


# Later features append their own steps: callables taking the Site, returning changes.
STEPS = [
    feedback_demo.build_neighbourhoods,
    # Datasets and charts come before the pages that show the charts.
    publicdata_demo.build_datasets,
    build_charts,
    build_pages,
    build_site_settings,
    # After every English page exists: its Spanish copy or translation.
    build_spanish_pages,
]


def build_demo_site(with_admin=True):
    site, changed = ensure_home_page()
    for step in STEPS:
        changed += step(site)
    changed += feedback_demo.build_moderation_demo(site, with_accounts=with_admin)
    changed += demo_comments.build_word_rules(site)
    changed += demo_comments.build_comments(site)
    if with_admin:
        changed += build_demo_admin()
        changed += publicdata_demo.build_analyst_account()
    return changed
