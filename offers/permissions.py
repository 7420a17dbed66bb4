"""Who may touch offers in the admin: HR recruiters, not content editors.

Wagtail's page permissions flow down the tree, so the editors' rights on the home
page would reach the offers below it. The offer pages therefore ask for one more
permission, ``offers.manage_offers`` (granted to HR recruiters by a migration):
without it a user keeps no right at all on the offer index and its offers.
"""

from __future__ import annotations

from wagtail.models import PagePermissionTester

MANAGE_OFFERS = "offers.manage_offers"


def can_manage_offers(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(MANAGE_OFFERS))


class OfferPermissionTester(PagePermissionTester):
    """Wagtail's page permissions, emptied for users who cannot manage offers."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.manages_offers = can_manage_offers(user)
        if user.is_active and not self.manages_offers:
            self.permissions = set()

    def can_edit(self) -> bool:
        # Also closes the door a moderation workflow would open.
        return self.manages_offers and super().can_edit()
