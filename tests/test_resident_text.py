"""Cleaning what residents type, and spotting personal information in it."""

import html
from html.parser import HTMLParser

import pytest

from feedback.moderation.personal_info import find_personal_information
from feedback.sanitising import clean_resident_text

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"


def encoded(text, times):
    """``text`` entity-encoded ``times`` times: ``<`` is ``&amp;amp;lt;`` after three."""
    for _ in range(times):
        text = html.escape(text, quote=False)
    return text


class StartTags(HTMLParser):
    """The elements a browser would make of ``text``."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def assert_plain(cleaned):
    """No element in it, and cleaning it again changes nothing."""
    assert StartTags(cleaned).tags == [], cleaned
    assert clean_resident_text(cleaned) == cleaned


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<b>The officer</b> was kind", "The officer was kind"),
        ("<script>alert('x')</script>Hello", "alert('x')Hello"),
        ("<scr<b></b>ipt>alert(1)</scr<b></b>ipt>", "ipt>alert(1)ipt>"),
        ('<img src=x onerror="alert(1)">ok', "ok"),
        ("a\x00b\x07c", "abc"),
        ("I <3 the case manager & 2 > 1", "I <3 the case manager & 2 > 1"),
        ("line one\r\n\r\n\r\n\r\nline two", "line one\n\nline two"),
        ("حدث ذلك أمس", "حدث ذلك أمس"),
        ("evil\u202eesrever", "evilesrever"),
        ("family 👨\u200d👩\u200d👧 👍🏾", "family 👨\u200d👩\u200d👧 👍🏾"),
        ("AT&T said a < b, and R&D <3", "AT&T said a < b, and R&D <3"),
        ("fish &chips; 5 > 3 & 2 < 4", "fish &chips; 5 > 3 & 2 < 4"),
        ("&amp;lt;3 &lt;b&gt;typed&lt;/b&gt;", "<3 typed"),
    ],
)
def test_resident_text_is_plain_with_no_markup(raw, clean):
    assert clean_resident_text(raw) == clean


def test_no_tag_survives_cleaning():
    nasty = "<<script>script>alert(1)<</script>/script><svg/onload=alert(1)>" * 20
    assert "<script" not in clean_resident_text(nasty).lower()
    assert "<svg" not in clean_resident_text(nasty).lower()


@pytest.mark.parametrize("times", [1, 2, 9, 10, 11, 50, 500])
@pytest.mark.parametrize("markup", [IMG, SCRIPT])
def test_markup_encoded_any_number_of_times_never_survives(markup, times):
    cleaned = clean_resident_text(f"Hello {encoded(markup, times)} there")
    assert_plain(cleaned)
    assert "<img" not in cleaned and "<script" not in cleaned


@pytest.mark.parametrize("layers", [3, 9, 10, 12, 50])
def test_markup_that_forms_again_after_every_pass_never_survives(layers):
    # Each pass strips the innermost <b></b>, which joins a "<" and a "b>" into a new tag.
    nasty = "<" * layers + "<b></b>" + "b>" * layers + IMG + " and 3 < 4 & so on"
    cleaned = clean_resident_text(nasty)
    assert_plain(cleaned)
    assert "<img" not in cleaned


def test_honest_text_comes_out_as_typed_and_stays_so():
    text = "I <3 my case manager & she said 2 > 1, so a < b. 👍🏾 حدث ذلك أمس"
    assert clean_resident_text(text) == text
    assert_plain(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("write to me at jo.smith+lead@example.org please", "email"),
        ("call 410-555-0199 any time", "phone"),
        ("call (443) 555 0142", "phone"),
        ("it happened outside 512 W Saratoga Street", "address"),
        ("his badge #4471 was visible", "badge"),
        ("I got report number 17-0231", "badge"),
        ("Officer Martinez stopped me", "officer_name"),
        ("Sgt. Okafor was there", "officer_name"),
    ],
)
def test_personal_information_is_found(text, kind):
    assert kind in {finding.kind for finding in find_personal_information(text)}


def test_findings_give_the_exact_place_in_the_text():
    text = "Officer Martinez took my number 410-555-0199."
    findings = find_personal_information(text)
    assert [text[f.start : f.end] for f in findings] == ["Officer Martinez", "410-555-0199"]


def test_ordinary_accounts_raise_no_warning():
    text = (
        "Two officers stopped me near the market in March. They were calm, explained LEAD "
        "and gave me a card for the case manager. I waited 20 minutes."
    )
    assert find_personal_information(text) == []
