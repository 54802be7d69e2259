"""A regional official's home: what needs them now (a questionnaire to fill before its deadline,
a plan the mentor sent back, quick-win reports due…), then their region's path through every
stage of the programme. It reads every stage, so it lives in `portal`; each stage's part comes
from that stage's own reads."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from assessment.models import Questionnaire, QuestionnaireEvent, Regulation
from assessment.services.questionnaire import questionnaire_closed_reason, questionnaire_progress
from candidates.access import published_results_for_region
from candidates.models import Candidate, ScreeningResult
from evaluation.homes_review import self_assessment_tasks
from masterplan.homes import REPORT_EVERY_DAYS, official_plans, quick_win_followup
from masterplan.models import Plan
from partners.models import MoU
from smartcity.access import role_required
from smartcity.models import Region, User
from smartcity.todo import INFO, SOON, URGENT, Task, by_urgency

# A questionnaire deadline this close makes filling it urgent.
DEADLINE_URGENT_DAYS = 3


def _candidacies(region):
    """The region's candidacies, newest cohort first, with questionnaire (and its regulation
    count and the reason of its latest reopening) and MoU joined in: one query."""
    regulations = (
        Regulation.objects.filter(questionnaire__candidate=OuterRef("pk"))
        .order_by()
        .values("questionnaire")
        .annotate(n=Count("pk"))
        .values("n")
    )
    reopened = QuestionnaireEvent.objects.filter(
        questionnaire__candidate=OuterRef("pk"), new=Questionnaire.Status.REOPENED
    ).order_by("-at", "-pk")
    return list(
        Candidate.objects.filter(region=region)
        .select_related("cohort", "questionnaire", "mou")
        .annotate(
            regulation_count=Coalesce(Subquery(regulations, output_field=IntegerField()), 0),
            reopened_reason=Subquery(reopened.values("reason")[:1]),
        )
        .order_by("-cohort__year")
    )


def _questionnaire_task(candidacy) -> Task | None:
    q = candidacy.readiness
    if not candidacy.readiness_open or (q is not None and q.status == q.Status.SUBMITTED):
        return None
    url = reverse("questionnaire", args=[candidacy.pk])
    deadline = candidacy.cohort.questionnaire_deadline
    if q is not None and q.status == Questionnaire.Status.REOPENED:
        return Task(
            title=_("Perbaiki kuesioner kesiapan yang dibuka kembali (%(year)s)")
            % {"year": candidacy.cohort.year},
            url=url,
            action=_("Perbaiki kuesioner"),
            level=URGENT,
            detail=_("Kominfo membuka kembali kuesioner Anda. Perbaiki lalu ajukan lagi."),
            quote=candidacy.reopened_reason or "",
        )
    complete = candidacy.readiness_complete
    if q is None:
        detail = _("Belum diisi. Kuesioner terdiri atas 4 bagian.")
    else:
        detail = ngettext(
            "%(done)d dari %(n)d bagian sudah lengkap.",
            "%(done)d dari %(n)d bagian sudah lengkap.",
            complete,
        ) % {"done": complete, "n": candidacy.readiness_parts}
    soon = deadline is not None and deadline - timezone.now() <= timedelta(
        days=DEADLINE_URGENT_DAYS
    )
    return Task(
        title=_("Isi kuesioner kesiapan %(cohort)s") % {"cohort": candidacy.cohort},
        url=url,
        action=_("Lanjutkan mengisi") if q is not None else _("Mulai mengisi"),
        level=URGENT if soon else SOON,
        detail=detail,
        due=deadline,
    )


def _mou_task(candidacy) -> Task | None:
    mou = candidacy.mou_or_none
    if candidacy.status != Candidate.Status.SELECTED or (
        mou is not None and mou.status != MoU.Status.PENDING
    ):
        return None
    if mou is not None and mou.signing_date:
        detail = _("Penandatanganan dijadwalkan %(date)s%(venue)s.") % {
            "date": date_format(mou.signing_date),
            "venue": f", {mou.venue}" if mou.venue else "",
        }
    else:
        detail = _(
            "Daerah Anda terpilih. Kominfo akan mengabarkan jadwal penandatanganan MoU oleh "
            "kepala daerah."
        )
    return Task(
        title=_("MoU %(cohort)s menunggu tanda tangan") % {"cohort": candidacy.cohort},
        url=reverse("mou_detail", args=[candidacy.pk]),
        action=_("Lihat MoU"),
        level=INFO,
        detail=detail,
        due=mou.signing_date if mou is not None else None,
    )


def _plan_task(candidacy, *, latest: bool) -> Task | None:
    plan = candidacy.plan_or_none
    S = Plan.Status
    if candidacy.status not in Candidate.IN_PROGRAMME:
        return None
    if plan is None:
        if not latest:  # `my_plan` opens the latest cohort's plan only
            return None
        return Task(
            title=_("Mulai menyusun masterplan smart city"),
            url=reverse("my_plan"),
            action=_("Mulai menyusun"),
            detail=_(
                "Daerah Anda peserta %(cohort)s. Susun masterplan bersama mentor, lalu ajukan."
            )
            % {"cohort": candidacy.cohort},
        )
    if plan.status == S.DRAFT:
        return Task(
            title=_("Lanjutkan menyusun masterplan"),
            url=plan.get_absolute_url(),
            action=_("Buka masterplan"),
            detail=_("Masih draf, terakhir diubah %(when)s. Ajukan ke mentor bila sudah lengkap.")
            % {"when": date_format(timezone.localtime(plan.updated_at))},
        )
    if plan.status == S.REVISION:
        facts = []
        if plan.open_blocking:
            facts.append(
                ngettext(
                    "%(n)d komentar wajib masih terbuka.",
                    "%(n)d komentar wajib masih terbuka.",
                    plan.open_blocking,
                )
                % {"n": plan.open_blocking}
            )
        others = plan.open_comments - plan.open_blocking
        if others:
            facts.append(
                ngettext(
                    "%(n)d komentar lain masih terbuka.",
                    "%(n)d komentar lain masih terbuka.",
                    others,
                )
                % {"n": others}
            )
        detail = _("Mentor meminta revisi. Perbaiki masterplan, lalu ajukan ulang ke mentor.")
        if plan.revision_at:
            detail = _(
                "%(who)s meminta revisi pada %(when)s. Perbaiki masterplan, lalu ajukan ulang "
                "ke mentor."
            ) % {
                "who": plan.revision_by or _("Mentor"),
                "when": date_format(timezone.localtime(plan.revision_at)),
            }
        return Task(
            title=_("Revisi masterplan yang diminta mentor"),
            url=plan.get_absolute_url(),
            action=_("Revisi masterplan"),
            level=URGENT,
            detail=detail,
            quote=plan.revision_note or "",
            facts=facts,
        )
    if plan.status == S.APPROVED:
        return Task(
            title=_("Catat penetapan masterplan"),
            url=reverse("plan_enact", args=[plan.pk]),
            action=_("Catat penetapan"),
            detail=_(
                "Kominfo telah mengesahkan masterplan. Catat nomor dan tanggal Perwal/Perbup "
                "yang menetapkannya, dengan dokumennya."
            ),
        )
    return None


def _report_task(due) -> Task:
    row = due.row
    programme = row.programme
    if due.last is None:
        detail = _("Belum ada laporan progres sejak quick win ini mulai %(start)s.") % {
            "start": date_format(row.start)
        }
        deadline = row.start + timedelta(days=REPORT_EVERY_DAYS)
    else:
        detail = _("Laporan terakhir %(when)s: %(percent)s%% selesai.") % {
            "when": date_format(due.last),
            "percent": row.latest_percent,
        }
        deadline = due.last + timedelta(days=REPORT_EVERY_DAYS)
    return Task(
        title=_("Laporkan progres quick win “%(name)s”") % {"name": programme.name},
        url=reverse("quick_win_progress", args=[programme.plan_id, programme.pk]),
        action=_("Laporkan progres"),
        level=URGENT if due.late else SOON,
        detail=detail,
        facts=list(row.lag.reasons) if due.late else [],
        due=deadline,
    )


def screening_explanation(result: ScreeningResult, candidacies) -> str:
    """Why a confirmed screening did not invite the region, from its result's own status and
    reason: ranked below the shortlist, missing indicators, or excluded, and when excluded
    because the region is already in the programme, in which earlier cohort."""
    status = ScreeningResult.Status
    year = result.run.round.cohort.year
    if result.status == status.RANKED:
        return _(
            "Daerah Anda diperingkat tetapi tidak masuk daftar pendek seleksi awal angkatan ini, "
            "sehingga tidak diundang ke asesmen kesiapan."
        )
    if result.status == status.INCOMPLETE:
        return _(
            "Data indikator daerah Anda belum lengkap (%(reason)s), sehingga daerah Anda tidak "
            "diperingkat dan tidak diundang ke asesmen kesiapan angkatan ini."
        ) % {"reason": result.reason.removeprefix("Data indikator tidak lengkap: ")}
    if result.status == status.EXCLUDED:
        earlier = [
            c for c in candidacies if c.status in Candidate.IN_PROGRAMME and c.cohort.year < year
        ]
        if earlier:
            return _(
                "Daerah Anda tidak diseleksi lagi pada angkatan ini karena sudah menjadi peserta "
                "program sejak %(cohort)s."
            ) % {"cohort": earlier[-1].cohort}
        return _("Daerah Anda dikecualikan dari seleksi awal angkatan ini: %(reason)s.") % {
            "reason": result.reason.rstrip(".")
        }
    return _("Daerah Anda masuk daftar pendek seleksi awal angkatan ini.")


@role_required(User.Role.OFFICIAL)
@require_GET
def official_home(request):
    """A regional official's page: what needs them now, most urgent first, then their region
    and its path through the programme. Only their own region's: every read is by region."""
    region = Region.objects.select_related("province").get(pk=request.user.region_id)
    candidacies = _candidacies(region)
    plans = official_plans(request.user)
    screening = {r.run.round.cohort_id: r for r in published_results_for_region(region)}
    latest_in_programme = next(
        (c.pk for c in candidacies if c.status in Candidate.IN_PROGRAMME), None
    )
    tasks = []
    for candidacy in candidacies:
        candidacy.screening = screening.pop(candidacy.cohort_id, None)
        candidacy.readiness = getattr(candidacy, "questionnaire", None)
        candidacy.mou_or_none = getattr(candidacy, "mou", None)
        candidacy.plan_or_none = plans.get(candidacy.pk)
        questionnaire = candidacy.readiness or Questionnaire(candidate=candidacy)
        candidacy.readiness_open = questionnaire_closed_reason(questionnaire) is None
        parts = questionnaire_progress(questionnaire, regulation_count=candidacy.regulation_count)
        candidacy.readiness_parts = len(parts)
        candidacy.readiness_complete = sum(part.complete for part in parts)
        tasks += [
            _questionnaire_task(candidacy),
            _mou_task(candidacy),
            _plan_task(candidacy, latest=candidacy.pk == latest_in_programme),
        ]
    quick_wins, due = quick_win_followup(request.user)
    tasks += [_report_task(d) for d in due]
    tasks += self_assessment_tasks(request.user)
    for candidacy in candidacies:
        # The plan's quick wins at a glance: how many, and how many lag.
        mine = [r for r in quick_wins if r.programme.plan.candidate_id == candidacy.pk]
        candidacy.quick_wins = len(mine)
        candidacy.quick_wins_lagging = sum(1 for r in mine if r.lag.lagging)
    # Confirmed screenings that did not invite the region: its result is still its to see.
    screened_only = list(screening.values())
    for result in screened_only:
        result.explanation = screening_explanation(result, candidacies)
    return render(
        request,
        "portal/home_official.html",
        {
            "region": region,
            "candidacies": candidacies,
            "screened_only": screened_only,
            "tasks": by_urgency(t for t in tasks if t is not None),
        },
    )
