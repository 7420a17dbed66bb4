"""The statuses of an application as the candidate reads them (the public
vocabulary, the same in "My applications", e-mails, exports and the admin), and
where candidates came from. HR's own steps are stages (``models.Stage``), each
mapped to one of these public statuses so internal stages never leak."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft, not sent")
    SUBMITTED = "submitted", _("Received")
    IN_REVIEW = "in_review", _("Under review")
    INTERVIEW = "interview", _("Interview")
    HIRED = "hired", _("Decision: hired")
    REJECTED = "rejected", _("Decision: not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The public statuses a stage of HR's pipeline may show.
STAGE_STATUSES = [
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.INTERVIEW,
    Status.HIRED,
    Status.REJECTED,
]
DECISIONS = {Status.HIRED, Status.REJECTED}
CLOSED = {Status.HIRED, Status.REJECTED, Status.WITHDRAWN}
# A candidate withdraws while the application is being considered.
WITHDRAWABLE = {Status.SUBMITTED, Status.IN_REVIEW, Status.INTERVIEW}


class Source(models.TextChoices):
    """Where the candidate came from when they opened the offer."""

    CAREERS_SITE = "careers", _("Careers site")
    LINKEDIN = "linkedin", _("LinkedIn")
    INDEED = "indeed", _("Indeed")
    EMAIL_ALERT = "alert", _("E-mail alert")
    OTHER = "other", _("Other")
