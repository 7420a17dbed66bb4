"""The demo site's pages in French, loaded after the English ones: each is a
translation of its English page (Wagtail's ``copy_for_translation``, so editors
find it as such in the admin, beside its source), written as a French careers
site would say it. Pages translated already are left as they are."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from .models import ContactFormField, ContactPage, FaqPage, HomePage

FRENCH = "fr"

# The English cookie rows, in French (name, purpose, duration).
COOKIES_FR = [
    (
        "__Host-sessionid, sessionid",
        "Vous garde connecté et transporte les courts messages affichés après une "
        "action (comme « Votre profil est enregistré »).",
        "Jusqu'à la fermeture de votre navigateur si vous vous connectez sans "
        "« Se souvenir de moi sur cet appareil » ; 8 heures au plus sinon.",
    ),
    (
        "__Host-csrftoken, csrftoken",
        "Protège les formulaires que vous envoyez (connexion, candidatures, "
        "contact) contre leur falsification par un autre site.",
        "Un an",
    ),
    (
        "wagtail_sidebar_collapsed",
        "Personnel uniquement, dans l'administration : retient si le menu latéral "
        "est replié.",
        "Jusqu'à la fermeture de votre navigateur",
    ),
]

CONTACT_LABELS_FR = {
    "Your name": "Votre nom",
    "Your e-mail address": "Votre adresse e-mail",
    "Subject": "Objet",
    "Your message": "Votre message",
}


def french_locale() -> Locale:
    return Locale.objects.get_or_create(language_code=FRENCH)[0]


def typeset(text: str) -> str:
    """French spacing: a no-break space before ? ! : ; and inside « »."""
    for mark in "?!:;»":
        text = text.replace(f" {mark}", f"\u00a0{mark}")
    return text.replace("« ", "«\u00a0")


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{typeset(text)}</p>" for text in paragraphs)


def heading(text: str) -> dict[str, Any]:
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def paragraph(*paragraphs: str) -> dict[str, Any]:
    return {"type": "paragraph", "value": p(*paragraphs)}


def translate_page(page: Page, slug: str, **fields: Any) -> Page:
    """The French translation of ``page``, made from a copy of it with
    ``fields`` set, and published (the existing one when there is one)."""
    locale = french_locale()
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    copy = page.copy_for_translation(locale).specific
    copy.slug = slug
    for name, value in fields.items():
        setattr(copy, name, typeset(value) if isinstance(value, str) else value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def page_link(page: Page, text: str) -> str:
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def link(url_name: str, text: str) -> str:
    with translation.override(FRENCH):
        return f'<a href="{reverse(url_name)}">{text}</a>'


def faq_sections(pages: dict[str, Page]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The demo FAQ in French (``home.demo.faq_sections``, translated)."""
    cookies = page_link(pages["cookies"], "page Cookies")
    confidentiality = page_link(
        pages["confidentiality"], "politique de confidentialité"
    )
    agreement = page_link(pages["data-protection"], "charte de protection des données")
    contact = page_link(pages["contact"], "formulaire de contact")
    login = link("account_login", "page de connexion")
    parameters = link("candidates:parameters", "Mes paramètres")
    documents = link("candidates:documents", "Mes documents")
    applications = link("applications:list", "Mes candidatures")
    speculative = link("applications:speculative", "Envoyer une candidature spontanée")
    return [
        (
            "Postuler",
            [
                (
                    "Comment postuler à une offre ?",
                    "<p>Choisissez <b>Postuler</b> sur la page de l'offre. Si vous "
                    "n'êtes pas connecté, la page de connexion s'ouvre et rappelle "
                    "l'offre :</p><ul>"
                    "<li>Pas encore de compte ? Choisissez <b>Créer votre profil</b>, "
                    f"remplissez le formulaire et acceptez la {agreement}. Nous vous "
                    "envoyons par e-mail un code pour vérifier votre adresse : "
                    "saisissez-le et le formulaire de candidature de l'offre "
                    "s'ouvre.</li>"
                    "<li>Vous avez déjà un compte ? Connectez-vous : vos "
                    "coordonnées, votre expérience et les CV et lettres que vous "
                    "conservez sont prêts pour la candidature. Modifiez ce que vous "
                    "voulez, ajoutez un nouveau CV ou choisissez <b>Enregistrer en "
                    "brouillon</b> pour la terminer plus tard.</li></ul>"
                    "<p>Choisissez <b>Envoyer ma candidature</b> lorsqu'elle est "
                    "complète.</p>",
                ),
                (
                    "Puis-je enregistrer ma candidature et la terminer plus tard ?",
                    "Oui. Sur le formulaire de candidature, choisissez "
                    "<b>Enregistrer en brouillon</b>. Votre brouillon vous attend "
                    f"dans {applications}, depuis n'importe quel appareil : "
                    "ouvrez-le, terminez-le et envoyez-le avant la clôture de "
                    "l'offre.",
                ),
                (
                    "Comment envoyer une candidature spontanée ?",
                    "Créez votre profil (ou connectez-vous), puis choisissez "
                    f"{speculative}. Dites-nous quels métiers et quels lieux vous "
                    "intéressent, ajoutez votre CV, puis choisissez <b>Envoyer ma "
                    "candidature</b>. Les RH la lisent et la gardent en tête pour "
                    "les offres à venir.",
                ),
                (
                    "Quels documents puis-je envoyer ?",
                    "Des CV et des lettres de motivation, aux formats PDF, DOC, "
                    "DOCX ou ODT, de 5 Mo au plus chacun. Ils sont conservés dans "
                    f"{documents} et proposés à chaque candidature ; un fichier "
                    "ajouté pendant une candidature les rejoint.",
                ),
            ],
        ),
        (
            "Votre compte",
            [
                (
                    "Comment créer mon profil candidat ?",
                    "Choisissez le pictogramme <b>Mon profil</b> en haut à droite "
                    "de n'importe quelle page, puis <b>Créer votre profil</b>. "
                    "Indiquez votre nom, un identifiant, votre adresse e-mail et un "
                    f"mot de passe, et acceptez la {agreement}. Nous vous envoyons "
                    "un code par e-mail : saisissez-le sur la page qui le demande "
                    "(ou demandez-en un nouveau) et votre profil est prêt. "
                    "Consulter les offres ne demande aucun compte.",
                ),
                (
                    "Je n'arrive pas à me connecter. Que vérifier ?",
                    "Vérifiez votre identifiant, ou votre adresse e-mail (les deux "
                    "fonctionnent), et votre mot de passe, qui distingue majuscules "
                    "et minuscules. Si vous avez oublié l'un des deux, utilisez "
                    "<b>Identifiant oublié</b> ou <b>Mot de passe oublié</b> sur la "
                    f"{login}. Après plusieurs échecs d'affilée, la connexion est "
                    "suspendue quelques minutes pour protéger votre compte. Si la "
                    "page elle-même s'affiche mal, votre navigateur est peut-être "
                    f"trop ancien : la {cookies} indique les navigateurs pour "
                    "lesquels le site est conçu.",
                ),
                (
                    "J'ai oublié mon identifiant. Que faire ?",
                    f"Sur la {login}, choisissez "
                    f"{link('accounts:forgot_username', 'Identifiant oublié')} et "
                    "saisissez votre adresse e-mail : nous vous envoyons votre "
                    "identifiant par e-mail. Une fois connecté, vous pouvez le "
                    f"changer : ouvrez {parameters} et choisissez <b>Modifier</b> à "
                    "côté de votre identifiant.",
                ),
                (
                    "J'ai oublié mon mot de passe. Que faire ?",
                    f"Sur la {login}, choisissez "
                    f"{link('account_reset_password', 'Mot de passe oublié')} et "
                    "saisissez votre adresse e-mail. Nous vous envoyons un lien pour "
                    "choisir un nouveau mot de passe ; s'il n'arrive pas, regardez "
                    "dans vos courriers indésirables. Pour votre sécurité, aucun mot "
                    "de passe n'est jamais envoyé par e-mail.",
                ),
                (
                    "Où trouver mes candidatures, mes documents et mes paramètres ?",
                    "Choisissez le pictogramme <b>Mon profil</b> en haut à droite de "
                    "chaque page. Une fois connecté, il ouvre votre espace : Mes "
                    "candidatures, Mon profil, Mes documents et Mes paramètres.",
                ),
            ],
        ),
        (
            "Utiliser le site",
            [
                (
                    "Comment trouver les offres qui me correspondent ?",
                    "Ouvrez <b>Offres</b> en haut de n'importe quelle page. Saisissez "
                    "un métier, une compétence ou une ville dans le champ de "
                    "recherche et affinez la liste avec les filtres ; toutes les "
                    "offres ouvertes sont listées, des plus récentes aux plus "
                    "anciennes.",
                ),
                (
                    "Que se passe-t-il quand une offre est clôturée ?",
                    "Après sa date de clôture, ou une fois le poste pourvu, l'offre "
                    "quitte la liste. Sa page reste consultable et indique qu'elle "
                    "est clôturée : un lien que vous avez gardé ne mène jamais "
                    "nulle part.",
                ),
                (
                    "Le site s'affiche mal. Que faire ?",
                    "Votre navigateur est peut-être trop ancien. Le site est conçu "
                    "pour les versions actuelles des navigateurs indiqués sur la "
                    f"{cookies} : mettez le vôtre à jour, ou essayez l'un d'eux.",
                ),
                (
                    "Mon formulaire est refusé. Qu'est-ce qui ne va pas ?",
                    "Vérifiez ce que vous avez saisi dans chaque champ. En cas "
                    "d'erreur, un encadré rouge en haut de la page liste chaque "
                    "problème : choisissez-en un pour aller directement au champ, "
                    "corrigez-le et renvoyez le formulaire. Les champs marqués "
                    "d'un * sont obligatoires.",
                ),
                (
                    "Puis-je utiliser le site sur mon téléphone ?",
                    "Oui : il s'adapte à tous les écrans, téléphone, tablette ou "
                    "ordinateur. Sur votre téléphone, vous pouvez chercher des "
                    "offres, créer votre profil et postuler. Si votre téléphone ne "
                    "permet pas d'envoyer des fichiers, ajoutez votre CV et vos "
                    f"lettres de motivation depuis un ordinateur dans {documents} : "
                    "ils vous seront ensuite proposés dans vos candidatures sur "
                    "votre téléphone.",
                ),
            ],
        ),
        (
            "Alertes emploi",
            [
                (
                    "Puis-je recevoir un e-mail quand une nouvelle offre me "
                    "correspond ?",
                    f"Oui. Connectez-vous et ouvrez {parameters}. Dans <b>Mes "
                    "alertes</b>, choisissez <b>Modifier</b> (ou <b>Ajouter une "
                    "alerte</b>), choisissez les mots, les familles de métiers, les "
                    "lieux et les contrats souhaités, cochez <b>M'envoyer une "
                    "alerte par e-mail lorsqu'une offre correspondant à mes "
                    "préférences est publiée</b>, choisissez la fréquence (dès "
                    "qu'une offre est publiée, une fois par jour ou une fois par "
                    "semaine) et enregistrez. Depuis une recherche dans les offres, "
                    "<b>Créer une alerte pour cette recherche</b> remplit le "
                    "formulaire pour vous.",
                ),
                (
                    "Comment modifier ou arrêter une alerte ?",
                    f"Ouvrez {parameters}. Dans <b>Mes alertes</b>, choisissez "
                    "<b>Modifier</b> à côté de l'alerte : changez vos préférences, "
                    "ou décochez <b>M'envoyer une alerte par e-mail lorsqu'une "
                    "offre correspondant à mes préférences est publiée</b> pour "
                    "l'arrêter, puis enregistrez. <b>Supprimer</b> efface l'alerte, "
                    "et chaque e-mail d'alerte contient un lien qui l'arrête "
                    "aussitôt.",
                ),
            ],
        ),
        (
            "Vos données et nous contacter",
            [
                (
                    "Comment mes données personnelles sont-elles protégées ?",
                    "Seuls vous et nos chargés de recrutement les voyez ; les "
                    "personnes qui rédigent les pages de ce site ne voient ni les "
                    f"candidats ni leurs documents. Notre {confidentiality} "
                    "explique ce que nous conservons et pendant combien de temps. "
                    f"Dans {parameters}, <b>Télécharger mes données</b> vous donne "
                    "un zip de tout ce que nous conservons sur vous, avec vos "
                    "documents, et <b>Supprimer mon compte</b> supprime "
                    "définitivement votre compte et vos données.",
                ),
                (
                    "Comment poser une question ?",
                    f"Utilisez le {contact} : les RH vous répondent par e-mail. Il "
                    "n'est pas prévu pour les candidatures : une candidature envoyée "
                    "par ce biais n'est pas traitée. Postulez depuis la page de "
                    "l'offre, ou envoyez une candidature spontanée.",
                ),
            ],
        ),
    ]


