"""HR's pipeline screens in the admin: the board of an offer (a column per
stage, a card per application, moved by a button or by dragging), moving the
applications ticked in the list, and the figures with their CSV export. HR
recruiters only: whoever lacks the rights gets a 403."""

from __future__ import annotations

import csv
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from offers.models import OfferPage

from . import services
from .answers import knocked_out
from .choices import Status
from .figures import Bar, Figures, compute_figures
from .forms import BulkMoveForm
from .models import Application, Stage
from .permissions import CHANGE_APPLICATIONS, VIEW_APPLICATIONS

INDEX_URL_NAME = "applications_application_modeladmin_index"
# Characters that make a spreadsheet cell a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell value that no spreadsheet runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _offer_or_404(offer_id: int) -> OfferPage:
    return get_object_or_404(
        OfferPage.objects.only("pk", "title", "reference", "slug"), pk=offer_id
    )


def _list_url(offer_id: int | None = None) -> str:
    url = reverse(INDEX_URL_NAME)
    return url + "?" + urlencode({"offer": offer_id}) if offer_id else url


def _int(value: object) -> int:
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else 0


class RecruitmentView(WagtailAdminTemplateMixin, TemplateView):
    """An HR screen of the admin, refused (403) to whoever lacks ``permission``."""

    permission = VIEW_APPLICATIONS
    header_icon = "user"
    _page_title = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return self._page_title

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL_NAME), "label": _("Applications")},
            {"url": "", "label": self.get_page_title()},
        ]


