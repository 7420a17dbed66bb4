"""The custom user: e-mail and username unique regardless of case."""

import pytest
from django.db import IntegrityError, transaction

from candidates.factories import UserFactory
from candidates.models import User

pytestmark = pytest.mark.django_db


def test_email_is_unique_regardless_of_case():
    UserFactory(username="jane", email="Jane.Doe@Example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(username="other", email="jane.doe@example.ORG")


def test_username_is_unique_regardless_of_case():
    UserFactory(username="Jane", email="a@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(username="jANE", email="b@example.org", password="x")


def test_natural_key_lookup_ignores_case():
    user = UserFactory(username="Jane", email="a@example.org")
    assert User.objects.get_by_natural_key("JANE") == user


def test_user_model_is_the_project_one(django_user_model):
    assert django_user_model is User
    assert User._meta.db_table == "candidates_user"
