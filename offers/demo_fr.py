"""The demo offers in French: the offer index, the job families and places and
most offers translated (Wagtail's ``copy_for_translation``, so editors find
them as translations in the admin), a few left in English only and one offer
published in French only. Translations made already are left as they are."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page

from home.models import HomePage

from .choices import ContractType, ExperienceLevel, RemotePolicy
from .factories import OfferPageFactory
from .models import JobFamily, Location, OfferIndexPage, OfferPage

FRENCH = "fr"

FAMILIES_FR = {
    "Engineering": "Ingénierie",
    "Data": "Données",
    "Design": "Design",
    "Human resources": "Ressources humaines",
    "Finance": "Finance",
    "Sales": "Ventes",
    "Operations": "Opérations",
    "Marketing": "Marketing",
    "Customer support": "Support client",
    "Legal": "Juridique",
}
# city: (city, region, country) in French
LOCATIONS_FR = {
    "Lyon": ("Lyon", "Auvergne-Rhône-Alpes", "France"),
    "Paris": ("Paris", "Île-de-France", "France"),
    "Nantes": ("Nantes", "Pays de la Loire", "France"),
    "Lille": ("Lille", "Hauts-de-France", "France"),
    "Toulouse": ("Toulouse", "Occitanie", "France"),
    "Brussels": ("Bruxelles", "Région de Bruxelles-Capitale", "Belgique"),
    "Barcelona": ("Barcelone", "Catalogne", "Espagne"),
    "Rotterdam": ("Rotterdam", "Hollande-Méridionale", "Pays-Bas"),
}
# The offers translated, by English title; those left out stay in English only.
OFFERS_FR = {
    "Backend developer (Python)": "Développeur backend (Python) H/F",
    "Frontend developer": "Développeur frontend H/F",
    "Site reliability engineer": "Ingénieur fiabilité des sites (SRE) H/F",
    "Data analyst": "Analyste de données H/F",
    "Product designer": "Product designer H/F",
    "HR business partner": "HR business partner H/F",
    "Payroll specialist": "Gestionnaire de paie H/F",
    "Management controller": "Contrôleur de gestion H/F",
    "Customer success manager": "Customer success manager H/F",
    "Maintenance technician": "Technicien de maintenance H/F",
    "Mobile developer (Kotlin)": "Développeur mobile (Kotlin) H/F",
    "Software engineering intern": "Stage en développement logiciel",
    "QA engineer": "Ingénieur qualité logicielle H/F",
    "Security engineer": "Ingénieur sécurité H/F",
    "Embedded software developer": "Développeur logiciel embarqué H/F",
    "Freelance Django developer": "Développeur Django freelance H/F",
    "Data engineer": "Ingénieur données H/F",
    "Machine learning engineer": "Ingénieur machine learning H/F",
    "Data science apprentice": "Alternance en science des données",
    "Business intelligence developer": "Développeur informatique décisionnelle H/F",
    "UX researcher": "Chercheur UX H/F",
    "Graphic designer": "Graphiste freelance H/F",
    "UI design intern": "Stage en design d'interface",
    "Talent acquisition specialist": "Chargé de recrutement H/F",
    "HR assistant": "Alternance assistant RH",
    "Training coordinator": "Coordinateur formation H/F",
    "Accountant": "Comptable H/F",
    "Treasury intern": "Stage en trésorerie",
    "Sales development representative": "Business developer H/F",
    "Key account manager": "Responsable grands comptes H/F",
    "Pre-sales consultant": "Consultant avant-vente H/F",
    "Warehouse operator": "Opérateur logistique H/F",
    "Supply chain planner": "Planificateur supply chain H/F",
    "Fleet manager": "Responsable de flotte H/F",
    "Content marketing manager": "Responsable marketing de contenu H/F",
    "SEO specialist": "Consultant SEO freelance H/F",
    "Product marketing manager": "Responsable marketing produit H/F",
    "Support engineer": "Ingénieur support H/F",
    "Technical writer": "Rédacteur technique H/F",
    "Legal counsel": "Juriste d'entreprise H/F",
}
# Published in French only: a school-relations role for French schools.
FRENCH_ONLY_TITLE = "Chargé de relations écoles (alternance) H/F"


def french_locale() -> Locale:
    return Locale.objects.get_or_create(language_code=FRENCH)[0]


def offer_sections_fr(title: str) -> dict[str, Any]:
    """A French description: its missions, its profile, then what we offer and
    the recruitment process."""

    def section(heading: str, text: str) -> list[dict[str, Any]]:
        return [
            {"type": "heading", "value": {"text": heading, "level": "h2"}},
            {"type": "paragraph", "value": f"<p>{text}</p>"},
        ]

    return {
        "missions": (
            f"<p>En tant que {title}, vous rejoignez une équipe de huit personnes "
            "et participez à chaque étape de nos projets.</p>"
        ),
        "profile": (
            "<p>Vous aimez le travail clair, le partage des connaissances et les "
            "bons outils.</p>"
        ),
        "body": [
            *section(
                "Ce que nous vous proposons",
                "Des horaires flexibles, des formations et une prime annuelle.",
            ),
            *section(
                "Processus de recrutement",
                "Un premier échange avec les RH, un entretien avec l'équipe, puis "
                "une réponse sous une semaine.",
            ),
        ],
    }


def translate_snippets(
    locale: Locale,
) -> tuple[dict[int, JobFamily], dict[int, Location]]:
    """The families and places in French, by the pk of their English source."""
    families: dict[int, JobFamily] = {}
    for family in JobFamily.objects.exclude(locale=locale):
        french = family.get_translation_or_none(locale)
        if french is None and family.name in FAMILIES_FR:
            french = family.copy_for_translation(locale)
            french.name = FAMILIES_FR[family.name]
            french.save()
        if french is not None:
            families[family.pk] = french
    places: dict[int, Location] = {}
    for place in Location.objects.exclude(locale=locale):
        french = place.get_translation_or_none(locale)
        if french is None and place.city in LOCATIONS_FR:
            french = place.copy_for_translation(locale)
            french.city, french.region, french.country = LOCATIONS_FR[place.city]
            french.save()
        if french is not None:
            places[place.pk] = french
    return families, places


def translate_offer(
    offer: OfferPage,
    title: str,
    families: dict[int, JobFamily],
    places: dict[int, Location],
) -> OfferPage:
    """The offer in French, published on the English one's dates, with its
    family and places in French."""
    locale = french_locale()
    french = offer.copy_for_translation(locale).specific
    french.title = title
    french.slug = slugify(title.removesuffix(" H/F"))
    family = families.get(offer.job_family_id, offer.job_family)
    french.listing_summary = f"Rejoignez notre équipe {family.name}."
    name = title.removesuffix(" H/F")
    for field, value in offer_sections_fr(name[:1].lower() + name[1:]).items():
        setattr(french, field, value)
    if offer.job_family_id in families:
        french.job_family = families[offer.job_family_id]
    french.locations = [places.get(p.pk, p) for p in offer.locations.all()]
    french.save_revision().publish()
    Page.objects.filter(pk=french.pk).update(
        first_published_at=offer.first_published_at,
        last_published_at=offer.last_published_at,
    )
    return french


def load_french_offers(home: HomePage) -> None:
    """The offer index and the offers in French (see the module's docstring)."""
    locale = french_locale()
    index = OfferIndexPage.objects.child_of(home).first()
    home_fr = home.get_translation_or_none(locale)
    if index is None or home_fr is None:
        return
    index_fr = index.get_translation_or_none(locale)
    if index_fr is None:
        index_fr = index.copy_for_translation(locale).specific
        index_fr.title = "Offres"
        index_fr.slug = "offres"
        index_fr.introduction = (
            "Tous nos postes ouverts, des plus récents aux plus anciens."
        )
        index_fr.save_revision().publish()
    # Read again: publishing moved its address (url_path) to its French slug.
    index_fr = OfferIndexPage.objects.get(pk=index_fr.pk)
    families, places = translate_snippets(locale)
    translated = set(
        OfferPage.objects.filter(locale=locale).values_list(
            "translation_key", flat=True
        )
    )
    offers = OfferPage.objects.child_of(index).prefetch_related("locations")
    for offer in offers:
        title = OFFERS_FR.get(offer.title)
        if title and offer.translation_key not in translated:
            translate_offer(offer, title, families, places)
    if (
        not OfferPage.objects.child_of(index_fr)
        .filter(title=FRENCH_ONLY_TITLE)
        .exists()
    ):
        # Older than the English ones: the demo applications stay on those.
        published = timezone.now() - timedelta(days=60)
        paris = Location.objects.filter(locale=locale, city="Paris").first()
        OfferPageFactory(
            parent=index_fr,
            title=FRENCH_ONLY_TITLE,
            slug="charge-de-relations-ecoles-alternance",
            reference="NW-2026-FR1",
            first_published_at=published,
            last_published_at=published,
            listing_summary="Rejoignez notre équipe Ressources humaines.",
            **offer_sections_fr("chargé de relations écoles"),
            job_family=families.get(
                JobFamily.objects.filter(name="Human resources")
                .values_list("pk", flat=True)
                .first()
            ),
            locations=[paris] if paris else [],
            contract_type=ContractType.APPRENTICESHIP,
            remote_policy=RemotePolicy.ON_SITE,
            experience_level=ExperienceLevel.ENTRY,
            closing_date=timezone.localdate() + timedelta(days=60),
        )
