"""Privacy in the admin and in the candidate space: HR recruiters with the right
erase a candidate's account and data; "My parameters" gets the consents and data
sections; and the references of Wagtail's own tables to the user model are
declared to the registry (Wagtail cannot declare them itself)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from candidates.models import Document, User
from candidates.personal_data import PERSONAL_DATA_HOOK, PersonalData, staff_reference
from candidates.sections import PARAMETERS_SECTIONS_HOOK

from .erasure import ErasureReason, candidate_accounts, erase_candidate
from .sections import (
    CandidateErasureSection,
    MyConsentsSection,
    MyDataSection,
    can_erase_candidates,
)


class CandidateEraseView(WagtailAdminTemplateMixin, TemplateView):
    """Asks, then erases a candidate's account and data on behalf of HR."""

    template_name = "privacy/admin/candidate_erase.html"
    page_title = gettext_lazy("Erase this candidate")
    header_icon = "warning"
    candidate: User

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_erase_candidates(request.user):
            raise PermissionDenied
        self.candidate = get_object_or_404(candidate_accounts(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.candidate.get_full_name() or self.candidate.username

    def inspect_url(self) -> str:
        return reverse("candidates_user_modeladmin_inspect", args=[self.candidate.pk])

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("candidates_user_modeladmin_index"),
                "label": _("Candidates"),
            },
            {"url": self.inspect_url(), "label": self.get_page_subtitle()},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from applications.models import Application

        applications = Application.objects.filter(candidate=self.candidate)
        return super().get_context_data(
            candidate=self.candidate,
            inspect_url=self.inspect_url(),
            sent_count=applications.sent().count(),
            draft_count=applications.filter(status="draft").count(),
            document_count=Document.objects.filter(owner=self.candidate).count(),
            anonymise=settings.ERASURE_SENT_APPLICATIONS != "delete",
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        erase_candidate(self.candidate, by=request.user, reason=ErasureReason.HR)
        messages.success(request, _("The candidate's account and data are erased."))
        return redirect("candidates_user_modeladmin_index")


@hooks.register("register_admin_urls")
def register_candidate_erase_url():
    return [
        path(
            "recruitment/candidates/<int:pk>/erase/",
            CandidateEraseView.as_view(),
            name="privacy_erase_candidate",
        )
    ]


@hooks.register("register_permissions")
def register_candidate_permissions():
    """Lets administrators grant the erasure to a group in the admin."""
    return Permission.objects.filter(
        content_type__app_label="candidates", codename="erase_candidate"
    )


@hooks.register("register_candidate_inspect_sections")
def add_erasure_section(request: HttpRequest, candidate: User) -> list[Component]:
    """Only those who may erase candidates see the button."""
    if not can_erase_candidates(request.user):
        return []
    return [CandidateErasureSection(candidate)]


@hooks.register(PARAMETERS_SECTIONS_HOOK)
def add_parameters_sections(request: HttpRequest) -> list[Component]:
    return [MyConsentsSection(request), MyDataSection()]


_WAGTAIL = "Wagtail's admin, used by staff only"


@hooks.register(PERSONAL_DATA_HOOK)
def register_personal_data() -> PersonalData:
    """Wagtail's references to the user model: staff's, never candidate data."""
    return PersonalData(
        relations={
            "wagtailusers.UserProfile.user": staff_reference(
                _WAGTAIL + ": admin preferences"
            ),
            "wagtaildocs.Document.uploaded_by_user": staff_reference(_WAGTAIL),
            "wagtailimages.Image.uploaded_by_user": staff_reference(_WAGTAIL),
            "wagtailadmin.EditingSession.user": staff_reference(_WAGTAIL),
            "wagtailadmin.FormState.user": staff_reference(_WAGTAIL),
            "wagtailcore.APIToken.user": staff_reference(_WAGTAIL),
            "wagtailcore.ModelLogEntry.user": staff_reference(_WAGTAIL + ": audit log"),
            "wagtailcore.PageLogEntry.user": staff_reference(_WAGTAIL + ": audit log"),
            "wagtailcore.Revision.user": staff_reference(_WAGTAIL),
            "wagtailcore.UploadedFile.uploaded_by_user": staff_reference(_WAGTAIL),
            "wagtailcore.WorkflowState.requested_by": staff_reference(_WAGTAIL),
            "wagtailcore.TaskState.finished_by": staff_reference(_WAGTAIL),
            "wagtailcore.Page.locked_by": staff_reference(_WAGTAIL),
            "wagtailcore.Page.owner": staff_reference(_WAGTAIL),
            "wagtailcore.Comment.user": staff_reference(_WAGTAIL),
            "wagtailcore.Comment.resolved_by": staff_reference(_WAGTAIL),
            "wagtailcore.CommentReply.user": staff_reference(_WAGTAIL),
            "wagtailcore.PageSubscription.user": staff_reference(_WAGTAIL),
            # wagtail-localize: who translated a text in the admin.
            "wagtail_localize.StringTranslation.last_translated_by": (
                staff_reference(_WAGTAIL + ": translations")
            ),
            "wagtail_localize.SegmentOverride.last_translated_by": (
                staff_reference(_WAGTAIL + ": translations")
            ),
        }
    )
