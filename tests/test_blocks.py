"""Each StreamField block renders accessible markup and refuses incomplete content."""

import pytest
import wagtail_factories
from wagtail.blocks import StructBlockValidationError

from home import blocks


def render(block, raw):
    return block.render(block.to_python(raw))


def test_faq_renders_native_disclosure_widgets():
    html = render(
        blocks.FAQBlock(),
        {
            "title": "Common questions",
            "questions": [
                {"question": "Is it voluntary?", "answer": "<p>Yes.</p>"},
                {"question": "Will I be arrested?", "answer": "<p>Not for taking part.</p>"},
            ],
        },
    )
    assert html.count("<details") == 2
    assert '<summary class="faq__question">Is it voluntary?</summary>' in html
    assert "<p>Not for taking part.</p>" in html


def test_heading_gets_an_anchor_from_its_text():
    html = render(blocks.HeadingBlock(), {"text": "Who is eligible?", "level": "h3"})
    assert html.strip() == '<h3 class="stream-heading" id="who-is-eligible">Who is eligible?</h3>'


def test_key_figure_always_names_its_source():
    html = render(
        blocks.KeyFigureBlock(),
        {
            "figure": "60%",
            "label": "lower odds of arrest",
            "detail": "",
            "source": "Collins et al. (2017)",
            "source_url": "https://doi.org/10.1016/j.evalprogplan.2017.05.008",
        },
    )
    assert "60%" in html
    assert '<a href="https://doi.org/10.1016/j.evalprogplan.2017.05.008">' in html
    with pytest.raises(StructBlockValidationError):
        blocks.KeyFigureBlock().clean(
            blocks.KeyFigureBlock().to_python({"figure": "60%", "label": "x", "source": ""})
        )


def test_table_has_caption_and_header_scopes():
    html = render(
        blocks.TableBlock(),
        {
            "caption": "Seattle results",
            "first_column_is_header": True,
            "source": "UW evaluation",
            "table": {
                "columns": [
                    {"type": "text", "heading": "Measure"},
                    {"type": "text", "heading": "LEAD"},
                ],
                "rows": [{"values": ["Odds of arrest", "60% lower"]}],
                "caption": "",
            },
        },
    )
    assert "<caption" in html and "Seattle results" in html
    assert '<th scope="col">Measure</th>' in html
    assert '<th scope="row">Odds of arrest</th>' in html
    assert "<td>60% lower</td>" in html


@pytest.mark.django_db
def test_image_needs_alt_text_and_caption_and_renders_them():
    image = wagtail_factories.ImageFactory()
    block = blocks.CaptionedImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))
    assert set(error.value.block_errors) == {"alt_text", "caption"}

    html = render(
        block,
        {"image": image.pk, "alt_text": "Officers at a training day", "caption": "Training, 2017"},
    )
    assert 'alt="Officers at a training day"' in html
    assert "<figcaption" in html and "Training, 2017" in html


def test_contact_card_needs_one_way_to_get_help():
    block = blocks.ContactCardBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"title": "Help", "description": "Call us"}))
    assert "at least one way" in str(error.value.block_errors["phone"])
    html = render(block, {"title": "Crisis line", "phone": "988", "text_message": "988"})
    assert '<a href="tel:988">988</a>' in html
    assert '<a href="sms:988">988</a>' in html


def test_call_to_action_takes_a_page_or_a_path_not_both():
    block = blocks.CallToActionBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"label": "Go", "page": None, "url": ""}))
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"label": "Go", "page": None, "url": "javascript:alert(1)"}))
    assert "url" in error.value.block_errors
    value = block.clean(
        block.to_python({"label": "Get help now", "page": None, "url": "/get-help/"})
    )
    assert 'href="/get-help/"' in block.render(value)


def test_quote_and_callout_escape_what_editors_type():
    html = render(blocks.QuoteBlock(), {"quote": "<script>x</script>", "attribution": "A & B"})
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "A &amp; B" in html
    callout = render(
        blocks.CalloutBlock(), {"tone": "warning", "title": "Careful", "body": "<p>Read this.</p>"}
    )
    assert 'class="callout callout--warning"' in callout


def test_words_marked_english_survive_the_rich_text_editor():
    """A translator marks a name left in English with the editor's EN button; saving the
    page from the editor keeps the mark (portal/wagtail_hooks.py)."""
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    converter = ContentstateConverter(features=blocks.BODY_FEATURES)
    stored = (
        '<p>Los socios son la <span lang="en">Office of the Public Defender</span> y la '
        "Fiscalía.</p>"
    )
    editor_state = converter.from_database_format(stored)
    assert "LANG_EN" in editor_state
    saved = converter.to_database_format(editor_state)
    assert '<span lang="en">Office of the Public Defender</span> y la Fiscalía.' in saved
    # Without the feature (a field that does not offer it) the mark is dropped, not kept
    # as markup nobody can edit.
    plain = ContentstateConverter(features=["bold", "italic", "link"])
    assert 'lang="en"' not in plain.to_database_format(plain.from_database_format(stored))
