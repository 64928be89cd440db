"""Staff create and edit every page type through the Wagtail admin, and it renders."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale, Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import (
    ExplainerIndexPage,
    ExplainerPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    SiteSettings,
)
from tests.factories import ExplainerIndexPageFactory, NewsIndexPageFactory, make_site


def list_block(items):
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index), "id": ""}
        for index, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


EXPLAINER_BODY = streamfield(
    [
        ("heading", {"text": "Who can take part", "level": "h2"}),
        ("paragraph", rich_text("<p>Adults detained for misdemeanour drug possession.</p>")),
        (
            "callout",
            {
                "tone": "important",
                "title": "Taking part is voluntary",
                "body": rich_text("<p>You can say no.</p>"),
            },
        ),
        (
            "faq",
            {
                "title": "Questions",
                "questions": list_block(
                    [{"question": "Do I have to stop using?", "answer": rich_text("<p>No.</p>")}]
                ),
            },
        ),
        ("quote", {"quote": "People need support.", "attribution": "A case manager", "role": ""}),
        (
            "key_figures",
            {
                "title": "",
                "figures": list_block(
                    [
                        {
                            "figure": "60%",
                            "label": "lower odds of arrest",
                            "detail": "",
                            "source": "Collins et al. (2017)",
                            "source_url": "https://doi.org/10.1016/j.evalprogplan.2017.05.008",
                        }
                    ]
                ),
            },
        ),
        (
            "contact_card",
            {
                "title": "Crisis line",
                "description": "",
                "phone": "988",
                "text_message": "988",
                "email": "",
                "website": "",
                "address": "",
                "hours": "24/7",
            },
        ),
    ]
)


class StaffCreatePagesTests(WagtailPageTestCase):
    def setUp(self):
        self.home = make_site()
        # force_login: the sign-in form itself (with its lockout) is tested in
        # test_staff_login.py; Client.login() gives django-axes no request.
        self.client.force_login(self.create_superuser("editor"))

    def test_explainer_with_every_text_block_can_be_created_and_renders(self):
        index = ExplainerIndexPageFactory(parent=self.home)
        self.assertCanCreate(
            index,
            ExplainerPage,
            nested_form_data(
                {
                    "title": "Who is eligible",
                    "slug": "who-is-eligible",
                    "summary": "Who LEAD is for.",
                    "body": EXPLAINER_BODY,
                }
            ),
        )
        page = ExplainerPage.objects.get(slug="who-is-eligible", locale=self.home.locale)
        self.assertTrue(page.live)
        html = self.client.get(page.url).content.decode()
        self.assertIn('<h2 class="stream-heading" id="who-can-take-part">', html)
        self.assertIn("Taking part is voluntary", html)
        self.assertIn('<summary class="faq__question">Do I have to stop using?</summary>', html)
        self.assertIn("People need support.", html)
        self.assertIn('href="https://doi.org/10.1016/j.evalprogplan.2017.05.008"', html)
        self.assertIn('href="tel:988"', html)

    def test_explainer_index_lists_its_explainers(self):
        self.assertCanCreate(
            self.home,
            ExplainerIndexPage,
            nested_form_data({"title": "About LEAD", "slug": "lead", "intro": rich_text("")}),
        )
        index = ExplainerIndexPage.objects.get(slug="lead", locale=self.home.locale)
        self.assertCanCreate(
            index,
            ExplainerPage,
            nested_form_data(
                {"title": "Your rights", "summary": "What you can do.", "body": EXPLAINER_BODY}
            ),
        )
        response = self.client.get("/lead/")
        self.assertContains(response, '<a href="/lead/your-rights/">Your rights</a>', html=True)
        self.assertContains(response, "What you can do.")

    def test_news_story_can_be_created_with_tags_and_renders(self):
        self.assertCanCreate(
            self.home, NewsIndexPage, nested_form_data({"title": "News", "intro": rich_text("")})
        )
        news_index = NewsIndexPage.objects.get(locale=self.home.locale)
        self.assertCanCreate(
            news_index,
            NewsPage,
            nested_form_data(
                {
                    "title": "Pilot launches",
                    "date": "2017-02-06",
                    "date_precision": "day",
                    "summary": "The pilot began on the west side of downtown.",
                    "tags": "launch, pilot area",
                    "body": streamfield([("paragraph", rich_text("<p>It began.</p>"))]),
                }
            ),
        )
        story = NewsPage.objects.get(locale=self.home.locale)
        self.assertEqual(sorted(tag.name for tag in story.tags.all()), ["launch", "pilot area"])
        response = self.client.get(story.url)
        self.assertContains(response, '<time datetime="2017-02-06">6 February 2017</time>')
        tagged = self.client.get("/news/?tag=launch")
        self.assertContains(tagged, "Pilot launches")
        self.assertNotContains(self.client.get("/news/?tag=other"), "Pilot launches")

    def test_home_page_can_be_created_at_the_root_and_serves_the_site(self):
        Page.objects.filter(depth=2).delete()
        root = Page.get_first_root_node()
        self.assertCanCreate(
            root,
            HomePage,
            nested_form_data(
                {
                    "title": "LEAD Baltimore",
                    "slug": "home",
                    "hero_heading": "Help, not handcuffs",
                    "hero_text": "Services instead of arrest.",
                    "intro": rich_text(""),
                    "calls_to_action": streamfield(
                        [
                            (
                                "call_to_action",
                                {
                                    "label": "Get help now",
                                    "description": "",
                                    "page": "",
                                    "url": "/get-help/",
                                },
                            )
                        ]
                    ),
                    "body": streamfield([]),
                }
            ),
        )
        home = HomePage.objects.get(locale__language_code="en")
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
        response = self.client.get("/")
        self.assertContains(response, '<h1 class="hero__heading" id="page-title">')
        self.assertContains(response, 'href="/get-help/"')

    def test_page_types_only_go_where_they_belong(self):
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(ExplainerIndexPage, {ExplainerPage})
        self.assertCanNotCreateAt(ExplainerIndexPage, NewsPage)

    def test_one_home_page_per_language(self):
        root = Page.get_first_root_node()
        self.assertTrue(HomePage.can_create_at(root))  # the Spanish one is still missing
        self.home.copy_for_translation(Locale.objects.get(language_code="es"), alias=True)
        self.assertFalse(HomePage.can_create_at(root))
        second = HomePage(title="Second", slug="second", hero_heading="H", hero_text="T")
        with self.assertRaises(ValidationError):
            root.add_child(instance=second)

    def test_site_settings_edited_in_the_admin_appear_on_every_page(self):
        site = Site.objects.get(is_default_site=True)
        url = reverse("wagtailsettings:edit", args=["home", "sitesettings", site.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(
            url,
            nested_form_data(
                {
                    "organisation_name": "LEAD Baltimore",
                    "tagline": "Help instead of arrest",
                    "contact_email": "team@example.org",
                    "contact_phone": "410-555-0100",
                    "contact_address": "",
                    "help_line_name": "988 Suicide & Crisis Lifeline",
                    "help_line_phone": "988",
                    "help_line_hours": "24/7",
                    "emergency_text": "In an emergency, call 911.",
                    "partners": streamfield(
                        [("partner", {"name": "BHSB", "role": "Oversight", "url": ""})]
                    ),
                    "footer_text": rich_text("<p>Run by the LEAD partners.</p>"),
                    "privacy_page": "",
                    "pilot_status": "running",
                    "complaint_routes": streamfield([]),
                }
            ),
        )
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        self.assertEqual(SiteSettings.for_site(site).contact_email, "team@example.org")
        page = self.client.get("/")
        self.assertContains(page, '<a href="tel:988">988</a>')
        self.assertContains(page, "mailto:team@example.org")
        self.assertContains(page, "BHSB")
        self.assertContains(page, "Run by the LEAD partners.")

    def test_news_index_can_be_created_only_once(self):
        self.assertTrue(NewsIndexPage.can_create_at(self.home))
        NewsIndexPageFactory(parent=self.home)
        self.assertFalse(NewsIndexPage.can_create_at(self.home))
