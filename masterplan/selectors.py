"""Reads for master-plan pages: everything one page shows, in a fixed number of queries.

Each builder takes a plan already checked by `access.plan_for_user`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import access
from .document import executive_summary_text, group_by_term, group_by_type, snapshot_profile
from .models import Plan, PlanEvent, PlanVersion, Programme, ReviewComment
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
    # The document's parts (document.py), all from `data`: no query.
    by_type: list = field(default_factory=list)  # [(type, programmes, total)]
    by_term: list = field(default_factory=list)  # [(term, label, programmes)]
    profile: object = None  # smartcity.profile.RegionProfile
    executive_summary: str = ""
    executive_summary_is_draft: bool = True
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
    review: ReviewIndex | None = None  # comments by the place they belong; None for partners

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


def document_parts(data: dict) -> dict:
    """The plan page's document parts from a snapshot (new or schema 1): programmes by type and
    by roadmap term, the regional profile and the executive summary. No query."""
    summary, is_draft = executive_summary_text(data)
    return {
        "by_type": group_by_type(data),
        "by_term": group_by_term(data),
        "profile": snapshot_profile(data),
        "executive_summary": summary,
        "executive_summary_is_draft": is_draft,
    }


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


# --- review comments where they belong --------------------------------------------------------

# The places of the plan page a comment belongs to, in the page's order. The programmes' rows
# come right after the programmes section's own thread; the general comments close the page.
SECTION_PLACES = (
    ReviewComment.Section.VISION,
    ReviewComment.Section.READINESS,
    ReviewComment.Section.STRATEGY,
    ReviewComment.Section.PROGRAMMES,
    ReviewComment.Section.QUICK_WINS,
    ReviewComment.Section.GOVERNANCE,
    ReviewComment.Section.GENERAL,
)
# The states in which the review banner lists the open comments: while the plan is with its
# reviewers or back with the region. Once approved, a comment left open is history, not work.
REVIEW_STATES = (
    Plan.Status.SUBMITTED,
    Plan.Status.RESUBMITTED,
    Plan.Status.REVISION,
    Plan.Status.ENDORSED,
)


@dataclass
class CommentPlace:
    """One place on the plan page that holds review comments: a section, or a programme's row.

    `key` names it in URLs and element ids ("section-vision", "programme-12"); `threads` are its
    top-level comments the user may read, each with its replies as `.thread`.
    """

    key: str
    section: str
    label: str
    programme_id: int | None = None
    threads: list = field(default_factory=list)
    expanded: bool = False  # shown open on the page: it has open comments, or was asked for
    composing: bool = False  # with the reviewer's form for a new comment

    @property
    def total(self) -> int:
        return len(self.threads)

    @property
    def open(self) -> int:
        return sum(1 for c in self.threads if c.status == ReviewComment.Status.OPEN)


@dataclass
class ReviewIndex:
    """The plan's review comments sorted into the places they are about, for the plan page.

    `open` lists the open top-level comments in the page's order; each has `.place` and
    `.next_open` (the following open comment, None for the last), so a reader can go from one
    to the next. `revision` is the request that sent the plan back, while it is in revision.
    """

    places: dict[str, CommentPlace]
    sections: dict[str, CommentPlace]
    programmes: dict[int, CommentPlace]
    open: list
    revision: PlanEvent | None
    in_review: bool
    may_comment: bool
    may_reply: bool
    may_resolve: bool

    @property
    def open_blocking(self) -> int:
        return sum(1 for c in self.open if c.blocking)

    @property
    def shows_banner(self) -> bool:
        return self.revision is not None or (self.in_review and bool(self.open))

    def show(self, key: str, *, composing: bool = False) -> CommentPlace | None:
        """Open the place `key` on the page, with the new-comment form if asked and allowed;
        None when the page has no such place."""
        place = self.places.get(key)
        if place is not None:
            place.expanded = True
            place.composing = composing and self.may_comment
        return place


def place_key(section: str, programme_id: int | None = None) -> str:
    return f"programme-{programme_id}" if programme_id else f"section-{section}"


def review_index(
    user,
    plan: Plan,
    *,
    threads: list,
    programmes: list[tuple[int, str]],
    versions: list,
    events: list | None = None,
    is_reviewer: bool,
    is_official: bool,
) -> ReviewIndex:
    """Sort `threads` (from `comment_threads`) into the page's places without a query, so the
    plan page costs the same however many comments and programmes it shows. (The rights come
    from `access.may_*`: for a mentor, a lookup of their assignment each.)

    `programmes` are the (id, name) of the programmes shown, in the page's order; a comment on
    a programme deleted since (or not in the data shown) stays with the programmes section.
    `events` are the plan's history, oldest first; the last revision request is taken from it.
    """
    labels = dict(ReviewComment.Section.choices)
    sections = {
        section: CommentPlace(place_key(section), section, str(labels[section]))
        for section in SECTION_PLACES
    }
    rows = {
        pk: CommentPlace(
            place_key(ReviewComment.Section.PROGRAMMES, pk),
            ReviewComment.Section.PROGRAMMES,
            name,
            programme_id=pk,
        )
        for pk, name in programmes
    }
    numbers = {v.pk: v.number for v in versions}
    for comment in threads:
        comment.version_number = numbers.get(comment.version_id)
        place = rows.get(comment.programme_id) or sections.get(comment.section)
        place = place or sections[ReviewComment.Section.GENERAL]
        place.threads.append(comment)
        comment.place = place
    order = [sections[s] for s in SECTION_PLACES[:4]]
    order += list(rows.values()) + [sections[s] for s in SECTION_PLACES[4:]]
    open_comments = [
        c for place in order for c in place.threads if c.status == ReviewComment.Status.OPEN
    ]
    for i, comment in enumerate(open_comments):
        comment.next_open = open_comments[i + 1] if i + 1 < len(open_comments) else None
    for place in order:
        place.expanded = place.open > 0
    revision = None
    if plan.status == Plan.Status.REVISION:
        revision = next((e for e in reversed(events or []) if e.new == Plan.Status.REVISION), None)
    return ReviewIndex(
        places={place.key: place for place in order},
        sections=sections,
        programmes=rows,
        open=open_comments,
        revision=revision,
        in_review=plan.status in REVIEW_STATES,
        may_comment=is_reviewer and access.may_comment(user, plan)[0],
        may_reply=(is_reviewer or is_official) and access.may_reply(user, plan)[0],
        may_resolve=is_reviewer and access.may_resolve(user, plan)[0],
    )


def plan_review(user, plan: Plan) -> ReviewIndex:
    """The review index alone, for the comment views: the plan's comments this user may read,
    its programmes (the working copy's: reviewers and the region read it), its versions and,
    in revision, the request. Four queries besides the rights (five in revision)."""
    programmes = list(
        Programme.objects.filter(plan=plan)
        .order_by(*Programme._meta.ordering)
        .values_list("pk", "name")
    )
    events = []
    if plan.status == Plan.Status.REVISION:
        latest = plan.events.filter(new=Plan.Status.REVISION).select_related("by").last()
        events = [latest] if latest else []
    return review_index(
        user,
        plan,
        threads=comment_threads(user, plan),
        programmes=programmes,
        versions=list(plan.versions.only("pk", "number")),
        events=events,
        is_reviewer=access.is_reviewer(user, plan),
        is_official=access.is_region_official(user, plan),
    )


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
        **document_parts(data),
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
    if is_reviewer or is_official:
        page.review = review_index(
            user,
            plan,
            threads=comments,
            programmes=[(p["id"], p["name"]) for p in data["programmes"]],
            versions=versions,
            events=events,
            is_reviewer=is_reviewer,
            is_official=is_official,
        )
    return page
