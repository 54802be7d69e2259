"""The demo plans themselves: Bandung, Sukoharjo and the other 2018 regions, moved through the
workflow services as their people would move them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.utils import timezone

from candidates.models import Candidate
from candidates.services.candidacy import candidate_move
from smartcity.models import Region

from ..document import NATIONAL_LEGAL_BASIS
from ..models import (
    Dimension,
    Element,
    Plan,
    PlanEndorsement,
    PlanEvent,
    PlanVersion,
    Programme,
    QuickWinUpdate,
    ReviewComment,
)
from .build import (
    BUDGET_STEP,
    add_programme,
    build_plan,
    demo_mentor,
    demo_official,
    kota_of,
    mark_notified,
    pick,
    programme_values,
    regulation_pdf,
    round_budget,
    seed_bodies,
    type_untyped_programmes,
    versions_of,
)
from .content import (
    BANK,
    OTHERS,
    STRATEGIES,
    SUKOHARJO_ADDED,
    SUKOHARJO_DOCUMENT,
    F,
    S,
    Section,
)

# --- the decisions, as the mentors and the ministry take them ----------------------------------


def endorse_by_team(plan: Plan, *, note: str) -> Plan:
    """Every mentor assigned to the region endorses the plan, which then goes to the ministry."""
    from ..services.workflow import endorsements_of, plan_endorse

    for mentor in endorsements_of(plan).mentors:
        plan = plan_endorse(plan=plan, by=mentor, note=note)
    return plan


def approve_with_letter(plan: Plan, *, by, number: str, on: date) -> Plan:
    """The ministry's approval with its letter. The demo writes history (its dates are moved
    afterwards), so the move is made with the letter directly, without today's date checks."""
    from ..services.workflow import approval_note, plan_move

    return plan_move(
        plan=plan,
        to=S.APPROVED,
        by=by,
        note=approval_note(number, on),
        approval_letter_number=number,
        approval_letter_date=on,
    )


# --- the plans -------------------------------------------------------------------------------


