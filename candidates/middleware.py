"""Throttling of the Wagtail admin's log-in per client address."""

from collections.abc import Callable

from allauth.core import ratelimit
from django.http import HttpRequest, HttpResponse
from django.urls import reverse


class AdminLoginThrottleMiddleware:
    """Counts log-in attempts on the Wagtail admin with those on the site's own
    log-in page (allauth's ``login`` rate per client address): past the limit, a
    429 page. The lock-out per account (axes) applies to both as well."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.login_path = reverse("wagtailadmin_login")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method == "POST"
            and request.path == self.login_path
            and not ratelimit.consume(request, action="login")
        ):
            return ratelimit.respond_429(request)
        return self.get_response(request)
