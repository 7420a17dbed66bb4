"""Saved offers: a candidate saves an offer from its card or page (a visitor logs
in first, then confirms), finds it under "Saved offers" with closed offers marked,
removes it; the saved offers are in "Download my data" and go with the account."""

from __future__ import annotations

import io
import json
import zipfile

from django.test import Client
from django.urls import reverse

from candidates.factories import SavedOfferFactory
from candidates.models import SavedOffer
from candidates.saved_offers import remove_saved_offer, save_offer
from offers.factories import OfferPageFactory
from privacy.erasure import erase_candidate
from privacy.export import build_export
from tests.applications.world import ApplicationsTestCase

PASSWORD = "password"


def save_url(offer) -> str:
    return reverse("candidates:save_offer", args=[offer.pk])


def remove_url(offer) -> str:
    return reverse("candidates:remove_saved_offer", args=[offer.pk])


class SavedOfferServiceTests(ApplicationsTestCase):
    def test_saving_twice_keeps_one(self):
        first = save_offer(self.candidate, self.offer)
        second = save_offer(self.candidate, self.offer)
        self.assertEqual(first.pk, second.pk)
        self.assertEqual(SavedOffer.objects.filter(candidate=self.candidate).count(), 1)

    def test_removing_touches_only_the_candidates_own(self):
        SavedOfferFactory(candidate=self.other, offer=self.offer)
        self.assertFalse(remove_saved_offer(self.candidate, self.offer.pk))
        save_offer(self.candidate, self.offer)
        self.assertTrue(remove_saved_offer(self.candidate, self.offer.pk))
        self.assertEqual(
            list(SavedOffer.objects.values_list("candidate", flat=True)),
            [self.other.pk],
        )


class SaveViewTests(ApplicationsTestCase):
    def saved(self) -> bool:
        return SavedOffer.objects.filter(
            candidate=self.candidate, offer=self.offer
        ).exists()

    def test_a_candidate_saves_and_goes_back_where_they_were(self):
        self.client.force_login(self.candidate)
        listing = self.index.url + "?family=engineering"
        response = self.client.post(save_url(self.offer), {"next": listing})
        self.assertRedirects(response, listing, fetch_redirect_response=False)
        self.assertTrue(self.saved())

    def test_a_next_to_another_site_goes_back_to_the_offer(self):
        self.client.force_login(self.candidate)
        for target in ("https://evil.example/", "//evil.example/offers/"):
            with self.subTest(target=target):
                response = self.client.post(save_url(self.offer), {"next": target})
                self.assertRedirects(
                    response, self.offer.url, fetch_redirect_response=False
                )

    def test_the_get_only_asks_to_confirm(self):
        self.client.force_login(self.candidate)
        response = self.client.get(save_url(self.offer), {"next": self.offer.url})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "data-confirm-save")
        self.assertContains(response, 'method="post"')
        self.assertFalse(SavedOffer.objects.exists())

    def test_a_post_without_its_csrf_token_is_refused(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.candidate)
        self.assertEqual(client.post(save_url(self.offer)).status_code, 403)
        SavedOfferFactory(candidate=self.candidate, offer=self.offer)
        self.assertEqual(client.post(remove_url(self.offer)).status_code, 403)
        self.assertEqual(SavedOffer.objects.count(), 1)

    def test_an_unknown_or_unpublished_offer_is_not_found(self):
        self.client.force_login(self.candidate)
        self.offer.unpublish()
        self.assertEqual(self.client.post(save_url(self.offer)).status_code, 404)
        self.assertEqual(self.client.post(save_url(self.index)).status_code, 404)
        self.assertFalse(SavedOffer.objects.exists())

    def test_removing_is_a_post_and_touches_only_ones_own(self):
        SavedOfferFactory(candidate=self.other, offer=self.offer)
        SavedOfferFactory(candidate=self.candidate, offer=self.offer)
        self.client.force_login(self.candidate)
        self.assertEqual(self.client.get(remove_url(self.offer)).status_code, 405)
        response = self.client.post(remove_url(self.offer))
        self.assertRedirects(
            response,
            reverse("candidates:saved_offers"),
            fetch_redirect_response=False,
        )
        self.assertEqual(
            list(SavedOffer.objects.values_list("candidate", flat=True)),
            [self.other.pk],
        )

    def test_a_visitor_logs_in_then_confirms_and_comes_back_to_the_offer(self):
        link = save_url(self.offer) + "?next=" + self.offer.url
        html = self.client.get(self.offer.url).content.decode()
        self.assertIn(f'href="{save_url(self.offer)}?next=', html)
        response = self.client.get(link)
        self.assertEqual(response.status_code, 302)
        login = response["Location"]
        self.assertTrue(login.startswith(reverse("account_login")))
        response = self.client.post(
            login, {"login": "jane", "password": PASSWORD}, follow=True
        )
        self.assertContains(response, "data-confirm-save")
        self.assertFalse(SavedOffer.objects.exists())
        response = self.client.post(
            save_url(self.offer), {"next": self.offer.url}, follow=True
        )
        self.assertEqual(response.redirect_chain[-1][0], self.offer.url)
        self.assertContains(response, "is in your saved offers")
        self.assertContains(response, 'aria-pressed="true"')
        self.assertTrue(self.saved())


