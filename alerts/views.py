"""The candidate's alerts ("My parameters" > "My alerts") and the unsubscribe page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .forms import JobAlertForm, alert_cap, initial_from_search
from .models import JobAlert
from .tokens import read_token


def _my_alerts_url() -> str:
    return reverse("candidates:parameters") + "#alerts"


def _saved_message(request: HttpRequest, alert: JobAlert) -> None:
    if alert.active:
        messages.success(
            request,
            _(
                "Your alert is saved. New offers that match it will be sent to "
                "%(email)s."
            )
            % {"email": request.user.email},
        )
    else:
        messages.success(
            request,
            _(
                "Your alert is stopped: you will receive no more e-mails for it. To "
                "turn it back on, choose Change and tick the box again."
            ),
        )


@login_required
def alert_create(request: HttpRequest) -> HttpResponse:
    """A new alert, prefilled from the offer listing's search when it comes from
    "Create an alert for this search"."""
    if request.method == "POST":
        # The candidate's row is locked so that two forms sent at once cannot both
        # pass the cap.
        form = JobAlertForm(request.POST, candidate=request.user)
        with transaction.atomic():
            get_user_model().objects.select_for_update().filter(
                pk=request.user.pk
            ).first()
            alert = form.save() if form.is_valid() else None
        if alert is not None:
            _saved_message(request, alert)
            return redirect(_my_alerts_url())
    else:
        form = JobAlertForm(
            initial=initial_from_search(request.GET), candidate=request.user
        )
    return render(
        request,
        "alerts/alert_form.html",
        {
            "form": form,
            "adding": True,
            "cap": alert_cap(),
            "cap_reached": form.cap_reached(),
        },
    )


@login_required
def alert_edit(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(JobAlert, pk=pk, candidate=request.user)
    form = JobAlertForm(request.POST or None, instance=alert, candidate=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        _saved_message(request, alert)
        return redirect(_my_alerts_url())
    return render(request, "alerts/alert_form.html", {"form": form, "alert": alert})


@login_required
def alert_delete(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(JobAlert, pk=pk, candidate=request.user)
    if request.method == "POST":
        alert.delete()
        messages.success(request, _("Your alert is deleted."))
        return redirect(_my_alerts_url())
    return render(request, "alerts/alert_confirm_delete.html", {"alert": alert})


@csrf_exempt  # RFC 8058: mail clients post here without a session or a form
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Stops the alerts named by a signed link, without logging in.

    A GET only asks for confirmation (mail filters open links on their own); the
    POST of that page, or of the mail client's one-click button, stops them.
    """
    try:
        candidate_id, alert_ids = read_token(token)
    except signing.SignatureExpired:
        return render(
            request, "alerts/unsubscribe_invalid.html", {"expired": True}, status=410
        )
    except signing.BadSignature:
        return render(request, "alerts/unsubscribe_invalid.html", status=404)
    alerts = list(
        JobAlert.objects.filter(
            pk__in=alert_ids, candidate_id=candidate_id
        ).prefetch_related("job_families", "locations")
    )
    if not alerts:
        return render(request, "alerts/unsubscribe_invalid.html", status=404)
    if request.method == "POST":
        JobAlert.objects.filter(pk__in=[alert.pk for alert in alerts]).update(
            active=False, updated_at=timezone.now()
        )
        return render(request, "alerts/unsubscribe_done.html", {"alerts": alerts})
    return render(request, "alerts/unsubscribe.html", {"alerts": alerts})
