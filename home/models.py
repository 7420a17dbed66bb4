"""Site-wide pages and settings: home, content pages, FAQ, contact form."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.forms.models import (
    AbstractEmailForm,
    AbstractFormField,
    EmailFormMixin,
    FormMixin,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import (
    BodyStreamBlock,
    BrowserBlock,
    CookieBlock,
    FaqSectionBlock,
    LinkBlock,
)
from .brand import (
    DEFAULT_ACCENT,
    DEFAULT_PRIMARY,
    HEX_COLOUR,
    BrandColours,
    accent_contrast_error,
    is_hex_colour,
    primary_contrast_error,
)
from .forms import ColourInput, ContactFormBuilder
from .spam import ContactRateLimiter


class BasePage(Page):
    """The base of every page: a listing summary beside Wagtail's SEO fields."""

    listing_summary = models.CharField(
        _("listing summary"),
        max_length=255,
        blank=True,
        help_text=_(
            "One or two sentences shown where this page is listed; "
            "the search description is used when empty."
        ),
    )

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when this page is shared on social networks (1200 × 630 pixels "
            "at best); the site's default sharing image is used when empty."
        ),
    )

    promote_panels = [
        *Page.promote_panels,
        FieldPanel("listing_summary"),
        FieldPanel("social_image"),
    ]

    class Meta:
        abstract = True

    def get_listing_summary(self) -> str:
        return self.listing_summary or self.search_description

    def get_sharing_description(self) -> str:
        """What a shared link says of this page, under its title."""
        return self.search_description or self.listing_summary

    def get_sitemap_urls(self, request: HttpRequest | None = None):
        """Wagtail's entries, with what the sitemap needs to join translations
        (home/sitemap.py)."""
        return [
            {
                **url,
                "translation_key": self.translation_key,
                "locale_id": self.locale_id,
            }
            for url in super().get_sitemap_urls(request)
        ]


