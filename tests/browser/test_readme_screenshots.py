"""The screenshots in README.md, taken from the demo site by this test rather than by hand,
so they show the site as it is: the home page on a desktop and on a phone, and the
moderation queue as the demo moderator sees it.

Each is one screenful (not the full page), to keep the images small.
"""

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from feedback.demo import DEMO_MODERATOR, DEMO_MODERATOR_PASSWORD, demo_moderator
from tests.browser.conftest import SCREENSHOTS

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"


@pytest.fixture
def images(pytestconfig):
    """docs/images; with the clock moved (.ci/test-moved-clock) the pictures would show
    dates of a year ahead, so they go with the other screenshots instead."""
    if pytestconfig.getoption("clock_ahead_days"):
        return SCREENSHOTS / "readme"
    return IMAGES


def save(page, name, images):
    """Save one screenful as <images>/<name>.png, in 256 colours (a screenshot of flat
    colours and text loses nothing visible and shrinks to a third), and check that it is
    a real picture of the page."""
    images.mkdir(parents=True, exist_ok=True)
    path = images / f"{name}.png"
    shot = Image.open(io.BytesIO(page.screenshot(animations="disabled", caret="hide")))
    shot.convert("RGB").quantize(256, dither=Image.Dither.NONE).save(path, optimize=True)

    with Image.open(path) as saved:
        viewport = page.viewport_size
        assert saved.format == "PNG"
        assert saved.size == (viewport["width"], viewport["height"]), f"{path} is not a screenful"
        colours = sorted(saved.getcolors(maxcolors=256), reverse=True)
    # A blank page, or a page that failed to load, is one colour or nearly.
    assert len(colours) > 32, f"{path} has only {len(colours)} colours: it looks blank"
    assert colours[0][0] < 0.9 * saved.size[0] * saved.size[1], f"{path} is mostly one colour"
    assert 10_000 < path.stat().st_size < 200_000, f"{path} is {path.stat().st_size} bytes"
    return path


def test_home_page_screenshots_on_a_desktop_and_a_phone(browser, demo_site, images):
    for name, viewport in [
        ("home-desktop", {"width": 1280, "height": 900}),
        ("home-phone", {"width": 390, "height": 844}),
    ]:
        context = browser.new_context(viewport=viewport)
        try:
            page = context.new_page()
            page.goto(demo_site + "/")
            expect(page.locator(".hero__heading")).to_be_visible()
            expect(page.get_by_role("navigation", name="Main")).to_be_visible()
            save(page, name, images)
        finally:
            context.close()


def test_moderation_queue_screenshot(browser, demo_site, images):
    demo_moderator()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(demo_site + "/admin/login/")
        page.get_by_label("Username").fill(DEMO_MODERATOR)
        page.get_by_label("Password").fill(DEMO_MODERATOR_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        # As a moderator finds it: Feedback, then Moderation queue, in the admin's menu.
        page.get_by_role("button", name="Feedback").click()
        page.get_by_role("link", name="Moderation queue", exact=True).click()
        expect(page).to_have_url(demo_site + "/admin/moderation/")
        expect(page.get_by_role("heading", level=1, name="Moderation queue")).to_be_visible()
        expect(page.locator("main table tbody tr").first).to_be_visible()
        save(page, "moderation-queue", images)
    finally:
        context.close()