def faq_stream(sections: list[tuple[str, list[tuple[str, str]]]]) -> list[dict]:
    return [
        {
            "type": "section",
            "value": {
                "title": title,
                "questions": [
                    {
                        "question": typeset(question),
                        "answer": typeset(answer)
                        if answer.startswith("<")
                        else p(answer),
                    }
                    for question, answer in questions
                ],
            },
        }
        for title, questions in sections
    ]


def translate_contact_page(contact: ContactPage) -> Page:
    """The contact form in French, its fields' labels too (their names, which
    the messages are kept under, stay those of the English form)."""
    locale = french_locale()
    existing = contact.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    copy = contact.copy_for_translation(locale).specific
    for field in ContactFormField.objects.filter(page=copy):
        field.label = CONTACT_LABELS_FR.get(field.label, field.label)
        field.save()
    copy = ContactPage.objects.get(pk=copy.pk)
    copy.title = "Contact"
    copy.slug = "contact"
    copy.introduction = p(
        "Une question sur une offre, votre compte ou nos recrutements ? "
        "Écrivez-nous : les RH vous répondent sous deux jours ouvrés."
    )
    copy.thank_you_text = p("Les RH vous répondront par e-mail sous deux jours ouvrés.")
    copy.save_revision().publish()
    return copy


