"""Which alerts an offer matches: every criterion, their combinations, keywords."""

from __future__ import annotations

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from alerts.factories import JobAlertFactory
from alerts.keywords import fold, words
from alerts.matching import matching_alerts, offer_words
from alerts.models import AlertDelivery, JobAlert
from alerts.sending import open_offers
from candidates.factories import UserFactory

from .world import build_world


class MatchingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = world = build_world()
        cls.eng, cls.sales = world.families["engineering"], world.families["sales"]
        cls.lyon, cls.paris, cls.brussels = (
            world.places[key] for key in ("lyon", "paris", "brussels")
        )
        cls.offer = world.publish(
            world.draft(
                "Senior Python Developers",
                job_family=cls.eng,
                locations=[cls.lyon, cls.paris],
                contract_type="permanent",
                remote_policy="hybrid",
                body="You build logistics software with Django and PostgreSQL, "
                "at Café Zoë.",
            )
        )

    def matches(self, **criteria) -> bool:
        alert = JobAlertFactory(**criteria)
        return matching_alerts(self.offer).filter(pk=alert.pk).exists()

    def test_an_alert_without_criteria_matches_every_offer(self):
        self.assertTrue(self.matches())

    def test_job_family(self):
        self.assertTrue(self.matches(job_families=[self.eng]))
        self.assertTrue(self.matches(job_families=[self.sales, self.eng]))
        self.assertFalse(self.matches(job_families=[self.sales]))

    def test_location_matches_any_of_the_offers_places(self):
        self.assertTrue(self.matches(locations=[self.paris]))
        self.assertTrue(self.matches(locations=[self.brussels, self.lyon]))
        self.assertFalse(self.matches(locations=[self.brussels]))

    def test_contract_type(self):
        self.assertTrue(self.matches(contract_types=["permanent"]))
        self.assertTrue(self.matches(contract_types=["internship", "permanent"]))
        self.assertFalse(self.matches(contract_types=["fixed_term"]))
        # A value that contains another's text is not mistaken for it.
        self.assertFalse(self.matches(contract_types=["perm"]))

    def test_remote_policy(self):
        self.assertTrue(self.matches(remote_policies=["hybrid"]))
        self.assertTrue(self.matches(remote_policies=["full_remote", "hybrid"]))
        self.assertFalse(self.matches(remote_policies=["on_site"]))

    def test_every_criterion_given_must_be_met(self):
        full = {
            "keywords": "python",
            "job_families": [self.eng],
            "locations": [self.lyon],
            "contract_types": ["permanent"],
            "remote_policies": ["hybrid"],
        }
        self.assertTrue(self.matches(**full))
        for key, wrong in {
            "keywords": "java",
            "job_families": [self.sales],
            "locations": [self.brussels],
            "contract_types": ["internship"],
            "remote_policies": ["on_site"],
        }.items():
            with self.subTest(wrong=key):
                self.assertFalse(self.matches(**{**full, key: wrong}))

    def test_keywords_in_the_title_or_the_body(self):
        self.assertTrue(self.matches(keywords="python"))  # title
        self.assertTrue(self.matches(keywords="postgresql"))  # body
        self.assertTrue(self.matches(keywords="python logistics"))  # both
        self.assertFalse(self.matches(keywords="kotlin"))

    def test_keywords_anywhere_the_listings_search_looks(self):
        """An alert made from a search receives the offers that search lists:
        words of the missions, the profile, the reference and the places'
        regions count too."""
        offer = self.world.publish(
            self.world.draft(
                "Platform engineer",
                job_family=self.eng,
                locations=[self.lyon],
                missions="<p>You run our <b>Kubernetes</b> clusters.</p>",
                profile="<p>You write Rust.</p>",
                reference="NW-77",
            )
        )
        for given in ("kubernetes", "rust", "nw 77", "cluster", "region"):
            alert = JobAlertFactory(keywords=given)
            with self.subTest(keywords=given):
                self.assertTrue(matching_alerts(offer).filter(pk=alert.pk).exists())
        alert = JobAlertFactory(keywords="kubernetes python")
        self.assertFalse(matching_alerts(offer).filter(pk=alert.pk).exists())
        self.assertNotIn("b", offer_words(offer))  # the text, not its markup

    def test_every_keyword_must_appear(self):
        self.assertTrue(self.matches(keywords="django python senior"))
        self.assertFalse(self.matches(keywords="django python kotlin"))

    def test_keywords_ignore_case_accents_and_plurals(self):
        self.assertTrue(self.matches(keywords="PYTHON developer"))  # "Developers"
        self.assertTrue(self.matches(keywords="cafe zoe"))
        self.assertTrue(self.matches(keywords="Sénior"))
        self.assertTrue(self.matches(keywords="  python,   django! "))

    def test_keywords_are_whole_words(self):
        self.assertFalse(self.matches(keywords="pyth"))
        self.assertFalse(self.matches(keywords="postgres"))

    def test_the_offers_family_and_places_count_as_words(self):
        # As in the listing's search, where "lyon" finds the offers in Lyon.
        self.assertTrue(self.matches(keywords="python lyon"))
        self.assertTrue(self.matches(keywords="engineering"))

    def test_stopped_alerts_and_inactive_accounts_are_left_out(self):
        self.assertFalse(self.matches(active=False))
        self.assertFalse(self.matches(candidate=UserFactory(is_active=False)))
        self.assertFalse(self.matches(candidate=UserFactory(email="")))

    def test_a_candidate_already_sent_the_offer_is_left_out(self):
        alert = JobAlertFactory()
        AlertDelivery.objects.create(
            alert=None, candidate=alert.candidate, offer=self.offer, frequency="daily"
        )
        self.assertFalse(matching_alerts(self.offer).filter(pk=alert.pk).exists())
        self.assertFalse(self.matches(candidate=alert.candidate, keywords="python"))
        self.assertFalse(
            matching_alerts(self.offer).filter(candidate=alert.candidate).exists()
        )

    def test_keywords_are_stored_as_folded_words(self):
        alert = JobAlertFactory(keywords="  Développeurs   PYTHON python ")
        self.assertEqual(alert.keywords, "Développeurs PYTHON python")
        self.assertEqual(
            sorted(alert.keyword_rows.values_list("word", flat=True)),
            ["developpeur", "python"],
        )
        alert.keywords = ""
        alert.save()
        self.assertFalse(alert.keyword_rows.exists())

    def test_offer_words(self):
        found = offer_words(self.offer)
        for word in ("senior", "python", "developer", "django", "cafe", "lyon"):
            self.assertIn(word, found)
        self.assertEqual(fold("Analyses"), "analyse")
        self.assertEqual(fold("business"), "business")
        self.assertEqual(words("a-b A"), ["a", "b"])

    def test_the_number_of_queries_does_not_grow_with_the_alerts(self):
        def count_queries() -> int:
            offer = open_offers().get(pk=self.offer.pk)
            with CaptureQueriesContext(connection) as queries:
                list(matching_alerts(offer).values_list("pk", "candidate_id"))
            return len(queries)

        JobAlertFactory(keywords="python", locations=[self.lyon])
        JobAlertFactory(job_families=[self.sales])
        few = count_queries()
        for number in range(30):
            JobAlertFactory(
                keywords=f"word{number} python",
                job_families=[self.eng if number % 2 else self.sales],
                locations=[self.paris],
                contract_types=["permanent"],
            )
        self.assertEqual(count_queries(), few)
        self.assertLessEqual(few, 1)
        self.assertEqual(JobAlert.objects.count(), 32)
