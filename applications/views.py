"""The candidate's side: apply to an offer or speculatively, save a draft, submit,
"My applications", an application's page, withdrawal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from candidates.models import CandidateProfile
from candidates.verification import verified_email_required
from home.storage import StorageUnavailable
from offers.models import OfferPage

from . import services
from .forms import ApplicationForm
from .models import Application
from .sources import remember_source, remembered_source


def _offer(slug: str) -> OfferPage:
    # Offers of different languages may share a slug: the address's language.
    offer = OfferPage.objects.filter(
        slug=slug, locale__language_code=get_language()
    ).first()
    if offer is None:
        raise Http404
    return offer


# Every account verifies its address before it can log in; verified_email_required
# stays for a session opened before that (a code, then back to the form).
@never_cache
@verified_email_required
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    """Apply to an offer: resume the draft, or show the application already sent."""
    return _apply(request, _offer(slug))


@never_cache
@verified_email_required
def speculative(request: HttpRequest) -> HttpResponse:
    """A speculative application: no offer, wished job families and places."""
    return _apply(request, None)


def _apply(request: HttpRequest, offer: OfferPage | None) -> HttpResponse:
    candidate = request.user
    application = services.find_application(candidate, offer)
    if application is not None and not application.is_draft:
        messages.info(
            request,
            _("You have already sent this application: here is where it stands."),
        )
        return redirect(application)
    if offer is not None and not offer.is_open:
        if application is not None:
            messages.warning(request, services.closed_message(offer))
            return redirect(application)
        if not offer.live:
            raise Http404
        return render(request, "applications/offer_closed.html", {"offer": offer})
    if application is None:
        application = services.new_application(candidate, offer)
    offer_id = offer.pk if offer is not None else None
    remember_source(request, offer_id)
    submitting = "submit" in request.POST
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        initial=ApplicationForm.initial_from(
            application, CandidateProfile.contact_details(candidate)
        ),
        candidate=candidate,
        speculative=offer is None,
        submitting=submitting,
        questions=offer.application_questions() if offer is not None else (),
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.save_application(
                candidate,
                offer,
                form,
                submit=submitting,
                source=remembered_source(request, offer_id),
            )
        except services.ApplicationError as error:
            messages.warning(request, error.message)
            return redirect(error.application or "applications:list")
        except ValidationError as error:
            form.add_error(None, error)
        except StorageUnavailable as error:
            form.add_error(None, error.message)
        else:
            if submitting:
                messages.success(
                    request,
                    _(
                        "Your application is sent. We have e-mailed you an "
                        "acknowledgment."
                    ),
                )
                return redirect(application)
            messages.success(
                request,
                _(
                    "Your draft is saved. Finish it later from My applications, on "
                    "any device."
                ),
            )
            return redirect(application.apply_url())
    return render(
        request,
        "applications/apply.html",
        {
            "form": form,
            "offer": offer,
            "application": application,
        },
    )


@never_cache
@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    """ "My applications": drafts to finish first, then the applications sent,
    with their status."""
    return render(
        request,
        "applications/application_list.html",
        {"applications": services.candidate_applications(request.user)},
    )


@never_cache
@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One of the candidate's applications: what was sent and its history."""
    application = get_object_or_404(
        Application.objects.select_related("offer", "cv", "letter").prefetch_related(
            "job_families", "locations", "status_changes"
        ),
        candidate=request.user,
        pk=pk,
    )
    return render(
        request,
        "applications/application_detail.html",
        {"application": application},
    )


@require_POST
@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        application = services.withdraw(request.user, pk)
    except Application.DoesNotExist as exc:
        raise Http404 from exc
    except services.ApplicationError as error:
        messages.warning(request, error.message)
        return redirect(error.application)
    messages.success(request, _("Your application is withdrawn."))
    return redirect(reverse("applications:detail", args=[application.pk]))
