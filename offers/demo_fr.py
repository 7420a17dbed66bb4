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
from .models import JobFamily, Location, OfferIndexPage, OfferPage, QuestionSet

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


# The demo's questions (offers/demo.py) in French.
QUESTIONS_FR = {
    "Availability": "Disponibilité",
    "Do you hold a driving licence?": "Avez-vous le permis de conduire ?",
    "A category B licence, valid in the European Union.": (
        "Un permis B, valable dans l'Union européenne."
    ),
    "What is your notice period?": "Quelle est la durée de votre préavis ?",
    "None": "Aucun",
    "Up to one month": "Un mois au plus",
    "Two months": "Deux mois",
    "Three months or more": "Trois mois ou plus",
    "When can you start?": "À partir de quand pouvez-vous commencer ?",
    "The earliest date you could join us.": (
        "La date la plus proche à laquelle vous pourriez nous rejoindre."
    ),
    "Which of these have you used at work?": (
        "Lesquels avez-vous utilisés dans votre travail ?"
    ),
    "Tick all that apply.": "Cochez tout ce qui s'applique.",
    "How many years have you worked with Python?": (
        "Depuis combien d'années travaillez-vous avec Python ?"
    ),
}


def translate_question_sets(locale: Locale) -> dict[int, int]:
    """The question sets in French: the pk of each French set, by the pk of
    its English source."""
    sets: dict[int, int] = {}
    for question_set in QuestionSet.objects.exclude(locale=locale):
        french = question_set.get_translation_or_none(locale)
        if french is None:
            french = question_set.copy_for_translation(locale)
            name = question_set.name
            french.name = typeset(QUESTIONS_FR.get(name, name))
            french.questions = in_french(
                list(question_set.questions.raw_data), QUESTIONS_FR
            )
            french.save()
        sets[question_set.pk] = french.pk
    return sets


def questions_in_french(offer: OfferPage, sets: dict[int, int]) -> list[dict]:
    """The offer's questions in French, its question sets the French ones."""
    questions = []
    for block in in_french(list(offer.questions.raw_data), QUESTIONS_FR):
        if block["type"] == "question_set":
            block = {**block, "value": sets.get(block["value"], block["value"])}
        questions.append(block)
    return questions


def translate_offer(
    offer: OfferPage,
    title: str,
    families: dict[int, JobFamily],
    places: dict[int, Location],
    sets: dict[int, int] | None = None,
) -> OfferPage:
    """The offer in French, published on the English one's dates, with its
    family, places and questions in French."""
    locale = french_locale()
    french = offer.copy_for_translation(locale).specific
    french.questions = questions_in_french(offer, sets or {})
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
    sets = translate_question_sets(locale)
    translated = set(
        OfferPage.objects.filter(locale=locale).values_list(
            "translation_key", flat=True
        )
    )
    offers = OfferPage.objects.child_of(index).prefetch_related("locations")
    for offer in offers:
        title = OFFERS_FR.get(offer.title)
        if title and offer.translation_key not in translated:
            translate_offer(offer, title, families, places, sets)
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


