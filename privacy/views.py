"""The candidate's data rights in "My parameters": "Download my data", "Delete my
account", the renewal of the Data Protection Agreement's acceptance, the versions
accepted and the optional consents."""

from __future__ import annotations

from allauth.account.utils import get_next_redirect_url
from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from candidates.consent import (
    consent_history,
    current_agreement,
    has_accepted_current_agreement,
    is_staff_user,
    published_revision,
)
from candidates.models import Consent
from home.storage import StorageUnavailable

from .erasure import erase_candidate, is_candidate
from .export import build_export, export_filename
from .forms import DeleteAccountForm, OptionalConsentsForm, RenewConsentForm


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
        "privacy/data_export.html",
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
        return render(request, "privacy/account_delete.html", {}, status=403)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        erase_candidate(request.user)
        logout(request)
        return redirect("privacy:account_deleted")
    return render(
        request,
        "privacy/account_delete.html",
        {
            "form": form,
            "candidate": True,
            "anonymise": settings.ERASURE_SENT_APPLICATIONS != "delete",
        },
    )


def account_deleted(request: HttpRequest) -> HttpResponse:
    """Where a deleted account lands, logged out."""
    return render(request, "privacy/account_deleted.html")


@never_cache
@login_required
def renew_consent(request: HttpRequest) -> HttpResponse:
    """Asks to accept the published Data Protection Agreement (a new version, or
    one never accepted), then returns where the candidate was going (``next``,
    on this site only)."""
    next_url = get_next_redirect_url(request)
    done_url = next_url or reverse("candidates:space")
    agreement = current_agreement()
    if (
        agreement is None
        or is_staff_user(request.user)
        or has_accepted_current_agreement(request.user)
    ):
        return redirect(done_url)
    # Bound on every POST: a form of checkboxes left unticked posts nothing.
    data = request.POST if request.method == "POST" else None
    form = RenewConsentForm(data, user=request.user, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, _("Thank you: you accepted the Data Protection Agreement.")
        )
        return redirect(done_url)
    history = consent_history(request.user)
    return render(
        request,
        "privacy/consent_renew.html",
        {
            "form": form,
            "agreement": agreement,
            "published_at": agreement.last_published_at
            or published_revision(agreement).created_at,
            "previous": history[0] if history else None,
            "next_url": next_url or "",
        },
    )


@login_required
def consent_version(request: HttpRequest, pk: int) -> HttpResponse:
    """The text of a version of the agreement that the candidate accepted."""
    consent = get_object_or_404(
        Consent.objects.select_related("revision"), pk=pk, user=request.user
    )
    return render(
        request,
        "privacy/consent_version.html",
        {"consent": consent, "version": consent.revision.as_object()},
    )


@login_required
def optional_consents(request: HttpRequest) -> HttpResponse:
    """Gives or withdraws the optional consents (each change is kept)."""
    data = request.POST if request.method == "POST" else None
    form = OptionalConsentsForm(data, user=request.user)
    if request.method == "POST" and form.is_valid():
        if form.save():
            messages.success(request, _("Your choices are saved."))
        else:
            messages.info(request, _("Nothing changed: your choices are the same."))
        return redirect(reverse("candidates:parameters") + "#consents")
    return render(request, "privacy/consent_optional_form.html", {"form": form})
