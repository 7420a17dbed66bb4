"""The people who use the portal: candidates, HR recruiters and content editors."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class CandidateUserManager(UserManager):
    """Looks users up by username or e-mail regardless of case."""

    def get_by_natural_key(self, username: str) -> "User":
        return self.get(username__iexact=username)


class User(AbstractUser):
    """Every account of the site; a candidate is a user who is neither staff nor HR.

    E-mail addresses and usernames are unique regardless of case.
    """

    email = models.EmailField(_("e-mail address"), max_length=254)

    objects = CandidateUserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="candidates_user_email_ci_unique",
                violation_error_message=_(
                    "An account with this e-mail already exists."
                ),
            ),
            models.UniqueConstraint(
                Lower("username"),
                name="candidates_user_username_ci_unique",
                violation_error_message=_("This username is already taken."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).strip()