def seed_bandung(staff) -> None:
    """Kota Bandung (2017): submitted, revised once, endorsed, approved and enacted by Perwal."""
    from partners.models import MentorAssignment
    from smartcity.models import User

    from ..services.authoring import programme_save
    from ..services.workflow import plan_enact, plan_move, plan_submit

    candidate = (
        Candidate.objects.select_related("region", "cohort")
        .filter(cohort__year=2017, region__code="32.73")
        .first()
    )
    official = User.objects.filter(username="pemda-3273").first()
    mentor = User.objects.filter(username="mentor-ui").first()
    if candidate is None or official is None or mentor is None:
        return
    if Plan.objects.filter(candidate=candidate).exists():
        return
    if candidate.status == Candidate.Status.SELECTED:  # 2017's regions are seeded participants
        candidate = candidate_move(
            candidate=candidate, to=Candidate.Status.PARTICIPANT, by=staff, reason="Demo: MoU 2017"
        )
    if not MentorAssignment.objects.active().filter(candidate=candidate, mentor=mentor).exists():
        MentorAssignment.objects.create(candidate=candidate, mentor=mentor, assigned_by=staff)

    today = timezone.localdate()
    approved_on = today - timedelta(days=150)
    enacted_on = approved_on + timedelta(days=21)
    seed_bodies(
        candidate.region,
        official,
        head="Wali Kota",
        decree="Keputusan Wali Kota Bandung Nomor 050/Kep.1187-Diskominfo/2017",
        decree_date=date(2017, 9, 18),
    )
    plan = build_plan(
        candidate,
        official,
        items=pick(45),
        quick_wins=4,
        start_year=approved_on.year,
        title="Masterplan Smart City Kota Bandung",
    )
    # Quick wins start a fortnight to two months after approval, so the follow-up is mid-course.
    quick_wins = list(plan.programmes.filter(is_quick_win=True).order_by("order"))
    for i, programme in enumerate(quick_wins):
        programme.quick_win_start = approved_on + timedelta(days=14 + 15 * i)
    Programme.objects.bulk_update(quick_wins, ["quick_win_start"])

    plan = plan_submit(plan=plan, by=official, note="Draf final hasil Bimtek tahap IV.")
    general = ReviewComment.objects.create(
        plan=plan,
        version=versions_of(plan)[-1],
        section=Section.PROGRAMMES,
        author=mentor,
        body="Anggaran ATCS tahun pertama terlalu besar untuk satu tahun anggaran; mohon "
        "dibagi bertahap.",
        blocking=True,
    )
    plan = plan_move(
        plan=plan,
        to=S.REVISION,
        by=mentor,
        note="Mohon tahapkan anggaran ATCS; selebihnya sudah baik.",
    )
    atcs = plan.programmes.filter(name__startswith="Area Traffic").first()
    if atcs:
        budgets = {b.year: b.amount for b in atcs.budgets.all()}
        first = min(budgets)
        # Half of the first year (in whole steps) moves to the next one.
        moved = budgets[first] // 2 // BUDGET_STEP * BUDGET_STEP
        if first + 1 in budgets:
            budgets[first + 1] += moved
        budgets[first] -= moved
        programme_save(
            plan=plan, by=official, programme=atcs, values=programme_values(atcs), budgets=budgets
        )
    ReviewComment.objects.create(
        plan=plan,
        parent=general,
        author=official,
        body="Sudah kami bagi: separuh anggaran tahun pertama dipindah ke tahun berikutnya.",
    )
    plan = plan_submit(plan=plan, by=official, note="Anggaran ATCS sudah ditahapkan.")
    ReviewComment.objects.filter(pk=general.pk).update(
        status=ReviewComment.Status.RESOLVED, resolved_by=mentor, resolved_at=timezone.now()
    )
    plan = endorse_by_team(plan, note="Layak disahkan.")
    letter = f"B-{1100 + approved_on.day}/DJAI/AI.01.02/{approved_on.month:02d}"
    plan = approve_with_letter(
        plan, by=staff, number=f"{letter}/{approved_on.year}", on=approved_on
    )
    number = f"{30 + enacted_on.month} Tahun {enacted_on.year}"
    pdf = regulation_pdf(
        f"Peraturan Wali Kota Bandung Nomor {number} tentang Masterplan Smart City Kota Bandung"
    )
    plan = plan_enact(
        plan=plan,
        by=official,
        regulation_type=Plan.Regulation.PERWAL,
        number=number,
        date=enacted_on,
        upload=SimpleUploadedFile("perwal-masterplan-smart-city.pdf", pdf, "application/pdf"),
    )

    # Progress reports: most on track, one late (its procurement had to be tendered again).
    late_index = 2
    rows = []
    for i, programme in enumerate(quick_wins):
        start = programme.quick_win_start
        end = start + timedelta(days=round(30.44 * programme.quick_win_months))
        for days_ago in (40, 8) if i != 3 else (8,):
            on = today - timedelta(days=days_ago)
            expected = max(0, min(100, 100 * (on - start).days // (end - start).days))
            if i == late_index:
                percent, status = max(5, expected // 3 // 5 * 5), QuickWinUpdate.Status.LATE
                note = "Pengadaan perangkat mundur karena lelang ulang; jadwal disusun kembali."
            else:
                percent = min(100, (expected + 9) // 5 * 5)
                status = QuickWinUpdate.Status.ON_TRACK
                note = "Berjalan sesuai rencana kerja; uji coba bersama warga."
            rows.append(
                (
                    on,
                    QuickWinUpdate(
                        programme=programme,
                        percent=percent,
                        status=status,
                        note=note,
                        created_by=official,
                    ),
                )
            )
    QuickWinUpdate.objects.bulk_create(update for _, update in rows)
    for on, update in rows:
        QuickWinUpdate.objects.filter(pk=update.pk).update(created_at=_at(on, 10))

    _date_history(
        plan,
        [
            approved_on - timedelta(days=75),  # submitted
            approved_on - timedelta(days=60),  # revision
            approved_on - timedelta(days=40),  # resubmitted
            approved_on - timedelta(days=20),  # endorsed
            approved_on,  # approved
            enacted_on,  # enacted
        ],
    )
    PlanEndorsement.objects.filter(plan=plan).update(at=_at(approved_on - timedelta(days=20), 9))
    ReviewComment.objects.filter(plan=plan).update(
        created_at=_at(approved_on - timedelta(days=62), 9)
    )
    ReviewComment.objects.filter(plan=plan, resolved_at__isnull=False).update(
        resolved_at=_at(approved_on - timedelta(days=22), 14)
    )
    Plan.objects.filter(pk=plan.pk).update(
        created_at=_at(approved_on - timedelta(days=120), 8),
        approved_at=_at(approved_on, 11),
        status_changed_at=_at(enacted_on, 11),
    )


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _date_history(plan: Plan, days: list[date]) -> None:
    """Put the plan's seeded moves (and the versions they froze) on the given days."""
    events = list(PlanEvent.objects.filter(plan=plan).order_by("at", "pk"))
    for event, day in zip(events, days, strict=True):
        at = _at(day, 10)
        PlanEvent.objects.filter(pk=event.pk).update(at=at, notified_at=at)
        if event.version_id:
            # Only the creation time of a demo version moves, never its frozen content; the
            # plain QuerySet is used because the model's own refuses every update.
            models.QuerySet(PlanVersion).filter(pk=event.version_id).update(created_at=at)


def seed_sukoharjo(staff) -> None:
    """Kab. Sukoharjo (2018): submitted, sent back by mentor-itb, resubmitted with changes."""
    from smartcity.models import User

    from ..services.authoring import plan_update, programme_delete, programme_save, strategies_save
    from ..services.workflow import plan_move, plan_submit

    candidate = (
        Candidate.objects.select_related("region", "cohort")
        .filter(cohort__year=2018, region__code="33.11", status__in=Candidate.IN_PROGRAMME)
        .first()
    )
    official = User.objects.filter(username="pemda-3311").first()
    mentor = User.objects.filter(username="mentor-itb").first()
    if candidate is None or official is None or mentor is None:
        return
    if Plan.objects.filter(candidate=candidate).exists():
        return
    seed_bodies(
        candidate.region,
        official,
        head="Bupati",
        decree="Keputusan Bupati Sukoharjo Nomor 050/214/2018",
        decree_date=date(2018, 6, 4),
    )
    plan = build_plan(candidate, official, items=pick(38), quick_wins=3)
    # The document's front and back matter, written before the first submission (Bimtek III).
    document = SUKOHARJO_DOCUMENT
    plan_update(
        plan=plan,
        by=official,
        foreword_head=document["foreword_head"],
        foreword_team=document["foreword_team"],
        legal_basis="\n".join([*NATIONAL_LEGAL_BASIS, *document["legal_basis_local"]]),
        profile_economy=document["profile_economy"],
        profile_sectors=document["profile_sectors"],
        closing=document["closing"],
        agency_names={"Disbudpar": "Dinas Kebudayaan, Pariwisata, Pemuda dan Olahraga"},
    )
    plan = plan_submit(plan=plan, by=official, note="Versi pertama setelah Bimtek tahap III.")
    v1 = versions_of(plan)[-1]
    programmes = {p.name: p for p in plan.programmes.all()}
    atcs = programmes["Area Traffic Control System (ATCS)"]
    parking = programmes.get("Parkir Elektronik (e-Parking)")
    blocking = ReviewComment.objects.create(
        plan=plan,
        version=v1,
        section=Section.READINESS,
        author=mentor,
        blocking=True,
        body="Analisis kesiapan infrastruktur belum menyebut kapasitas ruang server dan "
        "rencana pusat data; ini perlu sebelum pengesahan.",
    )
    ReviewComment.objects.create(
        plan=plan,
        version=v1,
        section=Section.PROGRAMMES,
        programme=atcs,
        programme_name=atcs.name,
        author=mentor,
        body="ATCS untuk 60 simpang terlalu besar bagi kabupaten; mulai dari simpang di jalur "
        "Solo–Wonogiri dan ajukan DAK.",
    )
    ReviewComment.objects.create(
        plan=plan,
        version=v1,
        section=Section.GENERAL,
        author=mentor,
        mentor_only=True,
        body="Catatan internal: Bappeda sangat responsif; Diskominfo perlu didampingi soal "
        "skema KPBU untuk PJU cerdas.",
    )
    if parking:
        on_parking = ReviewComment.objects.create(
            plan=plan,
            version=v1,
            section=Section.PROGRAMMES,
            programme=parking,
            programme_name=parking.name,
            author=mentor,
            body="Parkir elektronik belum mendesak bagi kabupaten dan belum ada kajian "
            "potensi retribusinya; pertimbangkan untuk ditunda.",
        )
    plan = plan_move(
        plan=plan,
        to=S.REVISION,
        by=mentor,
        note="Lengkapi analisis kesiapan infrastruktur, tahapkan ATCS, dan tambahkan program "
        "unggulan daerah (jamu, gamelan, desa).",
    )

    # The revision, through the authoring services as the region's official makes it.
    plan_update(
        plan=plan,
        by=official,
        readiness_infrastructure=plan.readiness_infrastructure
        + " Ruang server Diskominfo berkapasitas 12 rak akan ditingkatkan menjadi pusat data "
        "daerah Tier II pada tahun kedua; desa-desa selatan dijangkau jaringan serat optik "
        "bertahap bersama BAKTI.",
        gaps=plan.gaps + " Pusat data bersertifikat dan jaringan desa menjadi prioritas.",
    )
    dimensions = {d.code: d for d in Dimension.objects.all()}
    strategies_save(
        plan=plan,
        by=official,
        texts={
            dimensions["branding"].pk: STRATEGIES["branding"].format(kota="Sukoharjo")
            + " Sentra jamu Nguter dan gamelan Wirun menjadi ikon promosi."
        },
    )
    elements = {e.code: e for e in Element.objects.all()}
    for item in SUKOHARJO_ADDED:
        programme, budgets = add_programme(plan, item, 0, elements, quick_win=False)
        programme.dimension = elements[item.element].dimension
        programme_save(plan=plan, by=official, values=programme_values(programme), budgets=budgets)
    # A third of the corridor, in round amounts (never Rp 5.168.333.333).
    atcs_budgets = {b.year: round_budget(b.amount / 3) for b in atcs.budgets.all()}
    programme_save(
        plan=plan,
        by=official,
        programme=atcs,
        values=programme_values(
            atcs,
            name="Area Traffic Control System (ATCS) Koridor Solo–Wonogiri",
            kpi_target=Decimal("16"),
            funding_source=F.APBN,
        ),
        budgets=atcs_budgets,
    )
    ppdb = plan.programmes.filter(name__startswith="Penerimaan Peserta Didik").first()
    changed = [
        ("Bank Sampah Digital", {"kpi_target": Decimal("300")}),
        ("Wi-Fi Publik di Ruang Publik dan Kelurahan", {"agency": "Diskominfo dan Dinas PMD"}),
    ]
    for name, values in changed:
        programme = plan.programmes.filter(name=name).first()
        if programme:
            budgets = {b.year: b.amount for b in programme.budgets.all()}
            programme_save(
                plan=plan,
                by=official,
                programme=programme,
                values=programme_values(programme, **values),
                budgets=budgets,
            )
    if ppdb:
        ppdb_item = BANK["society"][1]
        months, impact, service = ppdb_item.quick_win
        programme_save(
            plan=plan,
            by=official,
            programme=ppdb,
            values=programme_values(
                ppdb,
                is_quick_win=True,
                quick_win_months=months,
                quick_win_impact=impact,
                quick_win_service=service,
                start_year=plan.start_year,
                end_year=plan.start_year + 1,
            ),
            budgets={
                y: 150_000_000 + 50_000_000 * (y - plan.start_year)
                for y in (plan.start_year, plan.start_year + 1)
            },
        )
    if parking:
        ReviewComment.objects.create(
            plan=plan,
            parent=on_parking,
            author=official,
            body="Setuju, program ini kami tunda ke RPJMD berikutnya.",
        )
        ReviewComment.objects.filter(pk=on_parking.pk).update(
            status=ReviewComment.Status.RESOLVED, resolved_by=mentor, resolved_at=timezone.now()
        )
        programme_delete(plan=plan, by=official, programme=parking)
    ReviewComment.objects.create(
        plan=plan,
        parent=blocking,
        author=official,
        body="Sudah kami lengkapi di analisis kesiapan infrastruktur dan kesenjangan (versi 2).",
    )
    plan_submit(plan=plan, by=official, note="Revisi sesuai catatan mentor.")
    mark_notified(plan)


def _assign_fallback_mentor(candidate: Candidate, staff):
    from partners.models import MentorAssignment
    from smartcity.models import User

    mentor = User.objects.filter(username="mentor-ui").first()
    if mentor is None or staff is None:
        return None
    MentorAssignment.objects.create(candidate=candidate, mentor=mentor, assigned_by=staff)
    return mentor


def seed_others(staff) -> None:
    """A few more 2018 regions, smaller plans, each in another state of the workflow."""

    from ..services.workflow import plan_move, plan_submit

    in_programme = {
        c.region.code: c
        for c in Candidate.objects.select_related("region", "cohort")
        .filter(cohort__year=2018, status__in=Candidate.IN_PROGRAMME)
        .exclude(region__code="33.11")
        .order_by("region__code")
    }
    # A region of OTHERS that the selection left out (the demo's scores follow row ids, which
    # differ in a test database) is replaced by the next selected region, so every state is
    # seeded; on a fresh database these are the regions the README names.
    spare = [code for code in in_programme if code not in {code for code, *_ in OTHERS}]
    password_hash: list = []
    for code, state, size in OTHERS:
        candidate = in_programme.get(code) or (in_programme[spare.pop(0)] if spare else None)
        if candidate is None or Plan.objects.filter(candidate=candidate).exists():
            continue
        mentor = demo_mentor(candidate)
        if mentor is None and state != S.DRAFT:
            # The suggested teams depend on the partners demo; a region it left without a
            # mentor gets mentor-ui (home province DKI Jakarta, none of these regions).
            mentor = _assign_fallback_mentor(candidate, staff)
            if mentor is None:
                continue
        region = candidate.region
        official = demo_official(region, password_hash)
        head = "Wali Kota" if region.kind == Region.Kind.CITY else "Bupati"
        seed_bodies(
            region,
            official,
            head=head,
            decree=f"Keputusan {head} {kota_of(region)} Nomor 050/{300 + size}/2018",
            decree_date=date(2018, 6, 11),
        )
        plan = build_plan(candidate, official, items=pick(size), quick_wins=3)
        if state == S.DRAFT:
            continue
        plan = plan_submit(plan=plan, by=official, note="Mohon reviu mentor.")
        if state == S.REVISION:
            ReviewComment.objects.create(
                plan=plan,
                version=versions_of(plan)[-1],
                section=Section.QUICK_WINS,
                author=mentor,
                blocking=True,
                body="Target quick win belum terukur; tuliskan layanan dan dampaknya dalam angka.",
            )
            plan_move(
                plan=plan,
                to=S.REVISION,
                by=mentor,
                note="Perjelas target quick win dan tahapan anggaran.",
            )
        elif state in (S.ENDORSED, S.APPROVED):
            plan = endorse_by_team(plan, note="Layak disahkan.")
            if state == S.APPROVED:
                today = timezone.localdate()
                approve_with_letter(
                    plan,
                    by=staff,
                    number=f"B-{1200 + size}/DJAI/AI.01.02/{today.month:02d}/{today.year}",
                    on=today,
                )
        mark_notified(plan)


@transaction.atomic
def seed_masterplans() -> None:
    """Bandung approved and enacted, Sukoharjo under review, others in other states."""
    from smartcity.models import User

    staff = User.objects.filter(username="kominfo").first()
    if staff is None:
        return
    seed_bandung(staff)
    seed_sukoharjo(staff)
    seed_others(staff)
    # A demo seeded before programme types gets them now (new plans get them when built).
    type_untyped_programmes()
