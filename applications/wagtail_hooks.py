"""Applications and candidates in the Wagtail admin, for HR recruiters only:
lists with filters, search and export, inspect views with documents, status
changes and private notes, and the count of new applications on the dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin import SimpleListFilter
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import IndexView, InspectView

from candidates.models import CandidateProfile, Document, User
from home.groups import CONTENT_EDITORS, HR_RECRUITERS
from home.storage import private_download_response
from offers.models import OfferPage

from . import services
from .choices import Status
from .forms import NoteForm, StatusForm
from .models import Application, Note, StatusChange

VIEW_APPLICATIONS = "applications.view_application"
CHANGE_APPLICATIONS = "applications.change_application"
VIEW_CANDIDATES = "applications.view_candidates"
# Characters that make a spreadsheet cell a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell value that no spreadsheet runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class ReadOnlyPermissionHelper(PermissionHelper):
    """HR reads and exports; rows are never created, edited or deleted here."""

    def user_can_create(self, user) -> bool:
        return False

    def user_can_edit_obj(self, user, obj) -> bool:
        return False

    def user_can_delete_obj(self, user, obj) -> bool:
        return False


class ApplicationPermissionHelper(ReadOnlyPermissionHelper):
    def user_can_list(self, user) -> bool:
        return user.has_perm(VIEW_APPLICATIONS)

    def user_can_inspect_obj(self, user, obj) -> bool:
        return user.has_perm(VIEW_APPLICATIONS) and not obj.is_draft


class CandidatePermissionHelper(ReadOnlyPermissionHelper):
    def user_can_list(self, user) -> bool:
        return user.has_perm(VIEW_CANDIDATES)

    def user_can_inspect_obj(self, user, obj) -> bool:
        return (
            user.has_perm(VIEW_CANDIDATES)
            and not (obj.is_staff or obj.is_superuser)
            and not obj.groups.filter(
                name__in=[HR_RECRUITERS, CONTENT_EDITORS]
            ).exists()
        )


class InspectOnlyButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, **kwargs):
        return [
            button
            for button in super().get_buttons_for_obj(
                obj, exclude, classnames_add, **kwargs
            )
            if "inspect" in button.get("url", "")
        ]


class ExportIndexView(IndexView):
    """The list, whose CSV and XLSX exports neutralise formula-like cells."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))


