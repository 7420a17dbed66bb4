"""The data step of ``applications.0008_stages``: applications sent before
stages land on the stage of their former status ("job offer made" becomes the
"Offer" stage, read as "interview"; a withdrawn one stays where it was)."""

from __future__ import annotations

from importlib import import_module

from django.apps import apps

from applications.choices import Status
from applications.factories import ApplicationFactory
from applications.models import Application, Stage, StatusChange

from .world import ApplicationsTestCase

migration = import_module("applications.migrations.0008_stages")


class StagesMigrationTests(ApplicationsTestCase):
    def test_former_statuses_move_onto_stages(self):
        interview = ApplicationFactory(offer=self.offer, status=Status.INTERVIEW)
        offered = ApplicationFactory(offer=self.offer, status=Status.INTERVIEW)
        withdrawn = ApplicationFactory(offer=self.offer, status=Status.WITHDRAWN)
        draft = ApplicationFactory(offer=self.offer)
        # As they were before stages: no stage, "offer" a status of its own.
        Application.objects.update(stage=None)
        Application.objects.filter(pk=offered.pk).update(status="offer")
        StatusChange.objects.create(
            application=withdrawn, from_status="in_review", to_status="withdrawn"
        )
        migration.move_onto_stages(apps, None)
        found = {
            application.pk: (
                application.stage and application.stage.name,
                application.status,
            )
            for application in Application.objects.select_related("stage")
        }
        self.assertEqual(found[interview.pk], ("Interview", Status.INTERVIEW))
        self.assertEqual(found[offered.pk], ("Offer", Status.INTERVIEW))
        self.assertEqual(found[withdrawn.pk], ("Screening", Status.WITHDRAWN))
        self.assertEqual(found[draft.pk], (None, Status.DRAFT))
        self.assertEqual(Stage.objects.count(), 6)  # none created twice
