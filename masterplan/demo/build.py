"""Helpers that turn the demo content into plans, programmes, people and documents."""

from __future__ import annotations

import hashlib
import io
import random
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import models

from candidates.models import Candidate
from smartcity.models import Region

from ..models import (
    Dimension,
    DimensionStrategy,
    Element,
    Plan,
    PlanEvent,
    PlanVersion,
    Programme,
    ProgrammeBudget,
    ProgrammeType,
)
from .content import (
    BANK,
    CITY_SCALE,
    STRATEGIES,
    TEAM,
    TEXT_DEFAULTS,
    TEXTS,
    Item,
    demo_type_code,
)

# --- small helpers ---------------------------------------------------------------------------


def _rng(*parts) -> random.Random:
    return random.Random(
        int(hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:16], 16)
    )


def kota_of(region: Region) -> str:
    return region.name.removeprefix("Kabupaten ").removeprefix("Kota ")


def regulation_pdf(title: str) -> bytes:
    """A tiny valid one-page PDF with a title line (pypdf is already a dependency)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 14 Tf 60 780 Td (" + text + b") Tj ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def demo_official(region: Region, password_hash: list):
    """The region's demo official (`pemda-3273`…), created for regions without one."""
    from smartcity.models import User

    username = "pemda-" + region.code.replace(".", "")
    user = User.objects.filter(username=username).first()
    if user is None:
        if not password_hash:
            password_hash.append(make_password(settings.DEMO_PASSWORD))
        user = User.objects.create(
            username=username,
            password=password_hash[0],
            role=User.Role.OFFICIAL,
            region=region,
            first_name="Diskominfo",
            last_name=region.short_name,
            email=f"{username}@demo.smartcity.invalid",
        )
    return user


def demo_mentor(candidate: Candidate):
    from partners.models import MentorAssignment

    assignment = (
        MentorAssignment.objects.active()
        .filter(candidate=candidate)
        .select_related("mentor")
        .order_by("assigned_at", "pk")
        .first()
    )
    return assignment.mentor if assignment else None


def seed_bodies(region: Region, official, *, head: str, decree: str, decree_date: date) -> None:
    """The region's Dewan Smart City and Tim Pelaksana, unless it has recorded them already."""
    from partners.models import SmartCityBody
    from partners.services.bodies import body_member_add, body_save

    if SmartCityBody.objects.filter(region=region).exists():
        return
    council = body_save(
        region=region,
        kind=SmartCityBody.Kind.COUNCIL,
        decree_number=f"{decree}/01",
        decree_date=decree_date,
        by=official,
    )
    team = body_save(
        region=region,
        kind=SmartCityBody.Kind.TEAM,
        decree_number=f"{decree}/02",
        decree_date=decree_date,
        by=official,
    )
    for name, position, role in [
        (f"{head} {kota_of(region)}", head, "Ketua"),
        ("Sekretaris Daerah", "Sekda", "Wakil Ketua"),
        ("Kepala Bappeda", "Kepala Badan", "Anggota"),
    ]:
        body_member_add(
            body=council,
            name=name,
            position=position,
            agency="Pemerintah Daerah",
            role=role,
            by=official,
        )
    for dimension, agency in TEAM:
        body_member_add(
            body=team,
            name=f"Kepala {agency}",
            position="Kepala Dinas",
            agency=agency,
            role="Koordinator dimensi",
            dimension=dimension,
            by=official,
        )


# --- building a plan -------------------------------------------------------------------------


def pick(n: int) -> list[Item]:
    """The first `n` items of the bank, taking one of each dimension in turn."""
    lists = list(BANK.values())
    items = []
    for rank in range(max(len(items) for items in lists)):
        for dimension_items in lists:
            if rank < len(dimension_items):
                items.append(dimension_items[rank])
    return items[:n]


# Budgets in a plan are estimates, not invoices: every demo amount is a whole multiple of this.
BUDGET_STEP = 50_000_000


def round_budget(amount) -> int:
    """`amount` to the nearest BUDGET_STEP, at least one step (Rp 50.000.000)."""
    return max(1, round(amount / BUDGET_STEP)) * BUDGET_STEP


def _budgets(item: Item, region: Region, start: int, end: int) -> dict:
    """Round amounts per year: heavier while building, lighter while running."""
    rng = _rng("budget", region.code, item.name)
    scale = CITY_SCALE.get(region.code, 0.7)
    budgets = {}
    for i, year in enumerate(range(start, end + 1)):
        phase = 1.0 if i == 0 else 0.65 + 0.1 * min(i, 3)
        millions = item.millions * scale * phase * rng.uniform(0.8, 1.2)
        budgets[year] = round_budget(millions * 1_000_000)
    return budgets


def programme_types() -> dict[str, ProgrammeType]:
    """The seeded programme types by code (one query)."""
    return {t.code: t for t in ProgrammeType.objects.all()}


