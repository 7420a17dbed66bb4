"""Fixed lists of an offer's facts, each mapped to schema.org where search engines
need a value of their own."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    FIXED_TERM = "fixed_term", _("Fixed-term")
    INTERNSHIP = "internship", _("Internship")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
    TEMPORARY = "temporary", _("Temporary")
    FREELANCE = "freelance", _("Freelance")


class RemotePolicy(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    HYBRID = "hybrid", _("Hybrid")
    FULL_REMOTE = "full_remote", _("Full remote")


class WorkingTime(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")


class ExperienceLevel(models.TextChoices):
    ENTRY = "entry", _("Entry level (no experience required)")
    JUNIOR = "junior", _("Junior (1 to 2 years)")
    CONFIRMED = "confirmed", _("Confirmed (3 to 5 years)")
    SENIOR = "senior", _("Senior (more than 5 years)")


class SalaryPeriod(models.TextChoices):
    HOUR = "HOUR", _("per hour")
    DAY = "DAY", _("per day")
    MONTH = "MONTH", _("per month")
    YEAR = "YEAR", _("per year")


class SortOrder(models.TextChoices):
    NEWEST = "newest", _("Newest first")
    CLOSING = "closing", _("Closing soon")


# schema.org JobPosting.employmentType of each contract, besides full or part time.
EMPLOYMENT_TYPES = {
    ContractType.PERMANENT: [],
    ContractType.FIXED_TERM: ["TEMPORARY"],
    ContractType.INTERNSHIP: ["INTERN"],
    ContractType.APPRENTICESHIP: ["OTHER"],
    ContractType.TEMPORARY: ["TEMPORARY"],
    ContractType.FREELANCE: ["CONTRACTOR"],
}
WORKING_TIME_TYPES = {
    WorkingTime.FULL_TIME: "FULL_TIME",
    WorkingTime.PART_TIME: "PART_TIME",
}
# OccupationalExperienceRequirements.monthsOfExperience of each level.
MONTHS_OF_EXPERIENCE = {
    ExperienceLevel.JUNIOR: 12,
    ExperienceLevel.CONFIRMED: 36,
    ExperienceLevel.SENIOR: 60,
}


class QuestionKind(models.TextChoices):
    """The kinds of question HR asks candidates in an offer's application form."""

    YES_NO = "yes_no", _("Yes or no")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    SHORT_TEXT = "short_text", _("Short text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")


# The values of a yes/no answer, as stored with an application.
YES = "yes"
NO = "no"
