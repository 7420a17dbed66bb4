"""The candidate space at /me/ and the forgotten-username flow."""

from __future__ import annotations

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

from .emails import send_username_reminder
from .forms import (
    ChangeUsernameForm,
    EducationForm,
    ExperienceForm,
    ForgotUsernameForm,
    LanguageForm,
    ProfileForm,
)
from .models import CandidateProfile, Education, Experience
from .sections import parameters_sections, space_links, space_sections
from .verification import has_verified_email


def _profile_of(request: HttpRequest) -> CandidateProfile:
    profile, _created = CandidateProfile.objects.get_or_create(user=request.user)
    profile.user = request.user
    return profile


@login_required
def candidate_space(request: HttpRequest) -> HttpResponse:
    """The entry of the candidate space: what other apps put first (drafts to
    finish, applications), then the menu: profile, documents, saved offers,
    parameters and the cards other apps add ("My applications")."""
    return render(
        request,
        "candidates/space.html",
        {
            "email_verified": has_verified_email(request.user),
            "sections": space_sections(request),
            "links": space_links(request),
        },
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
    """ "My parameters": username, e-mail address, password, then the sections
    other apps add (alerts, consents, data)."""
    return render(
        request,
        "candidates/parameters.html",
        {
            "email_verified": has_verified_email(request.user),
            "sections": parameters_sections(request),
        },
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


@login_required
def change_language(request: HttpRequest) -> HttpResponse:
    """The language of the candidate's e-mails."""
    form = LanguageForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            _("We now write to you in %(language)s.")
            % {"language": form.instance.get_language_display()},
        )
        return redirect("candidates:parameters")
    if form.errors:
        request.user.refresh_from_db(fields=["language"])
    return render(request, "candidates/change_language.html", {"form": form})


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
