"""Every page block renders, full and with its optional fields empty; images
come as responsive renditions; the video block loads nothing from another site
before the visitor asks for it."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from wagtail_factories import DocumentFactory, ImageFactory

from home.blocks import (
    BenefitsBlock,
    BodyStreamBlock,
    CallToActionBlock,
    GalleryBlock,
    HeroBlock,
    KeyFiguresBlock,
    LatestOffersBlock,
    PeopleBlock,
    QuoteBlock,
    TextWithImageBlock,
    VideoBlock,
    external_video,
)
from offers.factories import (
    JobFamilyFactory,
    LocationFactory,
    OfferIndexPageFactory,
    OfferPageFactory,
)

pytestmark = pytest.mark.django_db

# An optional image left empty, as the editor stores it.
NO_IMAGE = {"image": None, "decorative": None, "alt_text": None}
LOCAL_URL = re.compile(r'(?:src|href|srcset|poster)="(?!/)[^"]*"')


@pytest.fixture
def image():
    return ImageFactory(width=800, height=450)


def picture(image, alt: str = "") -> dict:
    return {"image": image.pk, "decorative": not alt, "alt_text": alt}


def render(block, raw: dict) -> str:
    value = block.to_python(raw)
    block.clean(value)  # what an editor could save
    return block.render(value)


def test_hero_renders_its_image_eagerly_and_its_button(image, home_page):
    html = render(
        HeroBlock(),
        {
            "image": picture(image, "Our Lyon office"),
            "heading": "Build with us",
            "text": "Logistics software.",
            "button": {"text": "See the offers", "page": home_page.pk},
        },
    )
    assert "<h2" in html and "Build with us" in html
    assert 'alt="Our Lyon office"' in html
    assert "srcset=" in html and 'sizes="100vw"' in html
    assert ".webp" in html
    assert 'loading="lazy"' not in html  # the hero is above the fold
    assert re.search(r'\bwidth="\d+"', html) and re.search(r'\bheight="\d+"', html)
    assert f'href="{home_page.url}"' in html


def test_hero_without_image_text_or_button():
    html = render(
        HeroBlock(),
        {"image": None, "heading": "Build with us", "text": "", "button": {}},
    )
    assert "Build with us" in html
    assert "<img" not in html and "<a " not in html and "<p" not in html


@pytest.mark.parametrize("position", ["left", "right"])
def test_text_with_image_on_either_side(image, position):
    html = render(
        TextWithImageBlock(),
        {
            "heading": "",
            "text": "<p>Small teams own their product.</p>",
            "image": picture(image),
            "image_position": position,
        },
    )
    assert f"block-split--image-{position}" in html
    assert 'alt=""' in html  # marked decorative
    assert 'loading="lazy"' in html
    assert "<h2" not in html


def test_an_image_needs_a_text_alternative_or_to_be_decorative(image):
    block = TextWithImageBlock()
    value = block.to_python(
        {
            "text": "<p>Text</p>",
            "image": {"image": image.pk, "decorative": False, "alt_text": ""},
            "image_position": "left",
        }
    )
    with pytest.raises(ValidationError):
        block.clean(value)


def test_quote_with_and_without_photo(image):
    full = render(
        QuoteBlock(),
        {
            "quote": "I shipped in my second week.",
            "name": "Camille",
            "role": "Developer",
            "photo": picture(image, "Camille"),
        },
    )
    assert "<blockquote" in full and 'alt="Camille"' in full and "Developer" in full
    bare = render(
        QuoteBlock(), {"quote": "Words.", "name": "Camille", "role": "", "photo": None}
    )
    assert "<img" not in bare and "block-quote__role" not in bare


def test_key_figures():
    html = render(
        KeyFiguresBlock(),
        {"heading": "", "figures": [{"figure": "400", "label": "customers"}]},
    )
    assert "<dd" in html and "400" in html and "customers" in html
    assert "<h2" not in html


def test_benefits_with_icon_image_or_nothing(image):
    html = render(
        BenefitsBlock(),
        {
            "heading": "What we offer",
            "benefits": [
                {
                    "icon": "home",
                    "image": NO_IMAGE,
                    "title": "Remote",
                    "text": "Two days",
                },
                {"icon": "", "image": picture(image), "title": "Food", "text": ""},
                {"icon": "", "image": NO_IMAGE, "title": "Bare", "text": ""},
            ],
        },
    )
    assert html.count("<li") == 3
    assert html.count('aria-hidden="true"') == 1  # the pictogram
    assert html.count("<img") == 1


def test_gallery_with_captions(image):
    html = render(
        GalleryBlock(),
        {
            "heading": "Offices",
            "images": [
                {"image": picture(image, "The terrace"), "caption": "Lyon"},
                {"image": picture(image, "The hall"), "caption": ""},
            ],
        },
    )
    assert html.count("<figure") == 2 and html.count("<figcaption") == 1
    assert html.count('loading="lazy"') == 2


def test_people_with_and_without_portraits(image):
    html = render(
        PeopleBlock(),
        {
            "heading": "",
            "people": [
                {"photo": picture(image), "name": "Inès Moreau", "role": "CTO"},
                {"photo": NO_IMAGE, "name": "tom Leroy", "role": ""},
            ],
        },
    )
    assert "Inès Moreau" in html and "CTO" in html
    assert html.count("<img") == 1
    assert "block-people__initials" in html and ">T<" in html


def test_call_to_action_alone_or_with_a_pitch(home_page):
    bare = render(
        CallToActionBlock(),
        {"heading": "", "body": "", "text": "Contact us", "page": home_page.pk},
    )
    assert bare.strip().startswith('<p class="call-to-action">')
    full = render(
        CallToActionBlock(),
        {"heading": "Questions?", "body": "Ask.", "text": "Go", "page": home_page.pk},
    )
    assert "<h2>Questions?</h2>" in full and "Ask." in full


def test_latest_offers_by_family_and_place(home_page):
    index = OfferIndexPageFactory(parent=home_page)
    family, other_family = JobFamilyFactory(name="Data"), JobFamilyFactory()
    lyon, paris = LocationFactory(city="Lyon"), LocationFactory(city="Paris")
    OfferPageFactory(
        parent=index, title="Analyst in Lyon", job_family=family, locations=[lyon]
    )
    OfferPageFactory(
        parent=index, title="Analyst in Paris", job_family=family, locations=[paris]
    )
    OfferPageFactory(
        parent=index, title="Baker in Lyon", job_family=other_family, locations=[lyon]
    )
    OfferPageFactory(
        parent=index,
        title="Filled in Lyon",
        job_family=family,
        locations=[lyon],
        filled=True,
    )
    block = LatestOffersBlock()
    both = render(
        block,
        {
            "heading": "Data in Lyon",
            "job_family": family.pk,
            "location": lyon.pk,
            "count": 3,
        },
    )
    assert "Analyst in Lyon" in both
    assert "Paris" not in both and "Baker" not in both and "Filled" not in both
    family_only = render(
        block,
        {"heading": "Data", "job_family": family.pk, "location": None, "count": 3},
    )
    assert "Analyst in Lyon" in family_only and "Analyst in Paris" in family_only
    everything = render(
        block, {"heading": "All", "job_family": None, "location": None, "count": 2}
    )
    assert everything.count('class="offer-card"') == 2


def test_latest_offers_without_any():
    html = render(LatestOffersBlock(), {"heading": "Jobs", "count": 3})
    assert "There is no open offer at the moment." in html


@pytest.mark.parametrize(
    ("url", "provider", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "YouTube",
            "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1",
        ),
        (
            "https://youtu.be/aqz-KE-bpKQ?t=3",
            "YouTube",
            "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1",
        ),
        (
            "https://vimeo.com/76979871",
            "Vimeo",
            "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1",
        ),
    ],
)
def test_external_videos_play_from_the_privacy_enhanced_player(url, provider, embed):
    assert external_video(url) == {"provider": provider, "embed_url": embed}


@pytest.mark.parametrize(
    "url", ["https://example.com/video.mp4", "https://www.youtube.com/", "nonsense"]
)
def test_other_addresses_are_not_videos(url):
    assert external_video(url) is None


def test_an_external_video_loads_nothing_before_the_click(image):
    html = render(
        VideoBlock(),
        {
            "title": "A day at the office",
            "document": None,
            "external_url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "poster": picture(image),
            "transcript": "Inès shows the office.",
        },
    )
    assert "<iframe" not in html
    # Every address the browser would load at once is the site's own.
    assert not LOCAL_URL.findall(html), LOCAL_URL.findall(html)
    assert "Nothing is loaded from YouTube until you choose to play it" in html
    assert "data-video-play" in html
    assert 'data-video-embed="https://www.youtube-nocookie.com/embed/' in html
    assert "Read the transcript" in html


def test_a_video_file_plays_in_the_page():
    document = DocumentFactory(title="Tour")
    html = render(
        VideoBlock(),
        {
            "title": "Tour",
            "document": document.pk,
            "external_url": "",
            "poster": None,
            "transcript": "",
        },
    )
    assert "<video" in html and 'preload="none"' in html
    assert f'src="{document.url}"' in html
    assert "poster=" not in html and "<details" not in html


@pytest.mark.parametrize(
    ("document", "url"),
    [
        (False, ""),
        (True, "https://www.youtube.com/watch?v=aqz-KE-bpKQ"),
        (False, "https://example.com/clip"),
    ],
)
def test_a_video_is_a_file_or_an_external_address(document, url):
    block = VideoBlock()
    value = block.to_python(
        {
            "title": "T",
            "document": DocumentFactory().pk if document else None,
            "external_url": url,
            "poster": None,
            "transcript": "",
        }
    )
    with pytest.raises(ValidationError):
        block.clean(value)


@pytest.mark.parametrize("with_image", [True, False])
def test_every_block_has_an_icon_a_template_and_a_preview(home_page, with_image):
    if with_image:
        ImageFactory()
    for name, block in BodyStreamBlock().child_blocks.items():
        assert block.meta.icon != "placeholder", name
        assert block.meta.template, name
        assert block.is_previewable, name
        value = block.get_preview_value()
        html = block.render(value)
        assert html.strip() or name == "image", name  # no image, no figure
        assert ("<img" in html) <= with_image, name