class HomePage(BasePage):
    """The front door: a search box, the latest offers and a speculative call."""

    hero_title = models.CharField(
        _("headline"),
        max_length=120,
        help_text=_("The main title of the home page."),
    )
    hero_text = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short paragraph under the headline."),
    )
    latest_offers_title = models.CharField(
        _("latest offers title"),
        max_length=120,
        default=_("Latest offers"),
        help_text=_("Heading above the list of the newest offers."),
    )
    speculative_title = models.CharField(
        _("speculative application title"),
        max_length=120,
        default=_("No offer for you yet?"),
        help_text=_("Heading of the call to send a speculative application."),
    )
    speculative_text = models.TextField(
        _("speculative application text"),
        blank=True,
        help_text=_("Why and how to send a speculative application."),
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("more content"),
        help_text=_("Optional sections shown below the offers."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("latest_offers_title"),
        MultiFieldPanel(
            [FieldPanel("speculative_title"), FieldPanel("speculative_text")],
            heading=_("Speculative application"),
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.ContentPage",
        "home.ConfidentialityPage",
        "home.CookiesPage",
        "home.DataProtectionPage",
        "home.FaqPage",
        "home.ContactPage",
        "offers.OfferIndexPage",
        "offers.TeamIndexPage",
        "offers.LocationIndexPage",
    ]
    max_count = 1
    page_description = _("The home page of the careers site.")

    class Meta:
        verbose_name = _("home page")


class BaseContentPage(BasePage):
    """A page of text that editors write: policies, notices, agreements."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short paragraph shown under the title."),
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("The content of the page."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True


class ContentPage(BaseContentPage):
    """A free page of text, such as the legal notice."""

    page_description = _("A page of text, such as the legal notice.")

    class Meta:
        verbose_name = _("content page")


class ConfidentialityPage(BaseContentPage):
    """The confidentiality policy: how the portal handles personal data."""

    max_count = 1
    template = "home/content_page.html"
    page_description = _("The confidentiality policy (one per site).")

    class Meta:
        verbose_name = _("confidentiality policy")
        verbose_name_plural = _("confidentiality policies")


class DataProtectionPage(BaseContentPage):
    """The Data Protection Agreement that candidates accept when they sign up."""

    max_count = 1
    template = "home/content_page.html"
    page_description = _(
        "The Data Protection Agreement candidates accept at sign-up (one per site). "
        "Publishing a new version asks candidates to accept it again."
    )

    class Meta:
        verbose_name = _("data protection agreement")


class CookiesPage(BaseContentPage):
    """The cookies page, with the cookies the site sets and the supported browsers."""

    cookies = StreamField(
        [("cookie", CookieBlock())],
        blank=True,
        verbose_name=_("cookies"),
        help_text=_("Every cookie the site sets, with its purpose and duration."),
    )
    supported_browsers = StreamField(
        [("browser", BrowserBlock())],
        blank=True,
        verbose_name=_("supported browsers"),
        help_text=_("The browsers the site is tested with."),
    )

    content_panels = [
        *BaseContentPage.content_panels,
        FieldPanel("cookies"),
        FieldPanel("supported_browsers"),
    ]

    max_count = 1
    page_description = _("The cookies page, which also lists the supported browsers.")
    template = "home/cookies_page.html"

    class Meta:
        verbose_name = _("cookies page")


class FaqPage(BasePage):
    """Frequently asked questions, in sections, folded with ``<details>``."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short paragraph shown under the title."),
    )
    sections = StreamField(
        [("section", FaqSectionBlock())],
        blank=True,
        verbose_name=_("sections"),
        help_text=_("Groups of questions; every answer must be true of the portal."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("sections"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("sections")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    page_description = _("The frequently asked questions (one per site).")

    class Meta:
        verbose_name = _("FAQ page")

    def questions(self) -> list[tuple[str, str]]:
        """Every question and its answer as HTML, in page order."""
        return [
            (qa["question"], str(qa["answer"]))
            for section in self.sections
            for qa in section.value["questions"]
        ]

    def json_ld(self) -> dict[str, Any]:
        """The schema.org ``FAQPage`` description of this page."""
        return {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": question,
                    "acceptedAnswer": {"@type": "Answer", "text": answer},
                }
                for question, answer in self.questions()
            ],
        }


class ContactFormField(AbstractFormField):
    """A field of the contact form, chosen by editors."""

    page = ParentalKey(
        "ContactPage", on_delete=models.CASCADE, related_name="form_fields"
    )


class ContactSubmissionsPanel(FormSubmissionsPanel):
    """The count of messages and a link to them, for those who may read them
    (``home.view_contact_submissions``: HR, not content editors)."""

    class BoundPanel(FormSubmissionsPanel.BoundPanel):
        def is_shown(self):
            return (
                self.request.user.has_perm("home.view_contact_submissions")
                and super().is_shown()
            )


class ContactPage(EmailFormMixin, FormMixin, BasePage):
    """The contact form: questions about the site, e-mailed to HR.

    Applications sent through it are not processed; the page says so.
    """

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown above the form."),
    )
    thank_you_text = RichTextField(
        _("thank-you text"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown once the message is sent."),
    )

    content_panels = [
        *AbstractEmailForm.content_panels,
        ContactSubmissionsPanel(),
        FieldPanel("introduction"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail"),
        ),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    page_description = _(
        "The contact form; messages go to the HR address of the site settings "
        "unless 'to address' is filled in."
    )
    form_builder = ContactFormBuilder
    landing_page_template = "home/contact_page_landing.html"

    class Meta:
        verbose_name = _("contact page")
        # Who reads and exports the messages in the admin's "Forms" (HR, not
        # content editors): home/wagtail_hooks.py.
        permissions = [
            ("view_contact_submissions", _("Can view and export contact messages"))
        ]

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "POST":
            response = super().serve(request, *args, **kwargs)
            # The form carries a stamp of when it was shown: never kept anywhere.
            add_never_cache_headers(response)
            return response
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        status = 200
        if form.is_valid():
            limiter = ContactRateLimiter(request)
            if limiter.allow():
                submission = self.process_form_submission(form)
                return self.render_landing_page(request, submission, *args, **kwargs)
            form.add_error(None, limiter.message())
            status = 429
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(
            request, self.get_template(request), context, status=status
        )

    def get_recipients(self) -> list[str]:
        if self.to_address:
            return [address.strip() for address in self.to_address.split(",")]
        hr_email = PortalSettings.for_site(self.get_site()).hr_email
        return [hr_email] if hr_email else []

    def process_form_submission(self, form):
        submission = FormMixin.process_form_submission(self, form)
        recipients = self.get_recipients()
        if recipients:
            self.send_mail(form, recipients)
        return submission

    def send_mail(self, form, recipients: list[str] | None = None) -> None:
        from uuid import uuid4

        from core.outbox import queue_email

        reply_to = [
            value
            for field in form
            if getattr(field.field.widget, "input_type", "") == "email"
            and (value := form.cleaned_data.get(field.name))
        ]
        context = {
            "page": self,
            "fields": [
                (field.label, form.cleaned_data.get(field.name))
                for field in form
                if field.name in form.cleaned_data
            ],
        }
        subject = self.subject or str(_("Message from the careers site"))
        body = render_to_string("emails/contact_message.txt", context)
        html = render_to_string("emails/contact_message.html", context)
        queue_email(
            key=f"contact-{uuid4().hex}",
            to=recipients or self.get_recipients(),
            subject=subject,
            body=body,
            html=html,
            reply_to=reply_to[:1],
            from_email=self.from_address or settings.DEFAULT_FROM_EMAIL,
        )


SOCIAL_NETWORKS = (
    ("linkedin_url", "LinkedIn"),
    ("x_url", "X"),
    ("instagram_url", "Instagram"),
    ("facebook_url", "Facebook"),
    ("youtube_url", "YouTube"),
    ("glassdoor_url", "Glassdoor"),
)


def social_url_field(network: str) -> models.URLField:
    return models.URLField(
        _("%(network)s page") % {"network": network},
        blank=True,
        help_text=_(
            "The address of the company's %(network)s page, linked from the footer; "
            "leave empty to show no link."
        )
        % {"network": network},
    )


@register_setting(icon="cog")
class PortalSettings(BaseSiteSetting):
    """Site-wide settings HR maintains: contact address, the company's look
    (logo, favicon, colours, sharing image, social links) and footer links."""

    organisation_name = models.CharField(
        _("organisation name"),
        max_length=120,
        default="Example Company",
        help_text=_("The employer's name, shown in the header and job postings."),
    )
    organisation_url = models.URLField(
        _("organisation website"),
        blank=True,
        help_text=_("The employer's main website, used in structured data."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The employer's logo, shown in the header (40 pixels high) and given to "
            "search engines with job postings; a PNG or JPEG on a transparent or "
            "white background reads best on the coloured header."
        ),
    )
    favicon = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("favicon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The small square icon of browser tabs and phone home screens; a square "
            "PNG of at least 180 × 180 pixels. The site's briefcase is used when "
            "empty."
        ),
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        default=DEFAULT_PRIMARY,
        validators=[HEX_COLOUR],
        help_text=_(
            "The header, buttons and links. White text is written on it, so it must "
            "be dark enough: the contrast is checked when you save."
        ),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default=DEFAULT_ACCENT,
        validators=[HEX_COLOUR],
        help_text=_(
            "Highlights: the band under the header, tags and the footer's top edge. "
            "Its text is white or black, whichever reads better; the contrast is "
            "checked when you save."
        ),
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("default sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when a page without its own sharing image is shared on social "
            "networks; 1200 × 630 pixels at best."
        ),
    )
    linkedin_url = social_url_field("LinkedIn")
    x_url = social_url_field("X")
    instagram_url = social_url_field("Instagram")
    facebook_url = social_url_field("Facebook")
    youtube_url = social_url_field("YouTube")
    glassdoor_url = social_url_field("Glassdoor")
    hr_email = models.EmailField(
        _("HR contact address"),
        blank=True,
        help_text=_("Where contact messages and new applications are sent."),
    )
    footer_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("footer links"),
        help_text=_("Pages linked from the footer of every page, in order."),
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("organisation_url"),
        FieldPanel("hr_email"),
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("favicon"),
                FieldRowPanel(
                    [
                        FieldPanel("primary_colour", widget=ColourInput),
                        FieldPanel("accent_colour", widget=ColourInput),
                    ]
                ),
                FieldPanel("social_image"),
            ],
            heading=_("The company's look"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name, _network in SOCIAL_NETWORKS],
            heading=_("Social networks"),
        ),
        FieldPanel("footer_links"),
    ]

    class Meta:
        verbose_name = _("portal settings")

    def clean(self) -> None:
        super().clean()
        errors = {}
        # A colour refused by its field's own check is not looked at again.
        for name, contrast_error in (
            ("primary_colour", primary_contrast_error),
            ("accent_colour", accent_contrast_error),
        ):
            value = getattr(self, name) or ""
            if is_hex_colour(value) and (message := contrast_error(value)):
                errors[name] = message
        if errors:
            raise ValidationError(errors)
        self.primary_colour = self.primary_colour.lower()
        self.accent_colour = self.accent_colour.lower()

    def footer_link_items(self, request: HttpRequest) -> list[tuple[str, str]]:
        """(url, label) of each footer link to a live page."""
        return [
            (page.get_url(request), link["label"] or page.title)
            for link in (block.value for block in self.footer_links)
            if (page := link["page"]) is not None and page.live
        ]

    def social_links(self) -> list[tuple[str, str]]:
        """(url, network name) of each social network the company is on."""
        return [
            (url, network)
            for name, network in SOCIAL_NETWORKS
            if (url := getattr(self, name))
        ]

    @property
    def brand_colours(self) -> BrandColours:
        return BrandColours.of(self)


class PendingDeletion(models.Model):
    """A stored file that must go: recorded in the transaction that drops its owner,
    removed once the storage confirms; ``manage.py retry_deletions`` retries failures.
    """

    storage = models.CharField(
        _("storage"),
        max_length=40,
        default="private",
        help_text=_("The alias of the storage in settings.STORAGES."),
    )
    name = models.CharField(_("file name"), max_length=1024)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)

    class Meta:
        verbose_name = _("pending file deletion")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["storage", "name"], name="home_pendingdeletion_unique_file"
            )
        ]

    def __str__(self) -> str:
        return f"{self.storage}:{self.name}"
