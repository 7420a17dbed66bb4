"""The phone journeys in French, in one pass at 390 px: a search without results
-> "Créer une alerte pour cette recherche" -> log in -> the alert saved -> apply
to a French offer -> "Télécharger mes données". Every page says it is French, is
checked with axe-core, and is valid HTML for the Nu HTML Checker."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from playwright.sync_api import Page, expect

from alerts.models import JobAlert
from candidates.models import User
from tests.html_checker import validate

from .conftest import assert_accessible, open_page

pytestmark = pytest.mark.html_checker

USERNAME = "candidate"
PASSWORD = "candidate-demo-pass"


class Visited:
    """Checks each page the journey shows and keeps its HTML for the checker."""

    def __init__(self, page: Page, folder: Path) -> None:
        self.page = page
        self.folder = folder
        self.files: list[Path] = []

    def check(self) -> None:
        expect(self.page.locator("html")).to_have_attribute("lang", "fr")
        # Kept before axe-core adds its script to the page.
        file = self.folder / f"page{len(self.files)}.html"
        file.write_text(self.page.content())
        self.files.append(file)
        assert_accessible(self.page)


def french_offer_to_apply_to():
    """An open French offer without questions, that the candidate has not
    applied to."""
    offer_model = apps.get_model("offers", "OfferPage")
    offers = (
        offer_model.objects.open()
        .filter(locale__language_code="fr")
        .exclude(applications__candidate__username=USERNAME)
        .order_by("pk")
    )
    return next(offer for offer in offers if not offer.questions)


def test_french_journey_on_a_phone(browser, live_server, e2e_site, tmp_path):
    offer = french_offer_to_apply_to()
    # The demo candidate reads French: alerts and e-mails follow.
    User.objects.filter(username=USERNAME).update(language="fr")
    page = open_page(browser, live_server, "phone")
    seen = Visited(page, tmp_path)
    heading = page.get_by_role("heading", level=1)

    # A search without results, then an alert for it.
    page.goto("/fr/offres/?q=quantique")
    seen.check()
    page.get_by_role("link", name="Créer une alerte pour cette recherche").click()
    expect(page).to_have_url(re.compile(r"/fr/account/login/\?next="))
    seen.check()
    page.get_by_label("Identifiant ou adresse e-mail").fill(USERNAME)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(heading).to_have_text("Nouvelle alerte")
    expect(page.get_by_label("Mots-clés")).to_have_value("quantique")
    seen.check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(heading).to_have_text("Mes paramètres")
    seen.check()
    alert = JobAlert.objects.get(candidate__username=USERNAME, keywords="quantique")
    assert alert.languages == ["fr"]

    # Apply to a French offer.
    page.goto(offer.url)
    seen.check()
    page.get_by_role("link", name=re.compile(r"^Postuler")).first.click()
    expect(heading).to_contain_text(offer.title)
    seen.check()
    cv = page.locator('input[name="cv"]').first
    if cv.count():
        cv.check()
    page.get_by_label("Message aux RH (facultatif)").fill("Disponible en juin.")
    page.get_by_role("button", name="Envoyer ma candidature").click()
    expect(page.locator("[data-status]")).to_have_text("Reçue")
    seen.check()
    application = apps.get_model("applications", "Application").objects.get(
        offer=offer, candidate__username=USERNAME
    )
    assert application.language == "fr"

    # "Télécharger mes données": the zip holds the new application.
    page.goto("/fr/me/parameters/")
    page.get_by_role("link", name="Télécharger mes données").first.click()
    expect(heading).to_have_text("Télécharger mes données")
    seen.check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Télécharger mes données (zip)").click()
    archive = zipfile.ZipFile(io.BytesIO(download_info.value.path().read_bytes()))
    data = json.loads(archive.read("data.json"))
    assert data["account"]["username"] == USERNAME
    assert offer.title in json.dumps(data, ensure_ascii=False)
    page.context.close()

    errors = validate(seen.files)
    readable = [
        f"{Path(message['url']).name}:{message.get('lastLine')}: {message['message']}"
        for message in errors
    ]
    assert errors == [], "\n".join(readable)
