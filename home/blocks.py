"""The stream blocks shared by every page of the site."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 keeps the page outline correct."""

    text = blocks.CharBlock(label=_("Text"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section")), ("h3", _("Sub-section"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"text": "Our recruitment process", "level": "h2"}
        description = _("A heading that starts a section of the page.")


class ParagraphBlock(blocks.RichTextBlock):
    """Running text with links and lists."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "features", ["bold", "italic", "link", "ol", "ul", "document-link"]
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        preview_value = "<p>We read every application and answer each candidate.</p>"
        description = _("Text with bold, italic, links and lists.")


class ImageBlock(blocks.StructBlock):
    """An illustration with its text alternative."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Text alternative"),
        required=False,
        help_text=_(
            "Describe the image for people who cannot see it; "
            "leave empty if it is purely decorative."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        description = _("An image with a text alternative and an optional caption.")


class CallToActionBlock(blocks.StructBlock):
    """A prominent link to another page of the site."""

    text = blocks.CharBlock(label=_("Button text"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"))

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"
        description = _("A button leading to another page of the site.")


class BodyStreamBlock(blocks.StreamBlock):
    """The shared body of content pages and offers."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        template = "blocks/body_stream_block.html"


class QuestionAnswerBlock(blocks.StructBlock):
    """One question of the FAQ and its answer."""

    question = blocks.CharBlock(label=_("Question"), max_length=255)
    answer = ParagraphBlock(label=_("Answer"))

    class Meta:
        icon = "help"
        template = "blocks/question_answer_block.html"
        preview_value = {
            "question": "Can I apply to several offers?",
            "answer": "<p>Yes. Your documents are kept for every application.</p>",
        }
        description = _("A question and its answer, shown folded.")


class FaqSectionBlock(blocks.StructBlock):
    """A titled group of questions."""

    title = blocks.CharBlock(label=_("Section title"), max_length=120)
    questions = blocks.ListBlock(QuestionAnswerBlock(), label=_("Questions"))

    class Meta:
        icon = "list-ul"
        template = "blocks/faq_section_block.html"
        description = _("A group of questions under a heading.")


class BrowserBlock(blocks.StructBlock):
    """One browser the site supports."""

    name = blocks.CharBlock(label=_("Browser"), max_length=60)
    versions = blocks.CharBlock(
        label=_("Versions"), max_length=120, help_text=_("For example: the last two.")
    )

    class Meta:
        icon = "desktop"
        preview_value = {"name": "Firefox", "versions": "The last two versions"}


class CookieBlock(blocks.StructBlock):
    """One cookie the site sets."""

    name = blocks.CharBlock(label=_("Name"), max_length=80)
    purpose = blocks.CharBlock(label=_("Purpose"), max_length=255)
    duration = blocks.CharBlock(label=_("Duration"), max_length=80)

    class Meta:
        icon = "lock"
        preview_value = {
            "name": "sessionid",
            "purpose": "Keeps you signed in",
            "duration": "Two weeks",
        }


class LinkBlock(blocks.StructBlock):
    """A footer link to a page of the site, with an optional label."""

    page = blocks.PageChooserBlock(label=_("Page"))
    label = blocks.CharBlock(
        label=_("Label"),
        required=False,
        max_length=60,
        help_text=_("Leave empty to use the page title."),
    )

    class Meta:
        icon = "link"
