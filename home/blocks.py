"""The stream blocks shared by every page of the site."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock as WagtailImageBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def external_video(url: str) -> dict[str, str] | None:
    """The provider and privacy-enhanced player address of a YouTube or Vimeo
    video (youtube-nocookie.com; Vimeo without tracking), or None."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    segments = [segment for segment in parts.path.split("/") if segment]
    video_id = ""
    if host in YOUTUBE_HOSTS:
        if host == "youtu.be" and segments:
            video_id = segments[0]
        elif segments[:1] == ["watch"]:
            video_id = parse_qs(parts.query).get("v", [""])[0]
        elif len(segments) == 2 and segments[0] in ("embed", "shorts", "live"):
            video_id = segments[1]
        if VIDEO_ID.match(video_id):
            return {
                "provider": "YouTube",
                "embed_url": f"https://www.youtube-nocookie.com/embed/{video_id}"
                "?autoplay=1",
            }
    elif host in VIMEO_HOSTS:
        numbers = [segment for segment in segments if segment.isdigit()]
        if numbers:
            return {
                "provider": "Vimeo",
                "embed_url": f"https://player.vimeo.com/video/{numbers[-1]}"
                "?dnt=1&autoplay=1",
            }
    return None


def sample_image_id() -> int | None:
    """The newest image of the library, shown in the block chooser's previews
    (none on an empty library: the previews then show their text alone)."""
    from wagtail.images import get_image_model

    return (
        get_image_model()
        .objects.order_by("-created_at")
        .values_list("pk", flat=True)
        .first()
    )


def sample_page_id() -> int | None:
    """A live page for the previews' buttons to lead to."""
    from wagtail.models import Page

    return Page.objects.live().filter(depth=2).values_list("pk", flat=True).first()


def preview_picture(alt: str = "") -> dict[str, Any]:
    return {"image": sample_image_id(), "decorative": not alt, "alt_text": alt}


class PreviewedStructBlock(blocks.StructBlock):
    """A section block whose chooser preview is built from stored data (a
    callable ``preview_value`` of raw values: image and page ids), rendered in
    the site's own styles."""

    def preview_data(self) -> dict[str, Any]:
        """Raw values (ids for images and pages) of the chooser's preview."""
        return dict(getattr(self.meta, "preview_value", {}))

    def get_preview_value(self):
        return self.to_python(self.preview_data())

    class Meta:
        preview_template = "blocks/preview.html"


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
        preview_template = "blocks/preview.html"
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
        preview_template = "blocks/preview.html"
        preview_value = "<p>We read every application and answer each candidate.</p>"
        description = _("Text with bold, italic, links and lists.")


class ImageBlock(PreviewedStructBlock):
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

    def preview_data(self) -> dict[str, Any]:
        return {
            "image": sample_image_id(),
            "alt_text": "The Lyon office",
            "caption": "Our Lyon office",
        }


def picture_block(label: str, required: bool = True) -> WagtailImageBlock:
    """Wagtail's image block: a text alternative, or marked as decorative."""
    return WagtailImageBlock(
        required=required,
        label=label,
        help_text=_(
            "Describe the image for people who cannot see it, or tick "
            "“Image is decorative” when it adds nothing to the text."
        ),
    )


class LinkTargetBlock(blocks.StructBlock):
    """A button: its words and the page of the site it opens."""

    text = blocks.CharBlock(
        label=_("Button text"),
        max_length=60,
        required=False,
        help_text=_("Leave empty for no button."),
    )
    page = blocks.PageChooserBlock(
        label=_("Page"), required=False, help_text=_("The page the button opens.")
    )

    class Meta:
        icon = "link"
        label = _("Button")


class HeroBlock(PreviewedStructBlock):
    """The wide opening of a page: a photograph, a title and a call to action."""

    image = picture_block(_("Image"), required=False)
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        help_text=_("The page's main message, shown large over the image."),
    )
    text = blocks.TextBlock(
        label=_("Text"),
        required=False,
        max_length=300,
        help_text=_("One or two sentences under the heading."),
    )
    button = LinkTargetBlock(required=False)

    class Meta:
        icon = "image"
        template = "blocks/hero_block.html"
        description = _("A large image with a heading, a text and a button.")

    def preview_data(self) -> dict[str, Any]:
        return {
            "image": preview_picture(),
            "heading": "Build what comes next with us",
            "text": "Logistics software used by 400 companies across Europe.",
            "button": {"text": "See our offers", "page": sample_page_id()},
        }


