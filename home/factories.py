"""Factories of the site's pages, shared by the tests and the demo data."""

import factory
import wagtail_factories
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from .models import (
    ConfidentialityPage,
    ContactFormField,
    ContactPage,
    ContentPage,
    CookiesPage,
    DataProtectionPage,
    FaqPage,
    HomePage,
)


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Careers"
    slug = "home"
    hero_title = "Find your next job with us"
    hero_text = "Browse our open positions and apply in a few minutes."

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = "Legal notice"
    introduction = "Who publishes this site."

    class Meta:
        model = ContentPage


class ConfidentialityPageFactory(ContentPageFactory):
    title = "Confidentiality policy"

    class Meta:
        model = ConfidentialityPage


class DataProtectionPageFactory(ContentPageFactory):
    title = "Data Protection Agreement"

    class Meta:
        model = DataProtectionPage


class CookiesPageFactory(ContentPageFactory):
    title = "Cookies"

    class Meta:
        model = CookiesPage


class FaqPageFactory(wagtail_factories.PageFactory):
    title = "Frequently asked questions"

    class Meta:
        model = FaqPage


class ContactPageFactory(wagtail_factories.PageFactory):
    title = "Contact"
    to_address = ""
    from_address = "careers@example.com"
    subject = "A message from the careers site"

    class Meta:
        model = ContactPage


class ContactFormFieldFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ContactPageFactory)
    sort_order = factory.Sequence(int)
    label = factory.Sequence(lambda n: f"Field {n}")
    field_type = "singleline"
    required = True

    class Meta:
        model = ContactFormField


def ensure_wagtail_root() -> Page:
    """Wagtail's own starting rows (the locales, root page, root collection),
    which a flushed test database lacks."""
    # A flush recreates the content types under new ids: forget the cached ones.
    ContentType.objects.clear_cache()
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(
            instance=Page(
                title="Root",
                slug="root",
                content_type=ContentType.objects.get_for_model(Page),
            )
        )
    return root


def make_site_root(**kwargs) -> HomePage:
    """A home page under Wagtail's root, served as the default site."""
    root = ensure_wagtail_root()
    # Wagtail's initial migration leaves a plain "Welcome" page at the top.
    for welcome in root.get_children().filter(
        content_type__app_label="wagtailcore", content_type__model="page"
    ):
        welcome.delete()
    home = HomePageFactory(parent=root, **kwargs)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "Careers",
        },
    )
    return home


def add_contact_fields(page: ContactPage) -> None:
    """The usual fields of the contact form: name, e-mail, subject, message."""
    for order, (label, field_type, required) in enumerate(
        [
            ("Your name", "singleline", True),
            ("Your e-mail address", "email", True),
            ("Subject", "singleline", True),
            ("Your message", "multiline", True),
        ]
    ):
        ContactFormFieldFactory(
            page=page,
            sort_order=order,
            label=label,
            field_type=field_type,
            required=required,
        )
