"""Loads the demo site: every installed app's ``demo.load_demo()``, in the order of
``INSTALLED_APPS`` (pages, then offers, users, applications, alerts), each
returning the lines it wants printed (the demo log-ins).

Idempotent: what exists already is left as it is (users get their demo password
back), so the command can run before every ``make demo``.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from home.search import deferred_indexing


def demo_loaders() -> list[Callable[[], list[str]]]:
    """The ``load_demo`` function of each installed app's ``demo`` module."""
    loaders = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "demo"):
            module = import_module(f"{config.name}.demo")
            if hasattr(module, "load_demo"):
                loaders.append(module.load_demo)
    return loaders


class Command(BaseCommand):
    help = "Loads the demo content and users (idempotent, fixed seed)."

    def handle(self, *args: Any, **options: Any) -> None:
        lines: list[str] = []
        with transaction.atomic(), deferred_indexing():
            for load_demo in demo_loaders():
                lines += load_demo()
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        for line in lines:
            self.stdout.write(line)
