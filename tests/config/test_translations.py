"""The French catalogue: the translation check fails on a bad catalogue and passes on
the shipped one, and French pages and e-mails really read French."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

BASE_DIR = Path(settings.BASE_DIR)
SCRIPT = BASE_DIR / "scripts" / "check_translations.py"
FRENCH_PO = BASE_DIR / "locale" / "fr" / "LC_MESSAGES" / "django.po"
BILINGUAL = override_settings(LANGUAGES=[("en", "English"), ("fr", "Français")])
NBSP = "\u00a0"

spec = importlib.util.spec_from_file_location("check_translations", SCRIPT)
checker = importlib.util.module_from_spec(spec)
sys.modules["check_translations"] = checker
spec.loader.exec_module(checker)

HEADER = r"""msgid ""
msgstr ""
"Language: fr\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

#: offers/models.py:1
msgid "Apply"
msgstr "Postuler"

"""


def write_catalogue(root: Path, body: str, compile_it: bool = True) -> Path:
    """A French catalogue under ``root/locale``, compiled unless told otherwise."""
    folder = root / "locale" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "django.po"
    po.write_text(HEADER + body, encoding="utf-8")
    if compile_it:
        subprocess.run(  # noqa: S603
            ["msgfmt", "-o", str(folder / "django.mo"), str(po)],  # noqa: S607
            check=True,
        )
    return root / "locale"


needs_gettext = pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="needs gettext (scripts/bootstrap.sh test)"
)


@needs_gettext
def test_a_complete_catalogue_passes(tmp_path):
    locale = write_catalogue(tmp_path, "")
    assert checker.check_language("fr", [locale], None) == []


@needs_gettext
@pytest.mark.parametrize(
    ("body", "offence"),
    [
        ('msgid "Save"\nmsgstr ""\n', "untranslated: 'Save'"),
        (
            '#, fuzzy\nmsgid "Save my profile"\nmsgstr "Enregistrer"\n',
            "fuzzy: 'Save my profile'",
        ),
        (
            '#, python-format\nmsgid "Hello %(name)s"\nmsgstr "Bonjour %(nom)s"\n',
            "placeholders differ: expected %(name), found %(nom)",
        ),
        (
            '#, python-format\nmsgid "Apply by %(date)s"\nmsgstr "Postuler vite"\n',
            "placeholders differ: expected %(date), found none",
        ),
        (
            '#, python-format\nmsgid "%(counter)s offer"\nmsgid_plural'
            ' "%(counter)s offers"\nmsgstr[0] "%(counter)s offre"\nmsgstr[1] ""\n',
            "untranslated: '%(counter)s offer'",
        ),
        (
            '#, python-format\nmsgid "%(counter)s offer"\nmsgid_plural'
            ' "%(counter)s offers"\nmsgstr[0] "%(counter)s offre"\n'
            'msgstr[1] "des offres"\n',
            "placeholders differ: expected %(counter), found none",
        ),
        (
            '#, python-brace-format\nmsgid "Hello {name}"\nmsgstr "Bonjour {nom}"\n',
            "placeholders differ: expected {name}, found {nom}",
        ),
    ],
)
def test_a_bad_message_is_reported(tmp_path, body, offence):
    locale = write_catalogue(tmp_path, body)

    offences = checker.check_language("fr", [locale], None)

    assert len(offences) == 1
    assert offence in offences[0]
    assert offences[0].startswith(str(locale / "fr" / "LC_MESSAGES" / "django.po"))


@needs_gettext
def test_a_singular_without_the_count_is_accepted(tmp_path):
    body = (
        '#, python-format\nmsgid "A new offer"\nmsgid_plural "%(counter)s new offers"\n'
        'msgstr[0] "Une nouvelle offre"\nmsgstr[1] "%(counter)s nouvelles offres"\n'
    )
    locale = write_catalogue(tmp_path, body)
    assert checker.check_language("fr", [locale], None) == []


@needs_gettext
def test_obsolete_messages_are_ignored(tmp_path):
    locale = write_catalogue(tmp_path, '#~ msgid "Old"\n#~ msgstr ""\n')
    assert checker.check_language("fr", [locale], None) == []


def test_a_missing_mo_is_reported(tmp_path):
    locale = write_catalogue(tmp_path, "", compile_it=False)

    offences = checker.check_language("fr", [locale], None)

    assert offences == [
        f"{locale / 'fr' / 'LC_MESSAGES' / 'django.po'}: no compiled .mo beside the"
        " .po: run manage.py compilemessages"
    ]


@needs_gettext
def test_a_stale_mo_is_reported(tmp_path):
    locale = write_catalogue(tmp_path, 'msgid "Save"\nmsgstr "Enregistrer"\n')
    po = locale / "fr" / "LC_MESSAGES" / "django.po"
    po.write_text(po.read_text().replace("Enregistrer", "Sauvegarder"))

    offences = checker.check_language("fr", [locale], None)

    assert len(offences) == 1
    assert (
        "the .mo is not the compilation of the .po (1 message(s) differ)"
        in (offences[0])
    )


def test_a_message_the_code_uses_but_the_po_lacks_is_reported(tmp_path):
    """The fresh extraction is faked: the shipped catalogue plus one new message."""
    fresh = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    fresh.mkdir(parents=True)
    (fresh / "django.po").write_text(
        FRENCH_PO.read_text(encoding="utf-8")
        + '\n#: offers/views.py:12\nmsgid "A brand new label"\nmsgstr ""\n',
        encoding="utf-8",
    )

    offences = checker.check_language("fr", [BASE_DIR / "locale"], tmp_path)

    assert offences == [
        "locale/fr/LC_MESSAGES/django.po: missing, used by offers/views.py:12:"
        " 'A brand new label' (run manage.py makemessages, then translate it)"
    ]


def test_the_shipped_french_catalogue_passes_without_extraction():
    offences = checker.check_language("fr", [BASE_DIR / "locale"], None)
    assert offences == []


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="needs gettext (scripts/bootstrap.sh test)"
)
def test_the_check_passes_on_the_project():
    """The whole check, extraction included, as ``make lint`` runs it."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(SCRIPT)],
        capture_output=True,
        text=True,
        check=False,
        cwd=BASE_DIR,
    )
    assert result.returncode == 0, result.stderr