# The team pages in French, by English title: (slug, title, introduction, the
# quote, the hero's heading and text).
TEAMS_FR = {
    "Engineering": (
        "ingenierie",
        "Ingénierie",
        "Vingt-cinq développeurs à Lyon, Paris et Nantes, et quelques-uns chez "
        "eux, construisent le planificateur de tournées, l'application des "
        "chauffeurs et la plateforme qui les fait tourner. Des équipes de quatre "
        "ou cinq portent leur produit, du premier croquis à la production.",
        "Nous déployons quarante fois par semaine et personne ne craint le "
        "vendredi après-midi : les tests, les relectures et les retours arrière "
        "sont là pour ça.",
        "Livrer petit, livrer souvent",
        "Chaque équipe déploie son propre travail, plusieurs fois par jour, avec "
        "les tests et les relectures comme filet de sécurité.",
    ),
    "Data": (
        "donnees",
        "Données",
        "Notre équipe données transforme des millions de scans de livraison en "
        "prévisions auxquelles nos clients se fient, et répond en chiffres aux "
        "questions de toutes les autres équipes.",
        "Le modèle que j'ai entraîné au printemps dit maintenant à 2 millions de "
        "personnes par jour quand leur colis arrive.",
        "Des scans aux prévisions",
        "Deux millions de colis par jour nourrissent les modèles qui annoncent à "
        "chacun l'heure de sa livraison.",
    ),
    "Sales and customer success": (
        "ventes",
        "Ventes et succès client",
        "Du premier appel à la dixième année de partenariat, nos équipes ventes "
        "et succès client aident les entreprises de logistique à mieux planifier.",
        "Je vends un produit que nos clients se recommandent : la moitié de mes "
        "rendez-vous commencent par « un ami m'a parlé de vous ».",
        "Des clients qui restent",
        "Neuf clients sur dix renouvellent chaque année : nous vendons ce que "
        "nous savons livrer.",
    ),
}
ROLES_FR = {
    "Head of engineering": "Directrice de l'ingénierie",
    "Backend developer": "Développeur backend",
    "Mobile developer": "Développeuse mobile",
    "Site reliability engineer": "Ingénieur fiabilité (SRE)",
    "Data lead": "Responsable données",
    "Data engineer": "Ingénieur données",
    "Data analyst": "Analyste de données",
    "Sales director, Benelux": "Directeur commercial, Benelux",
    "Account executive, Barcelona": "Commerciale, Barcelone",
    "Customer success manager": "Responsable succès client",
}
TEAM_BLOCKS_FR = {
    "The team in figures": "L'équipe en chiffres",
    "developers and SREs": "développeurs et SRE",
    "deployments a week": "déploiements par semaine",
    "of time for learning": "du temps pour apprendre",
    "Questions developers ask us": "Les questions des développeurs",
    "Which languages do you use?": "Quels langages utilisez-vous ?",
    "Can I work from home?": "Puis-je travailler de chez moi ?",
    "<p>Python and Django on the server, Kotlin on Android, plain JavaScript in "
    "the browser and a little C in the vans.</p>": "<p>Python et Django sur le "
    "serveur, Kotlin sur Android, du JavaScript simple dans le navigateur et un "
    "peu de C dans les camionnettes.</p>",
    "<p>Two days a week for most jobs; a few are fully remote, as their offers "
    "say.</p>": "<p>Deux jours par semaine pour la plupart des postes ; quelques-"
    "uns sont en télétravail complet, comme le disent leurs offres.</p>",
}
# The location pages in French, by English title: (slug, title, introduction,
# how to get there).
PLACES_FR = {
    "Lyon, our headquarters": (
        "lyon",
        "Lyon, notre siège",
        "Notre plus grand bureau, au bord du Rhône : 90 personnes, un toit-terrasse "
        "et la cantine dont tout le monde parle.",
        "Métro A, station Cordeliers, à 4 minutes à pied. Tram T1, Quai Claude "
        "Bernard. Parking vélos dans la cour ; douches au rez-de-chaussée. Entrée "
        "de plain-pied rue Grenette et ascenseur à tous les étages.",
    ),
    "Paris, by the canal": (
        "paris",
        "Paris, au bord du canal",
        "50 personnes au bord du canal Saint-Martin : ventes, données et une partie "
        "de l'ingénierie, dans une ancienne imprimerie.",
        "Métro 5, Jacques Bonsergent, ou métros 2, 5 et 7bis, Jaurès. Stations "
        "Vélib' sur les deux rives. L'entrée et tous les étages sont de plain-pied.",
    ),
    "Brussels, for the Benelux": (
        "bruxelles",
        "Bruxelles, pour le Benelux",
        "Notre équipe Benelux de 20 personnes travaille dans un loft lumineux près "
        "de la Grand-Place, en français, en néerlandais et en anglais dans la même "
        "réunion.",
        "À cinq minutes à pied de la gare de Bruxelles-Central ; métros 1 et 5, "
        "Gare Centrale. Parking vélos couvert. Ascenseur jusqu'au troisième étage.",
    ),
}
CAPTIONS_FR = {
    "The building": "Le bâtiment",
    "The open space": "L'open space",
    "The terrace": "La terrasse",
}


def typeset(text: str) -> str:
    """French spacing: a no-break space before ? ! : ; and inside « »."""
    for mark in "?!:;»":
        text = text.replace(f" {mark}", f"\u00a0{mark}")
    return text.replace("« ", "«\u00a0")


def in_french(value: Any, words: dict[str, str]) -> Any:
    """A block's raw value with the strings found in ``words`` in French."""
    if isinstance(value, dict):
        return {key: in_french(item, words) for key, item in value.items()}
    if isinstance(value, list):
        return [in_french(item, words) for item in value]
    if isinstance(value, str) and value in words:
        return typeset(words[value])
    return value


