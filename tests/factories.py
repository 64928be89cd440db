"""Factories for the page types, so each test builds exactly the pages it needs."""

import datetime

import factory
import wagtail_factories
from django.conf import settings
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from home.models import ExplainerIndexPage, ExplainerPage, HomePage, NewsIndexPage, NewsPage


def paragraph(text):
    return ("paragraph", RichText(f"<p>{text}</p>"))


class HomePageFactory(wagtail_factories.PageFactory):
    title = "LEAD Baltimore"
    slug = "home"
    hero_heading = "Help instead of handcuffs"
    hero_text = "LEAD connects people to services instead of jail."

    class Meta:
        model = HomePage


class ExplainerIndexPageFactory(wagtail_factories.PageFactory):
    title = "About LEAD"
    slug = "lead"
    show_in_menus = True

    class Meta:
        model = ExplainerIndexPage


class ExplainerPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Explainer {n}")
    summary = "A plain-language explainer."
    body = factory.LazyFunction(lambda: [paragraph("Explainer text.")])
    show_in_menus = True

    class Meta:
        model = ExplainerPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = "news"
    show_in_menus = True

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"News story {n}")
    date = factory.Sequence(lambda n: datetime.date(2017, 2, 6) + datetime.timedelta(days=n))
    summary = "What happened."
    body = factory.LazyFunction(lambda: [paragraph("News text.")])

    class Meta:
        model = NewsPage


def make_site():
    """A home page as the default site's root, replacing Wagtail's welcome page."""
    # A transactional test that ran before (a migration test) empties every table, the
    # locale and root page that Wagtail's migrations made included.
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root"))
    Page.objects.filter(depth=2).delete()  # the welcome page; its Site goes with it
    home = HomePageFactory(parent=root)
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="LEAD"
    )
    return home


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Neighbourhood {n}")

    class Meta:
        model = "feedback.Neighbourhood"
        django_get_or_create = ("name",)


class ReportFactory(factory.django.DjangoModelFactory):
    submission_id = factory.Faker("uuid4", cast_to=None)
    interaction_date = datetime.date(2026, 10, 14)
    neighbourhood = factory.SubFactory(NeighbourhoodFactory, name="Seton Hill")
    interaction_type = "stopped"
    lead_mentioned = "yes"
    account = "The officer was polite and explained the LEAD program to me."
    consent_to_publish = True
    status = "new"
    # A published report is genuine (feedback/genuine.py); others wait for a decision.
    genuine = factory.LazyAttribute(lambda report: True if report.status == "published" else None)

    class Meta:
        model = "feedback.Report"


def make_feedback_page(home):
    from feedback.models import FeedbackPage

    page = FeedbackPage(
        title="Tell us about a police interaction",
        slug="feedback",
        intro="<p>Tell the program what happened.</p>",
        thank_you_text="<p>A moderator will read it soon.</p>",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


class CommentFactory(factory.django.DjangoModelFactory):
    """A published comment, as a moderator left it."""

    body = "LEAD helped my cousin find a treatment place."
    public_text = factory.LazyAttribute(lambda comment: comment.body)
    status = "published"

    class Meta:
        model = "feedback.Comment"