class ApplicationInspectView(InspectView):
    """An application with the candidate's profile, experience, documents, status
    history and notes; HR changes the status and writes notes here."""

    def get_context_data(self, **kwargs):
        application = (
            Application.objects.select_related("candidate", "offer", "cv", "letter")
            .prefetch_related(
                "job_families",
                "locations",
                Prefetch(
                    "status_changes",
                    StatusChange.objects.select_related("changed_by"),
                ),
                Prefetch("notes", Note.objects.select_related("author")),
            )
            .get(pk=self.instance.pk)
        )
        profile = (
            CandidateProfile.objects.filter(user_id=application.candidate_id)
            .prefetch_related("experiences", "education")
            .first()
        )
        can_change = self.request.user.has_perm(CHANGE_APPLICATIONS)
        return super().get_context_data(
            application=application,
            profile=profile,
            status_form=kwargs.pop("status_form", None)
            or (StatusForm(application=application) if can_change else None),
            note_form=kwargs.pop("note_form", None)
            or (NoteForm() if can_change else None),
            other_applications=Application.objects.sent()
            .filter(candidate_id=application.candidate_id)
            .exclude(pk=application.pk)
            .select_related("offer"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm(CHANGE_APPLICATIONS):
            raise PermissionDenied
        application = self.instance
        if "add_note" in request.POST:
            note_form = NoteForm(request.POST)
            if note_form.is_valid():
                services.add_note(
                    application, request.user, note_form.cleaned_data["text"]
                )
                messages.success(request, _("The note is saved."))
                return redirect(request.path)
            return self.render_to_response(self.get_context_data(note_form=note_form))
        status_form = StatusForm(request.POST, application=application)
        if status_form.is_valid():
            try:
                services.change_status(
                    application,
                    status_form.cleaned_data["status"],
                    request.user,
                    notify=status_form.cleaned_data["notify"],
                    message=status_form.cleaned_data["message"],
                )
            except services.ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("The status is changed."))
            return redirect(request.path)
        return self.render_to_response(self.get_context_data(status_form=status_form))


class OfferFilter(SimpleListFilter):
    """Offers that received applications (Django's related filter would need the
    Django admin site)."""

    title = gettext_lazy("offer")
    parameter_name = "offer"

    def lookups(self, request, model_admin):
        offers = (
            OfferPage.objects.filter(applications__isnull=False)
            .exclude(applications__status=Status.DRAFT)
            .distinct()
            .order_by("title")
            .values_list("pk", "title", "reference")
        )
        return [(str(pk), f"{title} ({reference})") for pk, title, reference in offers]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(offer_id=self.value())
        return queryset


class ApplicationAdmin(ModelAdmin):
    model = Application
    menu_label = gettext_lazy("Applications")
    menu_icon = "form"
    menu_order = 100
    permission_helper_class = ApplicationPermissionHelper
    button_helper_class = InspectOnlyButtonHelper
    index_view_class = ExportIndexView
    inspect_view_enabled = True
    inspect_view_class = ApplicationInspectView
    inspect_template_name = "applications/admin/application_inspect.html"
    list_display = ["candidate_name", "title", "status", "submitted_at"]
    list_filter = ["status", "speculative", "submitted_at", OfferFilter]
    search_fields = [
        "first_name",
        "last_name",
        "candidate__email",
        "candidate__username",
        "offer_reference",
        "offer__reference",
    ]
    ordering = ["-submitted_at", "-pk"]
    list_per_page = 50
    list_export = [
        "candidate_name",
        "candidate_email",
        "phone",
        "title",
        "reference",
        "status",
        "submitted_at",
        "message",
    ]
    export_headings = {
        "candidate_name": gettext_lazy("Candidate"),
        "candidate_email": gettext_lazy("E-mail"),
        "title": gettext_lazy("Offer"),
        "reference": gettext_lazy("Reference"),
    }
    export_filename = "applications"

    def get_queryset(self, request):
        return Application.objects.sent().select_related("candidate", "offer")

    def candidate_name(self, obj: Application) -> str:
        return obj.candidate_name

    candidate_name.short_description = gettext_lazy("Candidate")

    def title(self, obj: Application) -> str:
        return obj.title

    title.short_description = gettext_lazy("Offer")


class CandidateInspectView(InspectView):
    def get_context_data(self, **kwargs):
        candidate = self.instance
        return super().get_context_data(
            candidate=candidate,
            profile=CandidateProfile.objects.filter(user=candidate)
            .prefetch_related("experiences", "education")
            .first(),
            documents=Document.objects.filter(owner=candidate),
            applications=Application.objects.sent()
            .filter(candidate=candidate)
            .select_related("offer"),
            **kwargs,
        )


class CandidateAdmin(ModelAdmin):
    model = User
    menu_label = gettext_lazy("Candidates")
    menu_icon = "group"
    menu_order = 110
    permission_helper_class = CandidatePermissionHelper
    button_helper_class = InspectOnlyButtonHelper
    inspect_view_enabled = True
    inspect_view_class = CandidateInspectView
    inspect_template_name = "applications/admin/candidate_inspect.html"
    list_display = [
        "username",
        "full_name",
        "email",
        "application_count",
        "date_joined",
    ]
    search_fields = ["username", "first_name", "last_name", "email"]
    ordering = ["last_name", "first_name", "pk"]
    list_per_page = 50

    def get_queryset(self, request):
        return (
            User.objects.filter(is_staff=False, is_superuser=False)
            .exclude(groups__name__in=[HR_RECRUITERS, CONTENT_EDITORS])
            .annotate(
                sent_count=Count(
                    "applications", filter=~Q(applications__status=Status.DRAFT)
                )
            )
        )

    def full_name(self, obj: User) -> str:
        return obj.get_full_name()

    full_name.short_description = gettext_lazy("Name")

    def application_count(self, obj: User) -> int:
        return obj.sent_count

    application_count.short_description = gettext_lazy("Applications")


class RecruitmentGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Recruitment")
    menu_icon = "user"
    menu_order = 200
    items = (ApplicationAdmin, CandidateAdmin)


modeladmin_register(RecruitmentGroup)


def hr_document_download(request, pk: int):
    """A candidate's document, for HR: permission-checked, never a public URL."""
    if not request.user.has_perm(VIEW_CANDIDATES):
        raise PermissionDenied
    document = get_object_or_404(Document, pk=pk)
    return private_download_response(request, document.key, document.filename)


@hooks.register("register_admin_urls")
def register_document_download_url():
    return [
        path(
            "recruitment/documents/<int:pk>/download/",
            hr_document_download,
            name="applications_document_download",
        )
    ]


@hooks.register("register_permissions")
def register_application_permissions():
    """Lets administrators grant these rights to a group in the admin."""
    return Permission.objects.filter(
        content_type__app_label="applications",
        codename__in=["view_application", "change_application", "view_candidates"],
    )


class NewApplicationsPanel(Component):
    """The dashboard's count of applications sent since the recruiter's last visit."""

    name = "new_applications"
    order = 50

    def __init__(self, request) -> None:
        self.request = request

    def render_html(self, parent_context=None) -> str:
        last_visit = self.request.session.get("applications_dashboard_seen")
        sent = Application.objects.sent()
        new = sent.filter(submitted_at__gt=last_visit) if last_visit else sent
        count = new.count()
        url = reverse("applications_application_modeladmin_index")
        self.request.session["applications_dashboard_seen"] = timezone.now().isoformat()
        return format_html(
            '<section class="panel summary nice-padding"><h2>{}</h2>'
            '<p><a href="{}">{}</a></p></section>',
            _("Applications"),
            url,
            _("%(count)d new application(s) since your last visit") % {"count": count},
        )


@hooks.register("construct_homepage_panels")
def add_new_applications_panel(request, panels) -> None:
    if request.user.has_perm(VIEW_APPLICATIONS):
        panels.append(NewApplicationsPanel(request))