def translate_index(index: Page, locale: Locale, slug: str, **fields: Any) -> Page:
    """The French translation of an index page (the existing one if any)."""
    french = index.get_translation_or_none(locale)
    if french is None:
        french = index.copy_for_translation(locale).specific
        french.slug = slug
        for name, value in fields.items():
            setattr(french, name, typeset(value))
        french.save_revision().publish()
    return french.specific


def load_french_employer_pages(home: HomePage) -> None:
    """The team and location pages in French, with their families and places
    in French (those translated already are left as they are)."""
    from .models import LocationIndexPage, LocationPage, TeamIndexPage, TeamPage

    locale = french_locale()
    if home.get_translation_or_none(locale) is None:
        return
    families, places = translate_snippets(locale)
    teams = TeamIndexPage.objects.child_of(home).first()
    if teams is not None:
        translate_index(
            teams,
            locale,
            "equipes",
            title="Nos équipes",
            introduction="Rencontrez les personnes avec qui vous travailleriez, et "
            "leurs offres ouvertes.",
        )
        words = {**ROLES_FR, **TEAM_BLOCKS_FR}
        for team in TeamPage.objects.child_of(teams):
            if team.title not in TEAMS_FR or team.has_translation(locale):
                continue
            slug, title, intro, quote, heading, text = TEAMS_FR[team.title]
            french = team.copy_for_translation(locale).specific
            french.slug, french.title = slug, title
            french.introduction = typeset(intro)
            french.listing_summary = typeset(intro.split(".")[0] + ".")
            french.job_family = families.get(team.job_family_id, team.job_family)
            french.people = in_french(list(team.people.raw_data), words)
            french.quotes = [
                {
                    **block,
                    "value": {
                        **in_french(block["value"], words),
                        "quote": typeset(quote),
                    },
                }
                for block in team.quotes.raw_data
            ]
            body = in_french(list(team.body.raw_data), words)
            for block in body:
                if block["type"] == "hero":
                    block["value"]["heading"] = heading
                    block["value"]["text"] = typeset(text)
            french.body = body
            french.save_revision().publish()
    offices = LocationIndexPage.objects.child_of(home).first()
    if offices is not None:
        translate_index(
            offices,
            locale,
            "bureaux",
            title="Nos bureaux",
            introduction="Où nous travaillons, comment y venir, et les offres de "
            "chaque lieu.",
        )
        for office in LocationPage.objects.child_of(offices):
            if office.title not in PLACES_FR or office.has_translation(locale):
                continue
            slug, title, intro, access = PLACES_FR[office.title]
            french = office.copy_for_translation(locale).specific
            french.slug, french.title = slug, title
            french.introduction = typeset(intro)
            french.listing_summary = typeset(intro.split(":")[0].split(",")[0] + ".")
            french.getting_there = typeset(access)
            french.location = places.get(office.location_id, office.location)
            french.address = office.address.replace(
                "Brussels\nBelgium", "Bruxelles\nBelgique"
            )
            french.photos = [
                {
                    **block,
                    "value": {
                        **block["value"],
                        "caption": CAPTIONS_FR.get(
                            block["value"].get("caption"), block["value"].get("caption")
                        ),
                        "image": {
                            **block["value"]["image"],
                            "alt_text": block["value"]["image"]["alt_text"]
                            and f"Une illustration du bureau de {title.split(',')[0]}",
                        },
                    },
                }
                for block in office.photos.raw_data
            ]
            french.save_revision().publish()


