"""Factories of users and of what candidates store, shared by the tests and the
demo data."""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from .models import (
    CandidateProfile,
    Consent,
    Education,
    Experience,
    SavedOffer,
    User,
)


class UserFactory(factory.django.DjangoModelFactory):
    """A candidate with a usable password (``password`` unless given)."""

    username = factory.Sequence(lambda n: f"candidate{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("password")

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create: bool, extracted: list[str] | None, **kwargs) -> None:
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))


class EmailAddressFactory(factory.django.DjangoModelFactory):
    """The allauth record of a user's address, verified unless told otherwise."""

    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda address: address.user.email)
    verified = True
    primary = True

    class Meta:
        model = EmailAddress
        django_get_or_create = ("user", "email")


class CandidateProfileFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    headline = "Logistics coordinator"
    phone = "+33 1 23 45 67 89"
    city = "Lyon"
    country = "France"

    class Meta:
        model = CandidateProfile
        django_get_or_create = ("user",)


class ExperienceFactory(factory.django.DjangoModelFactory):
    profile = factory.SubFactory(CandidateProfileFactory)
    job_title = "Logistics coordinator"
    employer = "Acme Transport"
    location = "Lyon"
    start_date = datetime.date(2021, 3, 1)
    end_date = None
    description = "Planning of deliveries for 40 drivers."

    class Meta:
        model = Experience


class EducationFactory(factory.django.DjangoModelFactory):
    profile = factory.SubFactory(CandidateProfileFactory)
    qualification = "Bachelor's degree"
    institution = "University of Lyon"
    field_of_study = "Supply chain management"
    start_year = 2017
    end_year = 2020

    class Meta:
        model = Education


class ConsentFactory(factory.django.DjangoModelFactory):
    """An acceptance of the published Data Protection Agreement (which must
    exist) unless a ``revision`` is given."""

    user = factory.SubFactory(UserFactory)

    class Meta:
        model = Consent
        django_get_or_create = ("user", "revision")

    @factory.lazy_attribute
    def revision(self):
        from .consent import current_agreement, published_revision

        agreement = current_agreement()
        if agreement is None:
            raise ValueError("ConsentFactory needs a live DataProtectionPage.")
        return published_revision(agreement)


class SavedOfferFactory(factory.django.DjangoModelFactory):
    """An offer a candidate saved (give the ``offer``: a live ``OfferPage``)."""

    candidate = factory.SubFactory(UserFactory)

    class Meta:
        model = SavedOffer
