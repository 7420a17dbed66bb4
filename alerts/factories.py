"""Factories of job alerts, shared by the tests, the demo data and the benchmark."""

import factory

from candidates.factories import UserFactory

from .choices import Frequency
from .models import JobAlert


class JobAlertFactory(factory.django.DjangoModelFactory):
    """An active immediate alert with no criterion unless given; ``job_families``
    and ``locations`` take lists."""

    candidate = factory.SubFactory(UserFactory)
    keywords = ""
    frequency = Frequency.IMMEDIATE
    active = True

    class Meta:
        model = JobAlert
        skip_postgeneration_save = True

    @factory.post_generation
    def job_families(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.job_families.set(extracted)

    @factory.post_generation
    def locations(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.locations.set(extracted)
