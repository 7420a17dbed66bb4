"""The Content-Security-Policy of the site: strict on the public pages, relaxed only
under the Wagtail admin, whose pages still carry inline scripts and styles."""

from __future__ import annotations

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse

# What the Wagtail admin needs on top of the site's policy: its inline scripts and
# styles, image previews from anywhere (embeds), and its own preview frames.
ADMIN_POLICY_REPLACEMENTS = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "frame-src": [SELF, "https:"],
    "frame-ancestors": [SELF],
}
ADMIN_IMAGE_SOURCES = ["data:", "blob:", "https:"]


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with ``ADMIN_POLICY_REPLACEMENTS`` under the admin."""

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(reverse("wagtailadmin_home")):
            policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
            site_images = policy.get("DIRECTIVES", {}).get("img-src", [SELF])
            parts.replace = {
                **ADMIN_POLICY_REPLACEMENTS,
                "img-src": [*site_images, *ADMIN_IMAGE_SOURCES],
                **(parts.replace or {}),
            }
        return parts
