"""Factories of users, shared by the tests and the demo data."""

import factory
from django.contrib.auth.models import Group

from .models import User


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
