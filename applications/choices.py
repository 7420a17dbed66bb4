"""The statuses of an application, as HR sets them and as candidates read them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    INTERVIEW = "interview", _("Interview")
    OFFER = "offer", _("Job offer made")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# What the candidate reads for each status.
CANDIDATE_LABELS = {
    Status.DRAFT: _("Draft, not sent"),
    Status.SUBMITTED: _("Sent"),
    Status.IN_REVIEW: _("In review"),
    Status.INTERVIEW: _("Interview"),
    Status.OFFER: _("Job offer made"),
    Status.HIRED: _("Closed: you are hired"),
    Status.REJECTED: _("Closed: not selected"),
    Status.WITHDRAWN: _("Closed: withdrawn"),
}
# Statuses HR may set from the admin.
HR_STATUSES = [
    Status.IN_REVIEW,
    Status.INTERVIEW,
    Status.OFFER,
    Status.HIRED,
    Status.REJECTED,
]
CLOSED = {Status.HIRED, Status.REJECTED, Status.WITHDRAWN}
# A candidate withdraws while the application is being considered.
WITHDRAWABLE = {Status.SUBMITTED, Status.IN_REVIEW, Status.INTERVIEW, Status.OFFER}
