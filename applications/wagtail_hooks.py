"""Applications and candidates in the Wagtail admin, for HR recruiters only:
lists with filters, search and export, inspect views with documents (each download
written to the access log), status changes and private notes, and the counts of
applications (new since the last visit) on the dashboard and the offer list."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.admin import SimpleListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import IndexView, InspectView

from candidates.documents import scan_stored_document
from candidates.models import CandidateProfile, Document, User
from candidates.personal_data import PERSONAL_DATA_HOOK, PersonalData
from candidates.sections import SPACE_LINKS_HOOK, SPACE_SECTIONS_HOOK, SpaceLink
from core.antivirus import ScannerUnavailable, VirusFound
from home.groups import CONTENT_EDITORS, HR_RECRUITERS
from home.storage import StorageUnavailable, private_download_response
from offers.apply_state import OFFER_APPLY_STATE_HOOK, ApplyState
from offers.models import OfferPage

from . import services
from .admin_views import BoardView, BulkMoveView, FiguresView, neutralise
from .answers import AnswersExportMixin, KnockoutFilter
from .choices import Status
from .forms import NoteForm, StatusForm
from .models import (
    Application,
    DocumentAccess,
    Note,
    ReviewerVisit,
    Stage,
    StatusChange,
)
from .permissions import CHANGE_APPLICATIONS, VIEW_APPLICATIONS, VIEW_CANDIDATES
from .personal_data import APPLICATION_DATA

# The access log rows shown on an application's page.
ACCESS_LOG_LIMIT = 50
# The largest id a query string may carry (a 32-bit primary key).
MAX_ID = 2**31 - 1


def parse_id(value: object) -> int | None:
    """A database id from a query string, or None when it is not one."""
    text = str(value) if value is not None else ""
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def last_visit(request: HttpRequest) -> datetime | None:
    """When the recruiter last opened the applications list (None: never): what
    the dashboard and the offer list count as new is sent after. Read once per
    request."""
    if not hasattr(request, "_applications_seen_at"):
        request._applications_seen_at = (
            ReviewerVisit.objects.filter(user_id=request.user.pk)
            .values_list("applications_seen_at", flat=True)
            .first()
        )
    return request._applications_seen_at


def mark_visit(request: HttpRequest) -> None:
    ReviewerVisit.objects.update_or_create(
        user_id=request.user.pk, defaults={"applications_seen_at": timezone.now()}
    )


def new_since(queryset, since: datetime | None):
    """The applications of ``queryset`` sent after ``since`` (all when None)."""
    return queryset.filter(submitted_at__gt=since) if since else queryset


def record_document_access(
    request: HttpRequest,
    document: Document,
    application: Application | None = None,
    action: str = DocumentAccess.Action.DOWNLOAD,
) -> DocumentAccess:
    """Writes one row of the access log: who served which document, from where."""
    user = request.user
    return DocumentAccess.objects.create(
        document=document,
        application=application,
        accessed_by=user,
        accessed_by_name=(user.get_full_name() or user.get_username())[:300],
        action=action,
    )


def document_url(document: Document, application: Application | None = None) -> str:
    """The admin download link of a document, naming the application it is seen
    from (the access log records it)."""
    url = reverse("applications_document_download", args=[document.pk])
    if application is not None:
        url += "?" + urlencode({"application": application.pk})
    return url


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


class StrictIndexView(IndexView):
    """A list that applies its declared filters and nothing else. Django's admin
    refuses other lookups (``lookup_allowed``); wagtail-modeladmin would apply any,
    and ``?candidate__password__startswith=`` would probe password hashes. A filter
    the list does not know sends back to the unfiltered list with a message."""

    def get_filters(self, request):
        specs, has_filters, remaining, use_distinct = super().get_filters(request)
        if remaining:
            raise IncorrectLookupParameters(sorted(remaining))
        return specs, has_filters, remaining, use_distinct

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            messages.error(request, _("These filters are not valid: they are removed."))
            return redirect(request.path)


class ExportIndexView(StrictIndexView):
    """The list, whose CSV and XLSX exports neutralise formula-like cells. Opening
    it marks the recruiter's visit (what counts as new afterwards)."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if (
            request.method == "GET"
            and response.status_code == 200
            and not request.GET.get(self.EXPORT_VAR)
        ):
            mark_visit(request)
        return response

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))


