"""Every public page type, in every language (and the more English pages that
test_accessibility.py checks), read zoomed in: nothing scrolls sideways, no text is cut
off, and the header's search, navigation and language switcher can still be used.

- WCAG 1.4.10 Reflow: 320 CSS pixels wide (a 1280px window zoomed to 400%).
- WCAG 1.4.4 Resize Text, twice: a 1280x900 window zoomed to 200% (the page sees 640x450
  CSS pixels at two device pixels each), and the browser's text size doubled (Chromium's
  default font size 16px -> 32px), which scales everything set in rem and em.
- WCAG 2.5.8 Target Size (Minimum): the header's links and buttons stay 24x24px or larger.
"""

import pytest

from tests.browser.test_accessibility import ENGLISH_ONLY
from tests.browser.test_outcome_charts import scroll_past_every_chart
from tests.public_pages import page_urls

MODES = {
    "320px-wide": {"viewport": {"width": 320, "height": 640}},
    "zoom-200": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
    "text-200": {"viewport": {"width": 1280, "height": 900}, "text_size": 32},
}

# Problems with the layout: sideways scrolling, text that an element with hidden overflow
# cuts off, and text that runs off the screen. Form fields scroll their own text, and
# content inside a box that scrolls sideways (a wide data table) may be wider than the screen.
LAYOUT_PROBLEMS = """() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const problems = [];
    const name = (element) => element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") +
        [...element.classList].map((c) => "." + c).join("");
    const skipped = (element) => element.closest(
        ".visually-hidden, svg, .chart__plot, [hidden], input, select, textarea, option");
    const inScroller = (element) => {
        for (let node = element.parentElement; node; node = node.parentElement) {
            if (["auto", "scroll"].includes(getComputedStyle(node).overflowX)) return true;
        }
        return false;
    };
    if (root.scrollWidth > width) {
        problems.push(`the page scrolls sideways: ${root.scrollWidth}px wide in ${width}px`);
    }
    for (const element of document.body.querySelectorAll("*")) {
        if (skipped(element)) continue;
        const style = getComputedStyle(element);
        if (style.display === "none" || style.visibility === "hidden") continue;
        const text = [...element.childNodes].some(
            (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
        const clipsX = ["hidden", "clip"].includes(style.overflowX);
        const clipsY = ["hidden", "clip"].includes(style.overflowY);
        if ((clipsX || clipsY) && element.innerText.trim()) {
            if (clipsX && element.scrollWidth > element.clientWidth + 1) {
                problems.push(`${name(element)} cuts off its text sideways ` +
                    `(${element.scrollWidth}px of text in ${element.clientWidth}px)`);
            }
            if (clipsY && element.scrollHeight > element.clientHeight + 1) {
                problems.push(`${name(element)} cuts off its text at the bottom ` +
                    `(${element.scrollHeight}px of text in ${element.clientHeight}px)`);
            }
        }
        if (text && !inScroller(element)) {
            const rect = element.getBoundingClientRect();
            if (rect.width && (rect.right > width + 1 || rect.left < -1)) {
                const [left, right] = [rect.left, rect.right].map(Math.round);
                problems.push(
                    `${name(element)} runs off the screen (${left}px to ${right}px of ${width}px)`);
            }
        }
    }
    return problems;
}"""

# The header's controls: each on screen, not covered by anything, and at least 24x24px.
HEADER_PROBLEMS = """() => {
    const problems = [];
    const controls = document.querySelectorAll(
        ".site-search input, .site-search button, .main-nav a, .language-switcher a");
    if (!document.querySelector(".main-nav a")) problems.push("no navigation links");
    for (const control of controls) {
        control.scrollIntoView({block: "center", inline: "center"});
        const rect = control.getBoundingClientRect();
        const text = (control.innerText || control.placeholder || "").trim();
        const label = `${control.tagName.toLowerCase()} "${text}"`;
        const [left, right, width, height] =
            [rect.left, rect.right, rect.width, rect.height].map(Math.round);
        if (width < 24 || height < 24) {
            problems.push(`${label} is ${width}x${height}px, under 24x24px`);
        }
        if (left < 0 || right > document.documentElement.clientWidth) {
            problems.push(`${label} is not all on screen (${left}px to ${right}px)`);
        }
        const hit = document.elementFromPoint(
            rect.left + rect.width / 2, rect.top + rect.height / 2);
        if (!control.contains(hit)) {
            const what = hit ? `${hit.tagName.toLowerCase()}.${hit.className}` : "nothing";
            problems.push(`${label} is covered by ${what}`);
        }
    }
    return problems;
}"""


@pytest.mark.parametrize("mode", MODES)
def test_every_page_reflows_without_sideways_scrolling_or_cut_off_text(browser, demo_site, mode):
    options = dict(MODES[mode])
    text_size = options.pop("text_size", None)
    context = browser.new_context(**options)
    page = context.new_page()
    if text_size:
        # The browser's own text-size setting, as a reader who needs larger text sets it.
        cdp = context.new_cdp_session(page)
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": text_size, "fixed": text_size}})
    problems = []
    try:
        for name, path in page_urls() + ENGLISH_ONLY:
            page.goto(demo_site + path)
            try:
                scroll_past_every_chart(page)  # drawn, as a reader scrolling down sees them
            except AssertionError as error:
                problems.append(f"{name} ({path}): a chart was not drawn: {error}")
            if text_size:
                root_size = page.evaluate("getComputedStyle(document.documentElement).fontSize")
                assert root_size == f"{text_size}px", f"{name}: text is {root_size}"
            found = page.evaluate(LAYOUT_PROBLEMS) + page.evaluate(HEADER_PROBLEMS)
            problems += [f"{name} ({path}): {problem}" for problem in found]
    finally:
        context.close()
    assert not problems, f"{len(problems)} problem(s) at {mode}:\n" + "\n".join(problems)