class TextWithImageBlock(PreviewedStructBlock):
    """A text beside an image, the image on the left or on the right."""

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, required=False, help_text=_("Optional.")
    )
    text = ParagraphBlock(label=_("Text"))
    image = picture_block(_("Image"))
    image_position = blocks.ChoiceBlock(
        label=_("Image position"),
        choices=[("left", _("Left")), ("right", _("Right"))],
        default="right",
        help_text=_("On phones the image always comes after the text."),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/text_with_image_block.html"
        description = _("A text with an image on its left or right.")

    def preview_data(self) -> dict[str, Any]:
        return {
            "heading": "Work that ships",
            "text": "<p>Small teams own their product from idea to production.</p>",
            "image": preview_picture(),
            "image_position": "right",
        }


class QuoteBlock(PreviewedStructBlock):
    """A testimonial: what someone says, with their name, role and photo."""

    quote = blocks.TextBlock(
        label=_("Quote"), max_length=600, help_text=_("Their words, without quotes.")
    )
    name = blocks.CharBlock(label=_("Name"), max_length=80, help_text=_("Who says it."))
    role = blocks.CharBlock(
        label=_("Role"),
        max_length=120,
        required=False,
        help_text=_("Their job and team, e.g. Backend developer, Lyon."),
    )
    photo = picture_block(_("Photo"), required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = _("A testimonial with a name, a role and a photo.")

    def preview_data(self) -> dict[str, Any]:
        return {
            "quote": "I shipped my first feature in my second week.",
            "name": "Camille Martin",
            "role": "Backend developer, Lyon",
            "photo": preview_picture(),
        }


class KeyFigureBlock(blocks.StructBlock):
    """One figure and what it counts."""

    figure = blocks.CharBlock(
        label=_("Figure"), max_length=20, help_text=_("E.g. 400, 12 %, 4.6/5.")
    )
    label = blocks.CharBlock(
        label=_("What it counts"), max_length=80, help_text=_("E.g. customers.")
    )

    class Meta:
        icon = "decimal"


class KeyFiguresBlock(PreviewedStructBlock):
    """A row of figures that tell the company in numbers."""

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, required=False, help_text=_("Optional.")
    )
    figures = blocks.ListBlock(
        KeyFigureBlock(), label=_("Figures"), min_num=1, max_num=6
    )

    class Meta:
        icon = "decimal"
        template = "blocks/key_figures_block.html"
        description = _("Up to six figures with what they count.")
        preview_value = {
            "heading": "Northwind in figures",
            "figures": [
                {"figure": "400", "label": "customers in Europe"},
                {"figure": "180", "label": "people in 6 cities"},
            ],
        }


BENEFIT_ICONS = [
    ("clock", _("Clock")),
    ("home", _("Home")),
    ("book", _("Book")),
    ("heart", _("Heart")),
    ("euro", _("Money")),
    ("people", _("People")),
    ("plane", _("Travel")),
    ("leaf", _("Leaf")),
]


class BenefitBlock(blocks.StructBlock):
    """One benefit: a pictogram or an image, a title and a text."""

    icon = blocks.ChoiceBlock(
        label=_("Pictogram"),
        choices=BENEFIT_ICONS,
        required=False,
        help_text=_("Shown when no image is chosen."),
    )
    image = picture_block(_("Image"), required=False)
    title = blocks.CharBlock(label=_("Title"), max_length=80)
    text = blocks.TextBlock(label=_("Text"), max_length=300, required=False)

    class Meta:
        icon = "success"


class BenefitsBlock(PreviewedStructBlock):
    """A grid of benefits."""

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, required=False, help_text=_("Optional.")
    )
    benefits = blocks.ListBlock(BenefitBlock(), label=_("Benefits"), min_num=1)

    class Meta:
        icon = "success"
        template = "blocks/benefits_block.html"
        description = _("A grid of benefits, each with a pictogram or an image.")
        preview_value = {
            "heading": "What we offer",
            "benefits": [
                {"icon": "home", "title": "Two days a week from home", "text": ""},
                {"icon": "book", "title": "Five training days a year", "text": ""},
            ],
        }


class GalleryImageBlock(blocks.StructBlock):
    image = picture_block(_("Image"))
    caption = blocks.CharBlock(
        label=_("Caption"), max_length=160, required=False, help_text=_("Optional.")
    )

    class Meta:
        icon = "image"


class GalleryBlock(PreviewedStructBlock):
    """A grid of photographs."""

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, required=False, help_text=_("Optional.")
    )
    images = blocks.ListBlock(GalleryImageBlock(), label=_("Images"), min_num=1)

    class Meta:
        icon = "grid"
        template = "blocks/gallery_block.html"
        description = _("A grid of images with optional captions.")

    def preview_data(self) -> dict[str, Any]:
        return {
            "heading": "Our offices",
            "images": [
                {"image": preview_picture("The Lyon office"), "caption": "Lyon"},
                {"image": preview_picture("The Lyon office"), "caption": ""},
            ],
        }