class ApplicationIndexView(AnswersExportMixin, ExportIndexView):
    """The list of applications, titled after its offer when filtered by one."""

    @cached_property
    def filtered_offer_id(self) -> int | None:
        return parse_id(self.request.GET.get(OfferFilter.parameter_name))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offer_id = self.filtered_offer_id if self.filtered_offer else None
        context.update(
            can_move=self.request.user.has_perm(CHANGE_APPLICATIONS),
            board_url=reverse("applications_board", args=[offer_id])
            if offer_id
            else "",
            figures_url=reverse("applications_figures")
            + ("?" + urlencode({"offer": offer_id}) if offer_id else ""),
            bulk_move_url=reverse("applications_bulk_move"),
            stages=Stage.objects.pipeline(),
        )
        return context

    @cached_property
    def filtered_offer(self) -> str:
        """The title and reference of the offer the list is filtered by, if any."""
        offer_id = self.filtered_offer_id
        if offer_id is None:
            return ""
        offer = (
            OfferPage.objects.filter(pk=offer_id)
            .values_list("title", "reference")
            .first()
        )
        return f"{offer[0]} ({offer[1]})" if offer else ""

    def get_page_title(self) -> str:
        if self.filtered_offer:
            return _("Applications to %(offer)s") % {"offer": self.filtered_offer}
        return super().get_page_title()