def test_every_french_entry_is_parsed():
    entries = checker.parse_po(FRENCH_PO)
    lines = FRENCH_PO.read_text().splitlines()
    msgids = [line for line in lines if line.startswith("msgid ")]
    assert len(entries) == len(msgids) > 900
    assert {entry.msgid for entry in entries} >= {"Apply", "Forgotten username"}


def test_french_plurals_use_the_singular_for_zero_and_one():
    with translation.override("fr"):
        texts = [
            ngettext("%(number)s open offer", "%(number)s open offers", n)
            % {"number": n}
            for n in (0, 1, 2)
        ]
    assert texts == ["0 offre ouverte", "1 offre ouverte", "2 offres ouvertes"]


def test_french_punctuation_takes_a_non_breaking_space():
    with translation.override("fr"):
        assert gettext("Status:") == f"Statut{NBSP}:"
        assert gettext("Wrong address?") == f"Mauvaise adresse{NBSP}?"


@BILINGUAL
@pytest.mark.django_db
def test_the_log_in_page_reads_french(client):
    with translation.override("fr"):
        url = reverse("account_login")
    response = client.get(url, headers={"accept-language": "fr"}, follow=True)

    assert response.status_code == 200
    content = response.content.decode()
    for label in (
        "Se connecter",
        "Identifiant oublié",
        "Mot de passe oublié",
        "Créer votre profil",
        f"Vous n'avez pas encore de compte{NBSP}?",
    ):
        assert label in content
    assert "Forgotten username" not in content


@BILINGUAL
@pytest.mark.django_db
def test_the_error_summary_reads_french(client):
    with translation.override("fr"):
        url = reverse("account_login")
    response = client.post(url, {}, headers={"accept-language": "fr"}, follow=True)

    content = response.content.decode()
    assert "Ce formulaire comporte des erreurs" in content
    assert f"Erreur{NBSP}:" in content


def test_the_alert_e_mail_reads_french():
    offer = {"title": "Comptable", "place": "Lyon", "contract": "CDI", "url": "u"}
    context = {
        "name": "Camille",
        "digest": True,
        "offers": [offer, offer],
        "alert_count": 2,
        "organisation_name": "Acme",
        "manage_url": "m",
        "unsubscribe_url": "s",
    }
    with translation.override("fr"):
        text = render_to_string("emails/alerts/new_offers.txt", context)

    for line in (
        "Bonjour Camille,",
        f"2 nouvelles offres correspondent à vos alertes emploi{NBSP}:",
        f"Lieu{NBSP}: Lyon",
        f"Modifiez vos alertes dans Mes paramètres{NBSP}:",
        f"Arrêter ces alertes (sans connexion){NBSP}:",
        "L'équipe carrières Acme",
    ):
        assert line in text


def test_the_upload_help_text_follows_the_page_language():
    """Form fields are built at import: their help text must still be translated
    when the page is shown, not when the module was loaded."""
    from candidates.documents import DocumentFileField

    field = DocumentFileField()
    with translation.override("fr"):
        french = str(field.help_text)
    with translation.override("en"):
        english = str(field.help_text)

    assert french.startswith(f"PDF, DOC, DOCX ou ODT{NBSP};")
    assert english.startswith("PDF, DOC, DOCX or ODT;")


@BILINGUAL
@pytest.mark.django_db
def test_the_error_summary_puts_a_french_space_before_the_colon(client):
    with translation.override("fr"):
        url = reverse("account_login")
    response = client.post(url, {}, headers={"accept-language": "fr"}, follow=True)

    assert f"Mot de passe{NBSP}: " in response.content.decode()