HOME_BLOCKS_FR = {
    "Northwind in figures": "Northwind en chiffres",
    "customers in 11 countries": "clients dans 11 pays",
    "colleagues in 6 cities": "collègues dans 6 villes",
    "parcels planned every day": "colis planifiés chaque jour",
    "from our employees' survey": "à notre enquête auprès des salariés",
    "Software that keeps Europe's parcels moving": (
        "Des logiciels qui font avancer les colis de l'Europe"
    ),
    "<p>Our route planner and driver app are used by carriers, wholesalers and "
    "retailers to deliver on time with fewer kilometres. We build them in small "
    "teams that own their product and talk to its users every week.</p>": (
        "<p>Transporteurs, grossistes et distributeurs utilisent notre "
        "planificateur de tournées et notre application chauffeur pour livrer à "
        "l'heure en roulant moins. Nous les construisons en petites équipes, "
        "responsables de leur produit et en contact chaque semaine avec ses "
        "utilisateurs.</p>"
    ),
    "What we offer": "Ce que nous offrons",
    "Two days from home": "Deux jours de télétravail",
    "Each week for most jobs, and a budget for your desk.": (
        "Chaque semaine pour la plupart des postes, et un budget pour votre bureau."
    ),
    "Five training days": "Cinq jours de formation",
    "Every year, on the subject you choose.": (
        "Chaque année, sur le sujet de votre choix."
    ),
    "Full health cover": "Mutuelle complète",
    "For you and your family, paid by the company.": (
        "Pour vous et votre famille, prise en charge par l'entreprise."
    ),
    "Flexible hours": "Horaires flexibles",
    "Start between 8 and 10, leave when your day is done.": (
        "Arrivez entre 8 h et 10 h, partez quand votre journée est finie."
    ),
    "Parental leave": "Congé parental",
    "Eight extra weeks on full pay for every parent.": (
        "Huit semaines de plus, à salaire plein, pour chaque parent."
    ),
    "Green commute": "Trajets verts",
    "Half your transport pass and a bike allowance.": (
        "La moitié de votre abonnement de transport et un forfait vélo."
    ),
    "I joined as an intern four years ago; today I lead the mobile squad. People "
    "here give you room to grow.": (
        "Je suis arrivée en stage il y a quatre ans ; aujourd'hui, je dirige "
        "l'équipe mobile. Ici, on vous laisse la place de grandir."
    ),
    "Mobile developer, Nantes": "Développeuse mobile, Nantes",
    "Some of the people you would meet": "Quelques personnes que vous rencontreriez",
    "A day at the Lyon office (3 minutes)": "Une journée au bureau de Lyon (3 minutes)",
    "Inès shows the Lyon office: the squads' rooms, the terrace and the canteen. "
    "Tom and Aïcha explain how a feature goes from an idea to the drivers' "
    "phones.": (
        "Inès fait visiter le bureau de Lyon : les salles des équipes, la terrasse "
        "et la cantine. Tom et Aïcha racontent comment une fonctionnalité passe "
        "d'une idée aux téléphones des chauffeurs."
    ),
    "Our offices": "Nos bureaux",
    "Brussels": "Bruxelles",
    "Developer jobs in Lyon": "Postes de développeur à Lyon",
    "Who would you work with?": "Avec qui travailleriez-vous ?",
    "Each team tells what it does, who is in it and which offers it has open.": (
        "Chaque équipe raconte ce qu'elle fait, qui la compose et quelles offres "
        "elle a ouvertes."
    ),
    "Meet our teams": "Découvrir nos équipes",
}


def french_pk(model: type, pk: int | None, locale: Locale) -> int | None:
    """The pk of the French translation of the ``model`` row ``pk`` (itself when
    it has none)."""
    if pk is None:
        return None
    instance = model.objects.filter(pk=pk).first()
    if instance is None:
        return pk
    french = instance.get_translation_or_none(locale)
    return french.pk if french is not None else pk


def load_french_home_sections(home: HomePage) -> None:
    """The French home page's sections: the English home's blocks with their
    words in French and their families, places and pages the French ones (left
    as they are once the French home has some)."""
    locale = french_locale()
    home_fr = home.get_translation_or_none(locale)
    if home_fr is None or not home.body:
        return
    home_fr = home_fr.specific
    if home_fr.body:
        return
    alt_fr = {
        f"An illustration of the {city} office": (
            f"Une illustration du bureau de {HOME_BLOCKS_FR.get(city, city)}"
        )
        for city in ("Lyon", "Paris", "Brussels", "Nantes", "Barcelona", "Lille")
    }
    body = in_french(list(home.body.raw_data), {**HOME_BLOCKS_FR, **ROLES_FR, **alt_fr})
    for block in body:
        value = block["value"]
        if block["type"] == "latest_offers":
            value["job_family"] = french_pk(JobFamily, value.get("job_family"), locale)
            value["location"] = french_pk(Location, value.get("location"), locale)
        elif block["type"] == "call_to_action" and value.get("page"):
            value["page"] = french_pk(Page, value["page"], locale)
    home_fr.body = body
    home_fr.save_revision().publish()