class BoardView(RecruitmentView):
    """The offer's board: a column per stage, a card per sent application. A
    card is moved by its form (a button), or dragged onto a column
    (``board.js`` submits the same form without HR's choice of notifying,
    which ``?move=<application>&stage=<stage>`` then asks for)."""

    template_name = "applications/admin/board.html"
    header_icon = "table"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST" or "move" in request.GET:
            self.permission = CHANGE_APPLICATIONS
        return super().dispatch(request, *args, **kwargs)

    move_title = ""

    def get_page_title(self) -> str:
        return self.move_title or _("Board: %(offer)s") % {"offer": self.offer.title}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.offer = _offer_or_404(kwargs["offer_id"])
        if "move" in request.GET:
            return self.confirm_move(
                _int(request.GET.get("move")), _int(request.GET.get("stage"))
            )
        return super().get(request, *args, **kwargs)

    def board_application(self, pk: int) -> Application | None:
        return (
            Application.objects.sent()
            .filter(offer_id=self.offer.pk, pk=pk)
            .select_related("candidate")
            .first()
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        stages = services.pipeline()
        applications = list(
            Application.objects.sent()
            .filter(offer_id=self.offer.pk)
            .select_related("candidate", "stage")
            .annotate(knocked_out=knocked_out())
            .order_by("submitted_at", "pk")
        )
        cards: dict[int, list[Application]] = {stage.pk: [] for stage in stages}
        unstaged: list[Application] = []
        for application in applications:
            application.proposed_stage = services.next_stage(application, stages)
            cards.get(application.stage_id, unstaged).append(application)
        return super().get_context_data(
            offer=self.offer,
            columns=[(stage, cards[stage.pk]) for stage in stages],
            unstaged=unstaged,
            stages=stages,
            can_move=self.request.user.has_perm(CHANGE_APPLICATIONS),
            list_url=_list_url(self.offer.pk),
            figures_url=reverse("applications_figures")
            + "?"
            + urlencode({"offer": self.offer.pk}),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Moves a card. With the card's button HR has decided whether the
        candidate is notified (its "Notify" box, ticked by the stage's default);
        a card dragged onto a stage with an e-mail asks first."""
        self.offer = _offer_or_404(kwargs["offer_id"])
        board_url = reverse("applications_board", args=[self.offer.pk])
        application = self.board_application(_int(request.POST.get("application")))
        stage = (
            Stage.objects.pipeline().filter(pk=_int(request.POST.get("stage"))).first()
        )
        if application is None or stage is None:
            messages.error(
                request, _("Choose an application of this board and a stage.")
            )
            return redirect(board_url)
        if request.POST.get("decided"):
            notify = bool(request.POST.get("notify"))
        elif stage.has_email and application.stage_id != stage.pk:
            query = urlencode({"move": application.pk, "stage": stage.pk})
            return redirect(f"{board_url}?{query}")
        else:
            notify = stage.notify_by_default and stage.has_email
        try:
            services.move_to_stage(application, stage, request.user, notify=notify)
        except services.ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(candidate)s is moved to “%(stage)s”.")
                % {"candidate": application.candidate_name, "stage": stage.name},
            )
        return redirect(f"{board_url}#card-{application.pk}")

    def confirm_move(self, application_id: int, stage_id: int) -> HttpResponse:
        """The page that asks whether the candidate is told of a dragged move,
        with the subject of the stage's e-mail as they would receive it."""
        board_url = reverse("applications_board", args=[self.offer.pk])
        application = self.board_application(application_id)
        stage = Stage.objects.pipeline().filter(pk=stage_id).first()
        if application is None or stage is None:
            return redirect(board_url)
        self.template_name = "applications/admin/board_move.html"
        self.move_title = _("Move %(candidate)s to “%(stage)s”") % {
            "candidate": application.candidate_name,
            "stage": stage.name,
        }
        context = super().get_context_data(
            offer=self.offer,
            application=application,
            stage=stage,
            email_subject=services.stage_email_subject(application, stage),
            cancel_url=f"{board_url}#card-{application.pk}",
        )
        return self.render_to_response(context)


class BulkMoveView(RecruitmentView):
    """Moves the applications ticked in the list to a stage ("Not selected": the
    first stage whose candidates read "not selected", with its e-mail). A choice
    missing shows this form with the error summary; nothing is moved."""

    permission = CHANGE_APPLICATIONS
    template_name = "applications/admin/bulk_move.html"
    header_icon = "arrow-right"

    def get_page_title(self) -> str:
        return _("Move applications")

    def back_url(self) -> str:
        back = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if url_has_allowed_host_and_scheme(
            back,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            return back
        return reverse(INDEX_URL_NAME)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = kwargs.pop("form", None) or BulkMoveForm(
            initial={"applications": self.ticked_ids(self.request.GET)}
        )
        ticked = (
            Application.objects.sent()
            .filter(pk__in=self.ticked_ids(form.data or self.request.GET))
            .select_related("offer", "stage")
        )
        return super().get_context_data(
            form=form, ticked=ticked, next=self.back_url(), **kwargs
        )

    @staticmethod
    def ticked_ids(data) -> list[int]:
        return [pk for pk in map(_int, data.getlist("applications")) if pk]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        data = request.POST.copy()
        if "not_selected" in data:
            stage = (
                Stage.objects.pipeline().filter(public_status=Status.REJECTED).first()
            )
            data["stage"] = str(stage.pk) if stage else ""
            data["notify"] = "on"
        form = BulkMoveForm(data)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        stage = form.cleaned_data["stage"]
        moved, refused = services.move_many(
            list(form.cleaned_data["applications"].select_related("candidate")),
            stage,
            request.user,
            notify=form.cleaned_data["notify"],
        )
        if moved:
            messages.success(
                request,
                ngettext(
                    "%(count)d application moved to “%(stage)s”.",
                    "%(count)d applications moved to “%(stage)s”.",
                    moved,
                )
                % {"count": moved, "stage": stage.name},
            )
        for reason in refused:
            messages.warning(request, reason)
        return redirect(self.back_url())


class FiguresView(RecruitmentView):
    """The figures, overall or for one offer (``?offer=``), and their CSV
    (``?format=csv``)."""

    template_name = "applications/admin/figures.html"
    header_icon = "table"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        offer_id = _int(request.GET.get("offer")) or None
        self.offer = _offer_or_404(offer_id) if offer_id else None
        self.figures = compute_figures(offer_id)
        if request.GET.get("format") == "csv":
            return figures_csv(self.figures, self.offer)
        return super().get(request, *args, **kwargs)

    def get_page_title(self) -> str:
        if self.offer:
            return _("Figures: %(offer)s") % {"offer": self.offer.title}
        return _("Figures")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        offer = self.offer
        offers = (
            OfferPage.objects.filter(pk__in=Application.objects.sent().values("offer"))
            .order_by("title", "pk")
            .values_list("pk", "title", "reference")
        )
        query = {"offer": offer.pk, "format": "csv"} if offer else {"format": "csv"}
        return super().get_context_data(
            figures=self.figures,
            offer=offer,
            offers=offers,
            chart=bar_chart(self.figures.stages),
            source_chart=bar_chart(self.figures.sources),
            csv_url=reverse("applications_figures") + "?" + urlencode(query),
            board_url=reverse("applications_board", args=[offer.pk]) if offer else "",
            list_url=_list_url(offer.pk if offer else None),
            **kwargs,
        )


# The geometry of the server-rendered bar charts (SVG user units).
BAR_HEIGHT = 28
BAR_GAP = 10
LABEL_WIDTH = 200
BARS_WIDTH = 360


def bar_chart(bars: list[Bar]) -> dict[str, Any]:
    """The positions of a horizontal bar chart's rows, for the SVG template."""
    rows = []
    for index, bar in enumerate(bars):
        y = index * (BAR_HEIGHT + BAR_GAP)
        width = round(BARS_WIDTH * bar.percent / 100)
        rows.append(
            {
                "label": bar.label,
                "count": bar.count,
                "y": y,
                "text_y": y + BAR_HEIGHT // 2 + 5,
                "width": width,
                "count_x": LABEL_WIDTH + width + 8,
            }
        )
    return {
        "rows": rows,
        "bar_height": BAR_HEIGHT,
        "label_width": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 8,
        "width": LABEL_WIDTH + BARS_WIDTH + 60,
        "height": max(len(bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP, BAR_HEIGHT),
    }


def figures_csv(result: Figures, offer: OfferPage | None) -> HttpResponse:
    name = f"figures-{offer.reference or offer.pk}" if offer else "figures"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Figure"), _("Label"), _("Value")])
    writer.writerow([_("Applications"), "", result.total])
    writer.writerow([_("New this week"), "", result.new_this_week])
    writer.writerow(
        [
            _("Median days from received to a decision"),
            "",
            "" if result.median_days is None else result.median_days,
        ]
    )
    for bar in result.stages:
        # A stage's name is typed by HR: never a spreadsheet formula.
        writer.writerow([_("Stage"), neutralise(bar.label), bar.count])
    for bar in result.sources:
        writer.writerow([_("Source"), bar.label, bar.count])
    return response
