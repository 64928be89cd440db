"""A resident who cannot use a mouse or a touch screen sends a report with the keyboard
alone (WCAG 2.1.1 Keyboard, 2.4.3 Focus Order, 2.4.7 Focus Visible, 2.4.11 Focus Not
Obscured, 3.3.1 Error Identification).

Every key is a real key press (page.keyboard); nothing is clicked or filled. At every
stop the focused element must show a focus indicator at least 2px thick whose colour
contrasts 3:1 with what is behind it, and must be on screen.
"""

import re

import pytest
from playwright.sync_api import expect

from feedback.models import Report

# What the focused element looks like: each part of its focus indicator (outline, the
# visible part of a box-shadow ring or underline, a changed background) with its thickness
# and its contrast against the background around the element.
FOCUS_STATE = """() => {
    const element = document.activeElement;
    const parse = (text) => {
        const match = /rgba?\\(([^)]+)\\)/.exec(text || "");
        if (!match) return null;
        const [r, g, b, a = 1] = match[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
        return {r, g, b, a};
    };
    const luminance = ({r, g, b}) => {
        const linear = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const contrast = (one, two) => {
        const [light, dark] = [luminance(one), luminance(two)].sort((x, y) => y - x);
        return Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100;
    };
    const backgroundOf = (node) => {
        for (; node; node = node.parentElement) {
            const colour = parse(getComputedStyle(node).backgroundColor);
            if (colour && colour.a > 0) return colour;
        }
        return {r: 255, g: 255, b: 255, a: 1};
    };
    const style = getComputedStyle(element);
    const behind = backgroundOf(element.parentElement);
    const parts = [];
    const outline = style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth);
    const outlineReach = outline ? outline + Math.max(0, parseFloat(style.outlineOffset)) : 0;
    if (outline) {
        const colour = parse(style.outlineColor);
        parts.push({part: "outline", width: outline, contrast: contrast(colour, behind)});
    }
    if (style.boxShadow !== "none") {
        for (const shadow of style.boxShadow.split(/,(?![^(]*\\))/)) {
            if (/inset/.test(shadow)) continue;
            const [x = 0, y = 0, blur = 0, spread = 0] = shadow
                .replace(/rgba?\\([^)]*\\)/, "").trim().split(/\\s+/).map(parseFloat);
            // An outline is drawn over a ring of shadow: only what reaches past it shows.
            const width = spread + Math.max(Math.abs(x), Math.abs(y)) - outlineReach;
            parts.push({part: "box-shadow", width, contrast: contrast(parse(shadow), behind)});
        }
    }
    const rect = element.getBoundingClientRect();
    const own = parse(style.backgroundColor);
    if (own && own.a > 0) {
        parts.push({part: "background", width: Math.min(rect.width, rect.height),
                    contrast: contrast(own, behind)});
    }
    const visible = parts.some((part) => part.width >= 2 && part.contrast >= 3);
    const onScreen = rect.bottom > 0 && rect.top < innerHeight &&
        rect.right > 0 && rect.left < innerWidth;
    return {
        element: element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") +
            (element.type ? `[type=${element.type}]` : ""),
        id: element.id,
        type: element.type || "",
        value: element.value || "",
        href: element.getAttribute("href") || "",
        text: (element.innerText || element.value || "").trim().slice(0, 60),
        inForm: Boolean(element.closest("#report-form")),
        parts, visible, onScreen,
    };
}"""

ACCOUNT = "An officer stopped me near the market and explained the LEAD program calmly."


def focus(page, where):
    """The focused element, which must show its focus and be on screen."""
    state = page.evaluate(FOCUS_STATE)
    assert state["visible"], f"{where}: focus on {state['element']} is not visible: {state}"
    assert state["onScreen"], f"{where}: focus on {state['element']} is off screen: {state}"
    return state


def press(page, key):
    page.keyboard.press(key)
    return focus(page, f"after {key}")


def press_until(page, key, wanted, limit=80):
    """Press Tab (or Shift+Tab) until the focused element is the one wanted, checking
    every stop on the way."""
    stops = []
    for _ in range(limit):
        state = press(page, key)
        stops.append(state["element"])
        if wanted(state):
            return state
    pytest.fail(f"{key} never reached the element wanted; it went through {stops}")


def send(page, key):
    """Press the key that submits the form and wait for the page that answers."""
    with page.expect_navigation():
        page.keyboard.press(key)


def test_resident_sends_a_report_with_the_keyboard_alone(browser, demo_site, quick_forms):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    page = context.new_page()
    try:
        page.goto(demo_site + "/feedback/")

        # From the top of the page, through the header and navigation, to the form.
        first = press(page, "Tab")
        assert first["text"] == "Skip to main content"
        press_until(page, "Tab", lambda state: state["id"] == "id_interaction_date")
        page.keyboard.type("10142026")  # month, day and year of the date picker
        expect(page.locator("#id_interaction_date")).to_have_value("2026-10-14")
        # The date picker's calendar button is the next stop, then the neighbourhood.
        press_until(page, "Tab", lambda state: state["id"] == "id_neighbourhood", limit=2)
        press(page, "ArrowDown")
        press(page, "ArrowDown")
        neighbourhood = page.locator("#id_neighbourhood").input_value()
        assert neighbourhood

        # The resident sends it before answering the rest.
        press_until(page, "Tab", lambda state: state["type"] == "submit" and state["inForm"])
        send(page, "Enter")
        summary = page.locator(".error-summary")
        expect(summary).to_be_focused()
        focus(page, "the error summary")
        expect(page.locator("#id_interaction_date")).to_have_value("2026-10-14")
        expect(page.locator("#id_neighbourhood")).to_have_value(neighbourhood)

        # Each link in the summary takes focus to its field, where the keyboard fixes it.
        links = summary.get_by_role("link").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
        assert links == [
            "#id_interaction_type_0",
            "#id_lead_mentioned_0",
            "#id_account",
            "#id_consent_to_publish_0",
        ]
        for index, href in enumerate(links):
            # The first link is one Tab after the summary; the others, back up the page.
            key = "Tab" if index == 0 else "Shift+Tab"
            press_until(page, key, lambda state, href=href: state["href"] == href)
            assert press(page, "Enter")["id"] == href[1:], f"{href} did not move focus"
            if href == "#id_interaction_type_0":
                press(page, "Space")  # the first kind, then the arrow key picks the next
                assert press(page, "ArrowDown")["id"] == "id_interaction_type_1"
            elif href == "#id_account":
                page.keyboard.type(ACCOUNT)
            else:
                press(page, "Space")

        press_until(page, "Tab", lambda state: state["type"] == "submit" and state["inForm"])
        send(page, "Space")
        code = page.locator(".receipt-code").inner_text()
        assert re.fullmatch(r"[A-Z0-9]{3}(-[A-Z0-9]{3}){3}", code)
    finally:
        context.close()

    report = Report.objects.get(account=ACCOUNT)
    assert report.display_code == code
    assert str(report.interaction_date) == "2026-10-14"
    assert str(report.neighbourhood_id) == neighbourhood
    assert report.interaction_type == "lead_referral"
    assert report.lead_mentioned == "yes"
    assert report.consent_to_publish is True
