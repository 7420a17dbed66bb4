"""The candidate's data rights in "My parameters": "Download my data" and
"Delete my account" (the rules are in ``candidates.privacy``)."""

from __future__ import annotations

from typing import Any

from allauth.core import ratelimit
from django import forms
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from home.storage import StorageUnavailable

from .models import User
from .privacy import build_export, erase_candidate, export_filename, is_candidate


class DeleteAccountForm(forms.Form):
    """The password, asked again before the account is erased."""

    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy("To confirm that you are the owner of the account."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("This is not your password. Nothing was deleted."),
                code="wrong_password",
            )
        return password


@never_cache
@login_required
def export_data(request: HttpRequest) -> HttpResponse:
    """ "Download my data": what the zip holds, and a button that sends it."""
    error = ""
    if request.method == "POST":
        if not ratelimit.consume(request, action="export_data"):
            return ratelimit.respond_429(request)
        try:
            archive = build_export(request.user)
        except StorageUnavailable:
            error = _(
                "Your documents cannot be read right now, so the download was not "
                "made. Please try again in a few minutes."
            )
        else:
            response = FileResponse(
                archive,
                as_attachment=True,
                filename=export_filename(),
                content_type="application/zip",
            )
            response["Cache-Control"] = "private, no-store"
            return response
    return render(
        request,
        "candidates/data_export.html",
        {"error": error},
        status=503 if error else 200,
    )


@never_cache
@login_required
@sensitive_post_parameters("password")
def delete_account(request: HttpRequest) -> HttpResponse:
    """ "Delete my account": what goes and what stays, then the password."""
    if not is_candidate(request.user):
        # Staff accounts are managed by administrators.
        return render(request, "candidates/account_delete.html", {}, status=403)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        erase_candidate(request.user)
        logout(request)
        return redirect("candidates:account_deleted")
    return render(
        request,
        "candidates/account_delete.html",
        {
            "form": form,
            "candidate": True,
            "anonymise": settings.ERASURE_SENT_APPLICATIONS != "delete",
        },
    )


def account_deleted(request: HttpRequest) -> HttpResponse:
    """Where a deleted account lands, logged out."""
    return render(request, "candidates/account_deleted.html")
