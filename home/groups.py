"""The names of the staff groups, created by ``home/migrations/0002_staff_groups``.

HR recruiters publish offers and review applications; content editors maintain the
content pages and never see candidate data. Both reach the Wagtail admin.
"""

HR_RECRUITERS = "HR recruiters"
CONTENT_EDITORS = "Content editors"
