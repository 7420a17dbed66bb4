"""The renewal of the Data Protection Agreement's acceptance: a candidate who
accepted an earlier version goes nowhere else until they accept the published
one, but may always leave, read it, take their data or delete their account."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from wagtail.models import Site

from candidates.consent import cached_renewal_state, must_renew_consent

# Views a candidate reaches while a new version of the agreement waits for their
# answer: leaving, reading the agreement, taking their data and deleting the
# account (rights that do not depend on accepting), machines' URLs.
ALWAYS_OPEN = {
    "account_logout",
    "privacy:renew_consent",
    "privacy:export_data",
    "privacy:delete_account",
    "privacy:account_deleted",
    "healthz",
    "robots_txt",
    "sitemap",
}
# Open to POST only: the mail client's one-click unsubscribe.
OPEN_TO_POST = {"alerts:unsubscribe"}


class ConsentRenewalMiddleware:
    """Sends a candidate who accepted an earlier version of the Data Protection
    Agreement to the renewal page (then back where they were going) until they
    accept the published one. Staff and anonymous visitors pass untouched.

    One query per request of a logged-in candidate, none for anyone else.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        # Files, and the Wagtail admin: only staff work there, and a candidate
        # has no access to it anyway.
        self.skipped_prefixes = tuple(
            prefix
            for prefix in (
                settings.STATIC_URL,
                settings.MEDIA_URL,
                reverse("wagtailadmin_home"),
            )
            if prefix and prefix.startswith("/")
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if request.path_info.startswith(self.skipped_prefixes):
            return None
        match = request.resolver_match
        name = match.view_name if match else ""
        if name in ALWAYS_OPEN or (name in OPEN_TO_POST and request.method == "POST"):
            return None
        if not must_renew_consent(request):
            return None
        if name == "wagtail_serve" and self._is_agreement(request, view_args):
            return None
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse('privacy:renew_consent')}?{query}")

    @staticmethod
    def _is_agreement(request: HttpRequest, view_args: tuple[Any, ...]) -> bool:
        """Whether Wagtail is about to serve the agreement page itself."""
        state = cached_renewal_state(request)
        if not state or not state.agreement_path or not view_args:
            return False
        requested = view_args[0] or ""
        return any(
            state.agreement_path == root.root_path + requested
            for root in Site.get_site_root_paths()
        )