def add_programme(plan: Plan, item: Item, order: int, elements: dict, *, quick_win: bool, **kw):
    """A demo programme from the bank (unsaved) and its budgets; its type comes from its name
    unless `programme_type` is given."""
    region = plan.candidate.region
    rng = _rng("years", region.code, item.name)
    horizon = plan.horizon_years
    if quick_win:
        start, end = plan.start_year, plan.start_year + 1
    else:
        offset = rng.choice([0, 0, 1, 1, 2])
        start = plan.start_year + offset
        end = min(plan.end_year, start + rng.randint(1, horizon - 1))
    element = elements[item.element]
    values = {
        "name": item.name.format(kota=kota_of(region)),
        "description": item.description.format(kota=kota_of(region)),
        "dimension_id": element.dimension_id,
        "element": element,
        "start_year": start,
        "end_year": end,
        "funding_source": item.funding,
        "agency": item.agency,
        "kpi": item.kpi,
        "kpi_unit": item.unit,
        "kpi_baseline": Decimal(item.baseline),
        "kpi_target": Decimal(item.target),
        "order": order,
    }
    if quick_win:
        months, impact, service = item.quick_win
        values.update(
            is_quick_win=True,
            quick_win_months=months,
            quick_win_impact=impact,
            quick_win_service=service,
        )
    values.update(kw)
    if "programme_type" not in values:
        values["programme_type"] = ProgrammeType.objects.filter(
            code=demo_type_code(item.name)
        ).first()
    return Programme(plan=plan, **values), _budgets(item, region, start, end)


def build_plan(
    candidate: Candidate,
    official,
    *,
    items: list[Item],
    quick_wins: int,
    start_year: int | None = None,
    title: str = "",
) -> Plan:
    """A complete draft: texts, strategies for all six dimensions, programmes and budgets."""
    from ..services.workflow import plan_for_candidate

    region = candidate.region
    kota = kota_of(region)
    plan = plan_for_candidate(candidate=candidate, by=official)
    texts = {
        key: value.format(kota=region.name)
        for key, value in {**TEXT_DEFAULTS, **TEXTS.get(region.code, {})}.items()
    }
    Plan.objects.filter(pk=plan.pk).update(
        title=title or f"Masterplan Smart City {region.short_name}",
        start_year=start_year or plan.start_year,
        horizon_years=5,
        updated_by=official,
        **texts,
    )
    plan = Plan.objects.select_related("candidate__region", "candidate__cohort").get(pk=plan.pk)
    dimensions = list(Dimension.objects.all())
    DimensionStrategy.objects.bulk_create(
        DimensionStrategy(plan=plan, dimension=d, text=STRATEGIES[d.code].format(kota=kota))
        for d in dimensions
    )
    elements = {e.code: e for e in Element.objects.all()}
    types = programme_types()
    made = []
    for order, item in enumerate(items):
        is_quick_win = item.quick_win is not None and quick_wins > 0
        quick_wins -= is_quick_win
        made.append(
            add_programme(
                plan,
                item,
                order,
                elements,
                quick_win=is_quick_win,
                programme_type=types.get(demo_type_code(item.name)),
            )
        )
    programmes = Programme.objects.bulk_create(p for p, _ in made)
    ProgrammeBudget.objects.bulk_create(
        ProgrammeBudget(programme=p, year=year, amount=amount)
        for p, (_, budgets) in zip(programmes, made, strict=True)
        for year, amount in budgets.items()
    )
    return plan


def type_untyped_programmes() -> int:
    """Give a type to every programme of the demo that has none (a demo seeded before types
    existed): by its name, as new demo plans get it. Idempotent; returns how many changed.
    Frozen versions keep what they froze."""
    types = programme_types()
    changed = 0
    untyped = Programme.objects.filter(programme_type__isnull=True).only("pk", "name")
    by_code: dict[str, list[int]] = {}
    for programme in untyped:
        by_code.setdefault(demo_type_code(programme.name), []).append(programme.pk)
    for code, pks in by_code.items():
        if code in types:
            changed += Programme.objects.filter(pk__in=pks).update(programme_type=types[code])
    return changed


def programme_values(programme: Programme, **changes) -> dict:
    """A programme's fields as the authoring service takes them, with `changes` applied."""
    from ..services.authoring import PROGRAMME_FIELDS

    return {key: getattr(programme, key) for key in PROGRAMME_FIELDS} | changes


def mark_notified(plan: Plan) -> None:
    # Seeded moves are history, not news: no e-mail goes out for them.
    PlanEvent.objects.filter(plan=plan, notified_at__isnull=True).update(notified_at=models.F("at"))


def versions_of(plan: Plan):
    return list(PlanVersion.objects.filter(plan=plan).order_by("number"))
