"""The candidate space at /me/."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def candidate_space(request: HttpRequest) -> HttpResponse:
    """The entry of the candidate space: profile, documents, applications,
    parameters."""
    return render(request, "candidates/space.html")
