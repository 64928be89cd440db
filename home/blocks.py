"""StreamField blocks shared by every page that people read.

Each block renders with its own small template in ``templates/home/blocks/``.
"""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.images.blocks import ImageChooserBlock

from portal.pages import SHORT_FEATURES
from publicdata.blocks import ChartBlock

# Rich text in page bodies: headings come from HeadingBlock so the outline stays valid.
# "lang-en" marks words left in English inside Spanish text (portal/wagtail_hooks.py).
BODY_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "lang-en"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading (h2)")), ("h3", _("Sub-heading (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "home/blocks/heading_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = slugify(value["text"])
        return context


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        choices=[
            ("info", _("Information")),
            ("important", _("Important")),
            ("warning", _("Warning")),
        ],
        default="info",
    )
    title = blocks.CharBlock(max_length=120)
    body = blocks.RichTextBlock(features=SHORT_FEATURES + ["ul"])

    class Meta:
        icon = "warning"
        template = "home/blocks/callout_block.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=BODY_FEATURES)


class FAQBlock(blocks.StructBlock):
    """Questions shown as native disclosure widgets (<details>/<summary>): keyboard and
    screen-reader friendly, and they work without JavaScript."""

    title = blocks.CharBlock(max_length=120, required=False)
    questions = blocks.ListBlock(QuestionBlock(), min_num=1)

    class Meta:
        icon = "help"
        template = "home/blocks/faq_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        label=_("Alternative text"),
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(max_length=250)
    credit = blocks.CharBlock(max_length=120, required=False)

    class Meta:
        icon = "image"
        template = "home/blocks/captioned_image_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(max_length=120)
    role = blocks.CharBlock(max_length=160, required=False)

    class Meta:
        icon = "openquote"
        template = "home/blocks/quote_block.html"


class KeyFigureBlock(blocks.StructBlock):
    """A single number with what it means and where it comes from."""

    figure = blocks.CharBlock(max_length=20, help_text=_('For example "60%" or "$899".'))
    label = blocks.CharBlock(max_length=160)
    detail = blocks.TextBlock(max_length=400, required=False)
    source = blocks.CharBlock(max_length=250, help_text=_("Where the number comes from."))
    source_url = blocks.URLBlock(required=False)

    class Meta:
        icon = "order"
        template = "home/blocks/key_figure_block.html"


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, required=False)
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=4)

    class Meta:
        icon = "order"
        template = "home/blocks/key_figures_block.html"


class ContactCardBlock(blocks.StructBlock):
    """Where to get help: at least one way to get in touch is required."""

    title = blocks.CharBlock(max_length=120)
    description = blocks.TextBlock(max_length=400, required=False)
    phone = blocks.CharBlock(max_length=40, required=False)
    text_message = blocks.CharBlock(max_length=40, required=False, label=_("Text message"))
    email = blocks.EmailBlock(required=False)
    website = blocks.URLBlock(required=False)
    address = blocks.TextBlock(max_length=300, required=False)
    hours = blocks.CharBlock(max_length=120, required=False)

    class Meta:
        icon = "mail"
        template = "home/blocks/contact_card_block.html"

    def clean(self, value):
        value = super().clean(value)
        ways = ("phone", "text_message", "email", "website", "address")
        if not any(value.get(name) for name in ways):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "phone": ValidationError(
                        _(
                            "Give at least one way to get help: phone, text, email, website "
                            "or address."
                        )
                    )
                }
            )
        return value


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(max_length=200, help_text=_("Says what the table shows."))
    first_column_is_header = blocks.BooleanBlock(required=False, default=True)
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock()),
            ("number", blocks.DecimalBlock()),
            ("rich_text", blocks.RichTextBlock(features=SHORT_FEATURES)),
        ]
    )
    source = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "table"
        template = "home/blocks/table_block.html"


class PilotStatusBlock(blocks.StaticBlock):
    """Whether the pilot is running, was extended or has ended, as Settings → Site settings
    say: a page that describes the pilot stays true when its status changes."""

    class Meta:
        icon = "time"
        label = _("Pilot status")
        admin_text = _(
            "Says whether the pilot is running, was extended or has ended, as set in "
            "Settings → Site settings."
        )
        template = "home/blocks/pilot_status_block.html"


class ComplaintRoutesBlock(blocks.StaticBlock):
    """The official ways to complain about an officer, from the site settings, and that a
    report on this site is not one of them."""

    class Meta:
        icon = "warning"
        label = _("Official complaint routes")
        admin_text = _(
            "Lists the official ways to complain about an officer, as set in Settings → Site "
            "settings, and says that this site does not replace them."
        )
        template = "home/blocks/complaint_routes_block.html"


class WhoModeratesBlock(blocks.StaticBlock):
    """Who reads and moderates residents' reports, from the site settings."""

    class Meta:
        icon = "user"
        label = _("Who moderates reports")
        admin_text = _(
            "Says who reads and moderates residents' reports, and whether police officers do, "
            "as set in Settings → Site settings."
        )
        template = "home/blocks/who_moderates_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=BODY_FEATURES, template="home/blocks/paragraph_block.html"
    )
    callout = CalloutBlock()
    faq = FAQBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    contact_card = ContactCardBlock()
    table = TableBlock()
    chart = ChartBlock()
    pilot_status = PilotStatusBlock()
    complaint_routes = ComplaintRoutesBlock()
    who_moderates = WhoModeratesBlock()


class CallToActionBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=80)
    description = blocks.CharBlock(max_length=200, required=False)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.CharBlock(
        max_length=200,
        required=False,
        help_text=_("A path on this site, such as /feedback/, when there is no page to choose."),
    )

    class Meta:
        icon = "link"
        template = "home/blocks/call_to_action_block.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or give a path, not both."))}
            )
        url = value.get("url")
        if url and not url.startswith(("/", "https://")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Start the path with / or https://."))}
            )
        return value


class PartnerBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120)
    name_es = blocks.CharBlock(
        max_length=120,
        required=False,
        label=_("Name in Spanish"),
        help_text=_("Shown under /es/. Left empty, the name is shown as it is, marked as English."),
    )
    role = blocks.CharBlock(max_length=200, required=False)
    role_es = blocks.CharBlock(
        max_length=200, required=False, label=_("Role in Spanish"), help_text=_("Shown under /es/.")
    )
    url = blocks.URLBlock(required=False)


class ComplaintRouteBlock(blocks.StructBlock):
    """One official way to complain about an officer, and how to reach it."""

    name = blocks.CharBlock(max_length=160)
    name_es = blocks.CharBlock(
        max_length=160,
        required=False,
        label=_("Name in Spanish"),
        help_text=_("Shown under /es/. Left empty, the name is shown as it is, marked as English."),
    )
    description = blocks.TextBlock(
        max_length=500, help_text=_("What it handles and how to file, in plain words.")
    )
    description_es = blocks.TextBlock(
        max_length=500,
        required=False,
        label=_("Description in Spanish"),
        help_text=_("Shown under /es/. Left empty, the English text is shown."),
    )
    phone = blocks.CharBlock(max_length=40, required=False)
    website = blocks.URLBlock(required=False)

    class Meta:
        icon = "warning"
