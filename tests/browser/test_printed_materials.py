"""An outreach worker prints the paper form, the cards and the poster from Chromium, in
English and Spanish, on A4 and US Letter: each prints on the pages it should, on that
paper, with nothing cut; the QR code leads to the form in the page's language; axe-core
finds nothing on any of them. And a resident who needs help now sees the crisis lines
first, and a stop link that works, in both languages, with nothing for axe-core either."""

import io
import re
from collections import Counter

import pypdf
import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

# Sheets each printable has: every sheet is one page.
PAGES = {"form": 2, "card": 1, "poster": 1}
# The paper in PostScript points, and its width less the 10 mm margins in CSS pixels.
PAPER = {"a4": ((595, 842), 718), "letter": ((612, 792), 740)}


def words(text):
    return re.findall(r"\w+", text.casefold())


def printed(page, paper):
    """The page printed to PDF as Chromium prints it: ``(pages, their text)``. The printer
    is set to the other paper, so the page's own stylesheet must choose the right one."""
    other = "Letter" if paper == "a4" else "A4"
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, format=other)))
    return pdf.pages, "\n".join(sheet.extract_text() for sheet in pdf.pages)


def overflowing(page):
    """What sticks out of its box when laid out for print on the paper's width."""
    return page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter((element) => element.scrollWidth > element.clientWidth + 1
                || (element.matches('.print-card')
                    && element.scrollHeight > element.clientHeight + 1))
            .map((element) => element.className || element.tagName)"""
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_printable_prints_on_its_pages_with_nothing_cut(browser, demo_site, language):
    prefix = "" if language == "en" else "/es"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    for kind, sheets in PAGES.items():
        for paper, ((width, height), print_width) in PAPER.items():
            url = f"{demo_site}{prefix}/feedback/print/{kind}/{paper}/"
            assert page.goto(url).status == 200, url
            assert page.locator("html").get_attribute("lang") == language
            assert_no_axe_violations(page)
            on_screen = page.locator("main").inner_text()

            page.emulate_media(media="print")
            page.set_viewport_size({"width": print_width, "height": 900})
            assert overflowing(page) == [], f"{url} overflows its paper"
            pages, text = printed(page, paper)
            assert len(pages) == sheets, f"{url} printed on {len(pages)} pages"
            for sheet in pages:
                assert (round(sheet.mediabox.width), round(sheet.mediabox.height)) == (
                    width,
                    height,
                ), f"{url} is not printed on {paper}"
            # A long address may break across lines in print: look for each word in the
            # printed text without its spaces, as often as the page has it.
            flat = "".join(words(text))
            missing = [
                word
                for word, count in Counter(words(on_screen)).items()
                if flat.count(word) < count
            ]
            assert not missing, f"{url}: the print lacks {missing[:20]}"
            page.emulate_media(media="screen")
            page.set_viewport_size({"width": 1280, "height": 900})
    context.close()


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_qr_code_leads_to_the_form_in_the_pages_language(browser, demo_site, language):
    prefix = "" if language == "en" else "/es"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=2)
    page = context.new_page()
    for kind in ("card", "poster"):
        page.goto(f"{demo_site}{prefix}/feedback/print/{kind}/a4/")
        shot = page.locator(".qr-code").first.screenshot()
        found = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)).convert("L"))
        assert [code.text for code in found] == [f"{demo_site}{prefix}/feedback/"], kind
    context.close()


def answer_yes(page, question):
    page.get_by_role("group", name=question).get_by_label(re.compile("^(Yes|Sí)$")).check()


@pytest.mark.parametrize(
    ("language", "question", "first_words"),
    [
        ("en", "Do you need help now?", "If you need help now"),
        ("es", "¿Necesita ayuda ahora?", "Si necesita ayuda ahora"),
    ],
)
def test_a_resident_who_needs_help_now_sees_the_crisis_lines_first(
    page, demo_site, quick_forms, language, question, first_words
):
    from django.utils import timezone

    from feedback.models import Neighbourhood, Report

    prefix = "" if language == "en" else "/es"
    page.goto(f"{demo_site}{prefix}/feedback/")
    page.locator("#id_interaction_date").fill(timezone.localdate().isoformat())
    page.locator("#id_neighbourhood").select_option(
        str(Neighbourhood.objects.get(name="Market Center").pk)
    )
    page.locator("#id_interaction_type_0").check()
    page.locator("#id_lead_mentioned_0").check()
    page.locator("#id_account").fill("The officer was fine, but I am scared for myself tonight.")
    page.locator("#id_consent_to_publish_1").check()
    answer_yes(page, question)
    page.locator("#report-form [type=submit]").click()

    # The first thing on the page, before the thank-you and the receipt code.
    assert page.locator("main :is(h1, h2)").first.inner_text() == first_words
    expect(page.locator("h1")).to_have_text(first_words)
    expect(page.locator(".help-now")).to_contain_text("911")
    expect(page.locator(".help-now")).to_contain_text("988")
    expect(page.locator(".receipt-code")).to_be_visible()
    assert Report.objects.order_by("-pk").first().possible_crisis
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_stop_link_of_the_update_emails_works_in_both_languages(page, demo_site, language):
    from feedback.models import Report, UpdateRequest

    report = Report.objects.filter(status="new").first()
    update_request = UpdateRequest.objects.store(report, "jo@example.org")
    prefix = "" if language == "en" else "/es"
    page.goto(f"{demo_site}{prefix}/feedback/updates/stop/{update_request.stop_token}/")
    assert page.locator("html").get_attribute("lang") == language
    assert not UpdateRequest.objects.filter(pk=update_request.pk).exists()
    assert_no_axe_violations(page)