def load_french_pages(home: HomePage) -> HomePage:
    """The French home page and its pages (those translated already are left
    as they are)."""
    home_fr = translate_page(
        home,
        "accueil",
        title="Carrières chez Northwind",
        hero_title="Construisez la suite avec Northwind",
        hero_text=(
            "Nous concevons et exploitons des logiciels logistiques pour 400 "
            "entreprises en Europe. Trouvez le poste qui vous correspond et "
            "postulez en quelques minutes, depuis votre téléphone ou votre "
            "ordinateur."
        ),
        latest_offers_title="Dernières offres",
        speculative_title="Pas d'offre pour vous ?",
        speculative_text=(
            "Dites-nous qui vous êtes et ce que vous aimeriez faire : les RH "
            "lisent chaque candidature spontanée et la gardent en tête pour les "
            "offres à venir."
        ),
    )
    pages = {page.slug: page.specific for page in home.get_children()}
    translated: dict[str, Page] = {}
    translated["confidentiality"] = translate_page(
        pages["confidentiality"],
        "confidentialite",
        title="Politique de confidentialité",
        introduction=(
            "Comment Northwind traite les données personnelles des candidats."
        ),
        body=[
            heading("Ce que nous collectons"),
            paragraph(
                "Votre identité et vos coordonnées, votre expérience "
                "professionnelle, les documents que vous déposez et les "
                "candidatures que vous envoyez."
            ),
            heading("Qui y a accès"),
            paragraph(
                "Vous seul et les chargés de recrutement de Northwind. Les "
                "rédacteurs de ce site n'ont aucun accès aux données des candidats."
            ),
            heading("Vos droits"),
            paragraph(
                "Vous pouvez à tout moment consulter, corriger, exporter et "
                "supprimer vos données. Pour toute question, utilisez la page "
                "Contact."
            ),
        ],
    )
    translated["cookies"] = translate_page(
        pages["cookies"],
        "cookies",
        title="Cookies",
        introduction=(
            "Ce site ne dépose que les cookies nécessaires à son fonctionnement. "
            "Aucun cookie de suivi, de mesure d'audience ou de publicité, et aucun "
            "n'est partagé avec un autre site."
        ),
        body=[
            paragraph(
                "Les cookies strictement nécessaires ne demandent pas de "
                "consentement : ce site n'affiche donc pas de bandeau cookies. Vous "
                "pouvez les supprimer à tout moment dans les réglages de votre "
                "navigateur : vous serez alors déconnecté.",
                "Le site est en anglais et en français. La langue fait partie de "
                "l'adresse de chaque page (/en/, /fr/) et les liens de langue en "
                "haut de chaque page mènent à la même page dans l'autre langue : "
                "le site ne dépose donc aucun cookie de langue, et son adresse "
                "seule suit la langue demandée par votre navigateur. Il ne mesure "
                "pas les visites. Il ne charge rien d'autres sites, sauf une vidéo "
                "YouTube que vous choisissez de lancer : son lecteur vient alors "
                "de youtube-nocookie.com, selon les conditions de YouTube.",
            )
        ],
        cookies=[
            {
                "type": "cookie",
                "value": {"name": name, "purpose": purpose, "duration": duration},
            }
            for name, purpose, duration in COOKIES_FR
        ],
        supported_browsers=[
            {"type": "browser", "value": {"name": name, "versions": versions}}
            for name, versions in [
                ("Firefox", "Les deux dernières versions"),
                ("Chrome et Chromium", "Les deux dernières versions"),
                ("Edge", "Les deux dernières versions"),
                ("Safari, sur macOS et iOS", "Les deux dernières versions"),
            ]
        ],
    )
    translated["data-protection"] = translate_page(
        pages["data-protection"],
        "protection-des-donnees",
        title="Charte de protection des données",
        introduction=(
            "La charte que vous acceptez lorsque vous créez votre compte candidat."
        ),
        body=[
            heading("Finalité"),
            paragraph(
                "Northwind traite vos données uniquement pour étudier vos "
                "candidatures et, si vous le demandez, vous envoyer des alertes "
                "emploi."
            ),
            heading("Durée de conservation"),
            paragraph(
                "Un compte inutilisé pendant 24 mois est supprimé, après un "
                "avertissement envoyé par e-mail 30 jours avant."
            ),
        ],
    )
    translated["legal-notice"] = translate_page(
        pages["legal-notice"],
        "mentions-legales",
        title="Mentions légales",
        introduction="Qui publie ce site.",
        body=[
            paragraph(
                "Ce site est édité par Northwind Labs, 1 Harbour Street, Example "
                "City. Directeur de la publication : le directeur des ressources "
                "humaines."
            )
        ],
    )
    translated["contact"] = translate_contact_page(pages["contact"])
    faq = FaqPage.objects.child_of(home).first()
    if faq is not None:
        translate_page(
            faq,
            "faq",
            title="Questions fréquentes",
            introduction="Les réponses aux questions que les candidats nous posent "
            "le plus souvent.",
            sections=faq_stream(faq_sections(translated)),
        )
    return home_fr
