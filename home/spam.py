"""A per-client-address rate limit for public forms, kept in the cache."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def client_address(request: HttpRequest) -> str:
    """The client's address, trusting only as many proxies as configured."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


class ContactRateLimiter:
    """Allows ``CONTACT_RATE_LIMIT`` messages per address and window."""

    def __init__(self, request: HttpRequest, scope: str = "contact") -> None:
        self.key = f"ratelimit:{scope}:{client_address(request)}"
        self.limit = settings.CONTACT_RATE_LIMIT
        self.window = settings.CONTACT_RATE_WINDOW

    def allow(self) -> bool:
        """Counts this attempt; False once the address went over the limit."""
        cache.add(self.key, 0, timeout=self.window)
        try:
            count = cache.incr(self.key)
        except ValueError:  # the key expired between add and incr
            cache.set(self.key, 1, timeout=self.window)
            count = 1
        return count <= self.limit

    def message(self) -> str:
        minutes = max(1, self.window // 60)
        return (
            ngettext(
                "Too many messages were sent from your connection. "
                "Please try again in %(minutes)d minute.",
                "Too many messages were sent from your connection. "
                "Please try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes}
            + " "
            + _("For an urgent question, write to us by e-mail.")
        )