class ApplicationInspectView(InspectView):
    """An application with the candidate's profile, experience, documents, status
    history and notes; HR changes the status and writes notes here."""

    def get_context_data(self, **kwargs):
        application = (
            Application.objects.select_related(
                "candidate", "offer", "cv", "letter", "stage"
            )
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
        # An anonymised application has no candidate left: no profile, no others.
        candidate_id = application.candidate_id
        profile = (
            CandidateProfile.objects.filter(user_id=candidate_id)
            .prefetch_related("experiences", "education")
            .first()
            if candidate_id
            else None
        )
        other_applications = (
            Application.objects.sent()
            .filter(candidate_id=candidate_id)
            .exclude(pk=application.pk)
            .select_related("offer")
            if candidate_id
            else Application.objects.none()
        )
        accesses = access_log_of(application)
        can_change = self.request.user.has_perm(CHANGE_APPLICATIONS)
        status_form = kwargs.pop("status_form", None)
        if status_form is None and can_change and not application.is_draft:
            status_form = self.status_form(application)
        return super().get_context_data(
            application=application,
            profile=profile,
            status_form=status_form,
            note_form=kwargs.pop("note_form", None)
            or (NoteForm() if can_change else None),
            other_applications=other_applications,
            cv_url=application.cv and document_url(application.cv, application),
            letter_url=application.letter
            and document_url(application.letter, application),
            accesses=accesses[:ACCESS_LOG_LIMIT],
            access_count=accesses.count(),
            access_log_limit=ACCESS_LOG_LIMIT,
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
        status_form = self.status_form(application, request.POST)
        if status_form.is_valid():
            stage = status_form.cleaned_data["stage"]
            try:
                services.move_to_stage(
                    application,
                    stage,
                    request.user,
                    notify=status_form.cleaned_data["notify"],
                    message=status_form.cleaned_data["message"],
                )
            except services.ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    _("The application is moved to “%(stage)s”.") % {"stage": stage},
                )
            return redirect(request.path)
        return self.render_to_response(self.get_context_data(status_form=status_form))

    def status_form(self, application: Application, data=None) -> StatusForm:
        stages = services.pipeline()
        return StatusForm(
            data,
            application=application,
            stages=stages,
            proposed=services.next_stage(application, stages),
        )


def access_log_of(application: Application):
    """The access log of an application's documents, newest first: downloads from
    its page, and those of the same files from elsewhere (the candidate's page)."""
    documents = [pk for pk in (application.cv_id, application.letter_id) if pk]
    return DocumentAccess.objects.filter(
        Q(application=application) | Q(document_id__in=documents)
    ).select_related("document")


class OfferFilter(SimpleListFilter):
    """Offers that received sent applications (Django's related filter would need
    the Django admin site). An id that is no offer's gives an empty list."""

    title = gettext_lazy("offer")
    parameter_name = "offer"

    def lookups(self, request, model_admin):
        # Not ``.exclude(applications__status=DRAFT)``: across the relation, that
        # drops every offer with one draft among its applications.
        offers = (
            OfferPage.objects.filter(pk__in=Application.objects.sent().values("offer"))
            .order_by("title", "pk")
            .values_list("pk", "title", "reference")
        )
        return [(str(pk), f"{title} ({reference})") for pk, title, reference in offers]

    def has_output(self) -> bool:
        # The list skips a filter without output, and would ignore its value.
        return bool(self.lookup_choices) or bool(self.value())

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        offer_id = parse_id(self.value())
        if offer_id is None:
            return queryset.none()
        return queryset.filter(offer_id=offer_id)


class StageFilter(SimpleListFilter):
    """HR's stages, in their order."""

    title = gettext_lazy("stage")
    parameter_name = "stage"

    def lookups(self, request, model_admin):
        return [
            (str(pk), name)
            for pk, name in Stage.objects.pipeline().values_list("pk", "name")
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        stage_id = parse_id(self.value())
        if stage_id is None:
            return queryset.none()
        return queryset.filter(stage_id=stage_id)


class ApplicationAdmin(ModelAdmin):
    model = Application
    menu_label = gettext_lazy("Applications")
    menu_icon = "form"
    menu_order = 100
    permission_helper_class = ApplicationPermissionHelper
    button_helper_class = InspectOnlyButtonHelper
    index_view_class = ApplicationIndexView
    inspect_view_enabled = True
    inspect_view_class = ApplicationInspectView
    inspect_template_name = "applications/admin/application_inspect.html"
    list_display = [
        "candidate_name",
        "title",
        "stage",
        "status",
        "language",
        "submitted_at",
        "select",
    ]
    list_filter = [
        StageFilter,
        "status",
        "speculative",
        "language",
        "submitted_at",
        OfferFilter,
        KnockoutFilter,
    ]
    index_template_name = "applications/admin/application_index.html"
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
        "stage",
        "status",
        "source",
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
        return Application.objects.sent().select_related("candidate", "offer", "stage")

    def select(self, obj: Application) -> str:
        """A tick box for the moves of several applications at once."""
        return render_to_string(
            "applications/admin/select_cell.html", {"application": obj}
        )

    select.short_description = gettext_lazy("Select")

    def candidate_name(self, obj: Application) -> str:
        return obj.candidate_name

    candidate_name.short_description = gettext_lazy("Candidate")

    def title(self, obj: Application) -> str:
        return obj.title

    title.short_description = gettext_lazy("Offer")


# Apps above this one add sections to a candidate's page (privacy: the erasure):
# each function takes the request and the candidate, and returns a list of
# components, empty for a user who may not see them.
CANDIDATE_INSPECT_SECTIONS_HOOK = "register_candidate_inspect_sections"


class CandidateNamesMixin:
    """Candidates' list and pages call them candidates: the user model they share
    with staff accounts is named "user", which Wagtail's own Users admin keeps."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.verbose_name = _("candidate")
        self.verbose_name_plural = _("candidates")


class CandidatePaginator(WagtailPaginator):
    """Counts candidates ("2 candidates"), not users."""

    @cached_property
    def verbose_name(self) -> str:
        return _("candidate")

    @cached_property
    def verbose_name_plural(self) -> str:
        return _("candidates")


class CandidateIndexView(CandidateNamesMixin, StrictIndexView):
    paginator_class = CandidatePaginator

    def get_page_title(self) -> str:
        return capfirst(self.verbose_name_plural)


class CandidateButtonHelper(CandidateNamesMixin, InspectOnlyButtonHelper):
    pass


class CandidateInspectView(CandidateNamesMixin, InspectView):
    def get_context_data(self, **kwargs):
        candidate = self.instance
        return super().get_context_data(
            candidate=candidate,
            sections=[
                section
                for hook in hooks.get_hooks(CANDIDATE_INSPECT_SECTIONS_HOOK)
                for section in hook(self.request, candidate)
            ],
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
    button_helper_class = CandidateButtonHelper
    index_view_class = CandidateIndexView
    inspect_view_enabled = True
    inspect_view_class = CandidateInspectView
    inspect_template_name = "applications/admin/candidate_inspect.html"
    list_display = [
        "username",
        "full_name",
        "email",
        "language",
        "application_count",
        "date_joined",
    ]
    list_filter = ["language"]
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


class FiguresMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(VIEW_APPLICATIONS)


class RecruitmentGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Recruitment")
    menu_icon = "user"
    menu_order = 200
    items = (ApplicationAdmin, CandidateAdmin)

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            FiguresMenuItem(
                gettext_lazy("Figures"),
                reverse_lazy("applications_figures"),
                name="recruitment-figures",
                icon_name="table",
                order=300,
            ),
        ]


modeladmin_register(RecruitmentGroup)


def hr_document_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A candidate's document, for HR: permission-checked, never a public URL, and
    written to the access log. ``?application=`` names the sent application it is
    downloaded from, which must hold it."""
    if not request.user.has_perm(VIEW_CANDIDATES):
        raise PermissionDenied
    document = get_object_or_404(Document, pk=pk)
    application = None
    if "application" in request.GET:
        application = get_object_or_404(
            Application.objects.sent().filter(Q(cv=document) | Q(letter=document)),
            pk=parse_id(request.GET["application"]) or 0,
        )
    # Never an unscanned file: one uploaded before clamd was configured is scanned
    # now. A refusal goes back to the page the link was on, with why.
    refusal = ""
    try:
        scan_stored_document(document)
        response = private_download_response(request, document.key, document.filename)
    except VirusFound as found:
        refusal = _(
            "“%(name)s” contains a virus or malware (%(signature)s), so it was not "
            "downloaded."
        ) % {"name": document, "signature": found.signature}
    except ScannerUnavailable:
        refusal = _(
            "“%(name)s” could not be checked for viruses right now, so it was not "
            "downloaded. Please try again in a few minutes."
        ) % {"name": document}
    except StorageUnavailable:
        refusal = _(
            "“%(name)s” cannot be read right now. Please try again in a few minutes."
        ) % {"name": document}
    if refusal:
        messages.error(request, refusal)
        if application is not None:
            return redirect(
                "applications_application_modeladmin_inspect", application.pk
            )
        return redirect("candidates_user_modeladmin_inspect", document.owner_id)
    record_document_access(request, document, application)
    return response


@hooks.register("register_admin_urls")
def register_document_download_url():
    return [
        path(
            "recruitment/documents/<int:pk>/download/",
            hr_document_download,
            name="applications_document_download",
        ),
        path(
            "recruitment/offers/<int:offer_id>/board/",
            BoardView.as_view(),
            name="applications_board",
        ),
        path(
            "recruitment/applications/move/",
            BulkMoveView.as_view(),
            name="applications_bulk_move",
        ),
        path(
            "recruitment/figures/", FiguresView.as_view(), name="applications_figures"
        ),
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
        count = new_since(Application.objects.sent(), last_visit(self.request)).count()
        url = reverse("applications_application_modeladmin_index")
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


class OfferApplicationsColumn(Column):
    """The offer list's count of sent applications, and of those new since the
    recruiter's last visit of the applications list, linking to them."""

    cell_template_name = "applications/admin/offer_applications_cell.html"

    def __init__(self, since: datetime | None) -> None:
        super().__init__(
            "applications",
            label=gettext_lazy("Applications"),
            classname="offer-applications",
        )
        self.since = since
        self.counts: dict[int, tuple[int, int]] = {}

    def prepare_rows(self, pages) -> None:
        """Counts the applications of every offer of the page in one query."""
        ids = [page.pk for page in pages if isinstance(page, OfferPage)]
        if not ids:
            return
        new = (
            Count("pk", filter=Q(submitted_at__gt=self.since))
            if self.since
            else Count("pk")
        )
        rows = (
            Application.objects.sent()
            .filter(offer_id__in=ids)
            .order_by()
            .values("offer_id")
            .annotate(total=Count("pk"), new=new)
        )
        self.counts = {row["offer_id"]: (row["total"], row["new"]) for row in rows}

    def get_value(self, instance) -> int | None:
        if not isinstance(instance, OfferPage):
            return None
        return self.counts.get(instance.pk, (0, 0))[0]

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        total, new = self.counts.get(instance.pk, (0, 0))
        context.update(
            total=total,
            new=new,
            is_offer=isinstance(instance, OfferPage),
            url=reverse("applications_application_modeladmin_index")
            + "?"
            + urlencode({"offer": instance.pk}),
            board_url=reverse("applications_board", args=[instance.pk]),
        )
        return context


@hooks.register("register_offer_listing_columns")
def add_offer_applications_column(request) -> list[Column]:
    """Only HR recruiters see how many applications an offer has."""
    if not request.user.has_perm(VIEW_APPLICATIONS):
        return []
    return [OfferApplicationsColumn(last_visit(request))]


@hooks.register(PERSONAL_DATA_HOOK)
def register_personal_data() -> PersonalData:
    return APPLICATION_DATA


@hooks.register(SPACE_LINKS_HOOK)
def add_my_applications_link(request: HttpRequest) -> list[SpaceLink]:
    """ "My applications", after "My documents" in the candidate space."""
    return [
        SpaceLink(
            title=_("My applications"),
            text=_("Drafts and applications sent, with their status."),
            url=reverse("applications:list"),
            order=300,
        )
    ]


class SpaceApplicationsSection(Component):
    """The first screen of the candidate space: drafts to finish first, then the
    latest applications with their status (one query)."""

    template_name = "applications/includes/space_applications.html"
    shown = 6

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def get_context_data(self, parent_context: dict | None = None) -> dict:
        applications = list(
            services.candidate_applications(self.request.user)[: self.shown + 1]
        )
        shown = applications[: self.shown]
        return {
            "drafts": [application for application in shown if application.is_draft],
            "sent": [application for application in shown if not application.is_draft],
            "more": len(applications) > self.shown,
            "request": self.request,
        }


@hooks.register(SPACE_SECTIONS_HOOK)
def add_space_applications(request: HttpRequest) -> list[Component]:
    return [SpaceApplicationsSection(request)]


@hooks.register(OFFER_APPLY_STATE_HOOK)
def offer_apply_state(request: HttpRequest, offer: OfferPage) -> ApplyState | None:
    """ "You applied on ..." or "Finish your application" in place of Apply."""
    return services.apply_state(request.user, offer)


class StageViewSet(SnippetViewSet):
    """HR's pipeline: stages in order (dragged into place), each with the status
    candidates see and its e-mail, previewed with a sample candidate."""

    model = Stage
    icon = "list-ol"
    menu_label = gettext_lazy("Stages")
    list_display = [
        "name",
        Column(
            "public_status",
            label=gettext_lazy("Status the candidate sees"),
            accessor="get_public_status_display",
        ),
        BooleanColumn("is_terminal", label=gettext_lazy("Final stage")),
        BooleanColumn("has_email", label=gettext_lazy("E-mail")),
    ]
    search_fields = ["name"]


register_snippet(StageViewSet)