class VideoBlock(PreviewedStructBlock):
    """A video: a file of the documents library played by the browser, or a
    YouTube or Vimeo video that loads nothing from them until the visitor
    chooses to play it."""

    title = blocks.CharBlock(
        label=_("Title"), max_length=120, help_text=_("What the video shows.")
    )
    document = DocumentChooserBlock(
        label=_("Video file"),
        required=False,
        help_text=_("An MP4 or WebM file from the documents library."),
    )
    external_url = blocks.URLBlock(
        label=_("YouTube or Vimeo address"),
        required=False,
        help_text=_(
            "Instead of a file: the video's address on YouTube or Vimeo. Nothing "
            "is loaded from them until the visitor chooses to play it."
        ),
    )
    poster = picture_block(_("Cover image"), required=False)
    transcript = blocks.TextBlock(
        label=_("Transcript"),
        required=False,
        help_text=_("What is said and shown, for those who cannot watch or hear."),
    )

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        description = _("A video file, or a YouTube or Vimeo video played on demand.")

    def preview_data(self) -> dict[str, Any]:
        return {
            "title": "A day at the Lyon office",
            "external_url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "poster": preview_picture(),
            "transcript": "",
        }

    def clean(self, value):
        value = super().clean(value)
        has_file = value.get("document") is not None
        has_url = bool(value.get("external_url"))
        if has_file == has_url:
            message = _("Choose a video file or give a YouTube or Vimeo address.")
            raise StructBlockValidationError(
                block_errors={"external_url": ValidationError(message)}
            )
        if has_url and external_video(value["external_url"]) is None:
            raise StructBlockValidationError(
                block_errors={
                    "external_url": ValidationError(
                        _("Give the address of a YouTube or Vimeo video.")
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["external"] = external_video(value.get("external_url") or "")
        return context


class LatestOffersBlock(PreviewedStructBlock):
    """The newest open offers, of a job family and/or a place."""

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, help_text=_("E.g. Our open positions.")
    )
    job_family = SnippetChooserBlock(
        "offers.JobFamily",
        label=_("Job family"),
        required=False,
        help_text=_("Only the offers of this family; leave empty for all."),
    )
    location = SnippetChooserBlock(
        "offers.Location",
        label=_("Location"),
        required=False,
        help_text=_("Only the offers in this place; leave empty for all."),
    )
    count = blocks.IntegerBlock(
        label=_("Number of offers"),
        min_value=1,
        max_value=12,
        default=3,
        help_text=_("How many offers at most, newest first."),
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/latest_offers_block.html"
        description = _("The newest open offers, filtered by family or place.")
        preview_value = {"heading": "Our open positions", "count": 3}


class CallToActionBlock(PreviewedStructBlock):
    """A prominent link to another page of the site, with an optional pitch."""

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, required=False, help_text=_("Optional.")
    )
    body = blocks.TextBlock(
        label=_("Text"), max_length=300, required=False, help_text=_("Optional.")
    )
    text = blocks.CharBlock(label=_("Button text"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"))

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"
        description = _("A button leading to another page of the site.")

    def preview_data(self) -> dict[str, Any]:
        return {
            "heading": "No offer for you yet?",
            "body": "Send us a speculative application.",
            "text": "Contact us",
            "page": sample_page_id(),
        }


class PersonBlock(blocks.StructBlock):
    """Someone of the company: portrait, name and role."""

    photo = picture_block(_("Portrait"), required=False)
    name = blocks.CharBlock(label=_("Name"), max_length=80)
    role = blocks.CharBlock(
        label=_("Role"), max_length=120, required=False, help_text=_("Optional.")
    )

    class Meta:
        icon = "user"


class PeopleBlock(PreviewedStructBlock):
    """A row of portraits with names and roles."""

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, required=False, help_text=_("Optional.")
    )
    people = blocks.ListBlock(PersonBlock(), label=_("People"), min_num=1)

    class Meta:
        icon = "group"
        template = "blocks/people_block.html"
        description = _("Portraits of people with their names and roles.")

    def preview_data(self) -> dict[str, Any]:
        return {
            "heading": "Meet the team",
            "people": [
                {"photo": preview_picture(), "name": "Inès Moreau", "role": "CTO"},
                {"photo": preview_picture(), "name": "Tom Leroy", "role": "Designer"},
            ],
        }


class QuestionAnswerBlock(blocks.StructBlock):
    """One question of the FAQ and its answer."""

    question = blocks.CharBlock(label=_("Question"), max_length=255)
    answer = ParagraphBlock(label=_("Answer"))

    class Meta:
        icon = "help"
        template = "blocks/question_answer_block.html"
        preview_template = "blocks/preview.html"
        preview_value = {
            "question": "Can I apply to several offers?",
            "answer": "<p>Yes. Your documents are kept for every application.</p>",
        }
        description = _("A question and its answer, shown folded.")


class FaqSectionBlock(PreviewedStructBlock):
    """A titled group of questions."""

    title = blocks.CharBlock(label=_("Section title"), max_length=120)
    questions = blocks.ListBlock(QuestionAnswerBlock(), label=_("Questions"))

    class Meta:
        icon = "list-ul"
        template = "blocks/faq_section_block.html"
        description = _("A group of questions under a heading.")
        preview_value = {
            "title": "Applying",
            "questions": [
                {
                    "question": "Can I apply to several offers?",
                    "answer": "<p>Yes. Your documents are kept for every "
                    "application.</p>",
                }
            ],
        }


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


class BodyStreamBlock(blocks.StreamBlock):
    """The shared body of content pages and offers."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    call_to_action = CallToActionBlock()
    hero = HeroBlock()
    text_with_image = TextWithImageBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    benefits = BenefitsBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    latest_offers = LatestOffersBlock()
    people = PeopleBlock()
    faq_section = FaqSectionBlock()

    class Meta:
        template = "blocks/body_stream_block.html"
