"""The candidate space at /me/ and the forgotten-username flow."""

from __future__ import annotations

from allauth.account import views as allauth_views
from allauth.account.utils import get_next_redirect_url
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from .consent import (
    consent_history,
    current_agreement,
    has_accepted_current_agreement,
    is_staff_user,
    published_revision,
)
from .emails import send_username_reminder
from .forms import (
    ChangeUsernameForm,
    EducationForm,
    ExperienceForm,
    ForgotUsernameForm,
    OptionalConsentsForm,
    ProfileForm,
    RenewConsentForm,
)
from .models import CandidateProfile, Consent, Education, Experience
from .verification import has_verified_email


def _profile_of(request: HttpRequest) -> CandidateProfile:
    profile, _created = CandidateProfile.objects.get_or_create(user=request.user)
    profile.user = request.user
    return profile


@login_required
def candidate_space(request: HttpRequest) -> HttpResponse:
    """The entry of the candidate space: profile, documents, applications,
    parameters."""
    return render(
        request,
        "candidates/space.html",
        {"email_verified": has_verified_email(request.user)},
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """ "My profile": identity and contact details, experience, education."""
    candidate_profile = _profile_of(request)
    form = ProfileForm(request.POST or None, instance=candidate_profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("candidates:profile")
    return render(
        request,
        "candidates/candidate_profile.html",
        {
            "form": form,
            "experiences": candidate_profile.experiences.all(),
            "education": candidate_profile.education.all(),
        },
    )


# Experience and education entries share their views. Entries are always looked
# up within the candidate's own profile: another's id gives a 404.
ENTRY_KINDS: dict[str, tuple[type[models.Model], type[ModelForm]]] = {
    "experience": (Experience, ExperienceForm),
    "education": (Education, EducationForm),
}


def _entry(request: HttpRequest, kind: str, pk: int | None) -> models.Model:
    model = ENTRY_KINDS[kind][0]
    profile = _profile_of(request)
    if pk is None:
        return model(profile=profile)
    return get_object_or_404(model, pk=pk, profile=profile)


@login_required
def entry_edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    """Adds or edits an experience or education entry."""
    form_class = ENTRY_KINDS[kind][1]
    entry = _entry(request, kind, pk)
    form = form_class(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("“%(entry)s” is saved.") % {"entry": entry})
        return redirect(reverse("candidates:profile") + f"#{kind}")
    return render(
        request,
        "candidates/entry_form.html",
        {"form": form, "kind": kind, "entry": entry, "adding": pk is None},
    )


@login_required
def entry_remove(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Asks, then removes an experience or education entry."""
    entry = _entry(request, kind, pk)
    if request.method == "POST":
        entry.delete()
        messages.success(request, _("“%(entry)s” is removed.") % {"entry": entry})
        return redirect(reverse("candidates:profile") + f"#{kind}")
    return render(
        request, "candidates/entry_confirm_remove.html", {"entry": entry, "kind": kind}
    )


@login_required
def parameters(request: HttpRequest) -> HttpResponse:
    """ "My parameters": username, e-mail address, password (then alerts and
    consents)."""
    return render(
        request,
        "candidates/parameters.html",
        {"email_verified": has_verified_email(request.user)},
    )


@login_required
@sensitive_post_parameters()
def change_username(request: HttpRequest) -> HttpResponse:
    form = ChangeUsernameForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            _("Your username is now %(username)s.")
            % {"username": form.instance.username},
        )
        return redirect("candidates:parameters")
    if form.errors:
        # The form set the refused username on request.user: not shown until saved.
        request.user.refresh_from_db(fields=["username"])
    return render(
        request,
        "candidates/change_username.html",
        {"form": form},
    )


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
        "candidates/consent_renew.html",
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
        "candidates/consent_version.html",
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
    return render(request, "candidates/consent_optional_form.html", {"form": form})


class EmailView(allauth_views.EmailView):
    """allauth's "change my e-mail address" page, which also says when a new
    verification link cannot be sent yet (one every few minutes)."""

    def _action_send(self, request: HttpRequest, *args, **kwargs):
        response = super()._action_send(request, *args, **kwargs)
        if not self._did_send_verification_email:
            messages.info(
                request,
                _(
                    "A link was sent a few minutes ago: look for it in your mailbox "
                    "and spam folder, or try again in a few minutes."
                ),
            )
        return response


@never_cache
def forgot_username(request: HttpRequest) -> HttpResponse:
    """Sends the usernames of an address's accounts to that address; the page says
    the same whether the address is known or not."""
    form = ForgotUsernameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        if not ratelimit.consume(request, action="forgot_username", key=email):
            return ratelimit.respond_429(request)
        send_username_reminder(email)
        return redirect("accounts:forgot_username_done")
    return render(
        request,
        "account/forgot_username.html",
        {"form": form},
    )


def forgot_username_done(request: HttpRequest) -> HttpResponse:
    return render(request, "account/forgot_username_done.html")