class SaveToggleTests(ApplicationsTestCase):
    def test_a_visitor_gets_the_same_link_to_log_in(self):
        for url in (self.offer.url, self.index.url):
            with self.subTest(url=url):
                html = self.client.get(url).content.decode()
                self.assertIn(f'href="{save_url(self.offer)}?next=', html)
                self.assertNotIn("aria-pressed", html)

    def test_a_candidate_sees_whether_they_saved_it(self):
        SavedOfferFactory(candidate=self.other, offer=self.offer)
        self.client.force_login(self.candidate)
        for url in (self.offer.url, self.index.url):
            with self.subTest(url=url):
                html = self.client.get(url).content.decode()
                self.assertIn(f'action="{save_url(self.offer)}"', html)
                self.assertIn('aria-pressed="false"', html)
                self.assertNotIn('aria-pressed="true"', html)
        SavedOfferFactory(candidate=self.candidate, offer=self.offer)
        for url in (self.offer.url, self.index.url):
            with self.subTest(url=url, saved=True):
                html = self.client.get(url).content.decode()
                self.assertIn(f'action="{remove_url(self.offer)}"', html)
                self.assertIn('aria-pressed="true"', html)


class SavedOfferListTests(ApplicationsTestCase):
    def test_lists_the_candidates_own_with_closed_ones_marked(self):
        SavedOfferFactory(candidate=self.candidate, offer=self.offer)
        SavedOfferFactory(candidate=self.candidate, offer=self.closed_offer)
        other_offer = OfferPageFactory(parent=self.index, title="Other's")
        SavedOfferFactory(candidate=self.other, offer=other_offer)
        self.client.force_login(self.candidate)
        response = self.client.get(reverse("candidates:saved_offers"))
        html = response.content.decode()
        self.assertEqual(html.count("data-saved-offer"), 2)
        self.assertEqual(html.count("data-closed"), 1)
        self.assertIn(self.offer.title, html)
        self.assertIn(self.closed_offer.title, html)
        self.assertNotIn("Other&#x27;s", html)
        self.assertIn(f'action="{remove_url(self.closed_offer)}"', html)

    def test_the_space_links_to_them(self):
        self.client.force_login(self.candidate)
        response = self.client.get(reverse("candidates:space"))
        self.assertContains(response, f'href="{reverse("candidates:saved_offers")}"')

    def test_a_log_in_is_needed(self):
        response = self.client.get(reverse("candidates:saved_offers"))
        self.assertEqual(response.status_code, 302)


class SavedOfferPrivacyTests(ApplicationsTestCase):
    def test_download_my_data_holds_them(self):
        SavedOfferFactory(candidate=self.candidate, offer=self.offer)
        SavedOfferFactory(candidate=self.other, offer=self.closed_offer)
        with zipfile.ZipFile(io.BytesIO(build_export(self.candidate).read())) as zip_:
            saved = json.loads(zip_.read("data.json"))["saved_offers"]
        self.assertEqual([entry["offer"] for entry in saved], [self.offer.title])

    def test_they_go_with_the_account(self):
        SavedOfferFactory(candidate=self.candidate, offer=self.offer)
        SavedOfferFactory(candidate=self.other, offer=self.offer)
        self.assertTrue(erase_candidate(self.candidate))
        self.assertEqual(
            list(SavedOffer.objects.values_list("candidate", flat=True)),
            [self.other.pk],
        )
