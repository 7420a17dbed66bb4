"""What ``make demo`` runs before serving: ``load_demo_data``, then, after
everything the loading printed (e-mails the demo sends, warnings), a short block
with the demo's address and its log-ins, the last thing before the server starts.
"""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.urls import reverse

RULE = "=" * 72


def demo_addresses(base_url: str) -> list[tuple[str, str]]:
    """What to open, and where: the site, the staff's and candidates' log-ins."""
    return [
        ("Open the demo at", urljoin(base_url, "/")),
        ("Staff log in at", urljoin(base_url, reverse("wagtailadmin_home"))),
        ("Candidates log in at", urljoin(base_url, reverse("account_login"))),
    ]


class Command(BaseCommand):
    help = "Loads the demo content, then prints the demo's address and log-ins last."

    def handle(self, *args: Any, **options: Any) -> None:
        summary = io.StringIO()
        call_command("load_demo_data", stdout=summary)
        self.stdout.write("\n" + RULE)
        self.stdout.write(summary.getvalue().rstrip("\n"))
        for label, url in demo_addresses(settings.WAGTAILADMIN_BASE_URL):
            self.stdout.write(f"{label + ':':<22}{url}")
        if settings.EMAIL_BACKEND.endswith(".console.EmailBackend"):
            self.stdout.write("E-mails the demo sends are printed in this terminal.")
        self.stdout.write(RULE)
