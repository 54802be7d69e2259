"""Reads for master-plan pages: everything one page shows, in a fixed number of queries.

Each builder takes a plan already checked by `access.plan_for_user`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import access
from .models import Plan, PlanVersion
from .pdfjobs import plan_page_pdf
from .services.followup import plan_page_quick_wins
from .services.review import plan_page_workflow
from .snapshot import Totals, plan_problems, plan_snapshot, progress, totals


@dataclass
class PlanPage:
    """What the plan page shows to one user (see `plan_page`)."""

    plan: Plan
    data: dict  # the snapshot shown: the working copy, or the latest version for partners
    version: PlanVersion | None  # the version `data` comes from, None for the working copy
    versions: list[PlanVersion]
    totals: Totals
    problems: list
    progress: list
    by_dimension: list[tuple[dict, list[dict]]]  # (dimension, its programmes)
    quick_wins: list[dict]
    comments: list = field(default_factory=list)  # top-level, with `.thread` replies
    events: list = field(default_factory=list)
    # The events and the mentors' endorsements (`is_endorsement`), oldest first: the history.
    history: list = field(default_factory=list)
    may_edit: bool = False
    edit_refusal: str = ""
    is_reviewer: bool = False
    is_official: bool = False
    # The page's other parts, each built by the module that owns it:
    quick_win_rows: list = field(default_factory=list)  # services.followup: progress per quick win
    quick_win_may_post: bool = False
    pdf: object = None  # pdfjobs.pdf_slot: the latest print of the version shown, and what to do
    pdf_preview: object = None  # pdfjobs.preview_slot: the working copy's draft preview
    workflow: dict = field(default_factory=dict)  # services.review: the moves allowed now

    @property
    def errors(self):
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self):
        return [p for p in self.problems if not p.is_error]

    @property
    def percent_done(self) -> int:
        done = sum(1 for s in self.progress if s.done)
        return round(100 * done / len(self.progress)) if self.progress else 0


def group_by_dimension(data: dict) -> list[tuple[dict, list[dict]]]:
    by_code: dict[str, list[dict]] = {d["code"]: [] for d in data["dimensions"]}
    for p in data["programmes"]:
        by_code.setdefault(p["dimension"], []).append(p)
    return [(d, by_code[d["code"]]) for d in data["dimensions"]]


def comment_threads(user, plan: Plan) -> list:
    """The top-level comments this user may read, each with its replies as `.thread` (one query)."""
    every = list(access.comments_visible_to(user, plan))
    replies: dict[int, list] = {}
    for c in every:
        if c.parent_id:
            replies.setdefault(c.parent_id, []).append(c)
    threads = []
    for c in every:
        if not c.parent_id:
            c.thread = replies.get(c.pk, [])
            threads.append(c)
    return threads


def plan_data_shown(user, plan: Plan, versions=None) -> tuple[dict, PlanVersion | None]:
    """The snapshot this user reads and the version it comes from: partners read the latest
    submitted version, everyone else the region's working copy (version None).

    Other apps' panels on the plan page (industry's partner input) ask here, so they show the
    programmes of the very snapshot the page shows.
    """
    if versions is None:
        versions = list(plan.versions.only("pk", "number"))
    if access.reads_latest_version(user) and versions:
        version = PlanVersion.objects.get(pk=versions[-1].pk)
        return version.data, version
    return plan_snapshot(plan), None


def plan_page(user, plan: Plan) -> PlanPage:
    """The plan as this user may see it, with its checks, versions, comments and history.

    Parts owned by apps above the master plan (industry partners' input) are not built here:
    the page has a slot that loads each of them from its own app (htmx panels).
    """
    versions = list(plan.versions.only("pk", "plan_id", "number", "sha256", "created_at"))
    data, version = plan_data_shown(user, plan, versions)
    allowed, refusal = access.may_edit(user, plan)
    is_reviewer = access.is_reviewer(user, plan)
    is_official = access.is_region_official(user, plan)
    comments = comment_threads(user, plan) if is_reviewer or is_official else []
    events = history = []
    if is_reviewer or is_official:
        events = history = list(plan.events.select_related("by", "version"))
        if plan.version_count:
            endorsements = list(plan.endorsements.select_related("mentor", "version"))
            history = sorted([*events, *endorsements], key=lambda entry: entry.at)
    page = PlanPage(
        plan=plan,
        data=data,
        version=version,
        versions=versions,
        totals=totals(data),
        problems=plan_problems(data),
        progress=progress(data),
        by_dimension=group_by_dimension(data),
        quick_wins=[p for p in data["programmes"] if p["is_quick_win"]],
        comments=comments,
        events=events,
        history=history,
        may_edit=allowed,
        edit_refusal=refusal,
        is_reviewer=is_reviewer,
        is_official=is_official,
        **plan_page_quick_wins(user, plan, data),
        **plan_page_pdf(user, plan, version, data),
        **plan_page_workflow(user, plan),
    )
    return page
