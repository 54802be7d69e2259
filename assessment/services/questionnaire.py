"""Writes of the readiness questionnaire: answers, regulations, evidence, submit and reopen.

Who may write is the access layer's business (`assessment.access.questionnaire_for_user` with
`write=True` admits only the region's own officials); *when* a questionnaire may change is
decided here, in `questionnaire_closed_reason`, so every write and every page agree on it:

- a submitted questionnaire is frozen until ministry staff reopen it (with a reason);
- a draft may change only while its region is still *invited* and, if the cohort has a
  `questionnaire_deadline`, before that moment;
- a reopened questionnaire may change even after the deadline: staff reopened it on purpose.

Every write locks the questionnaire row first, so an upload or an edit racing a submit either
lands before it or is refused after it, never inside a questionnaire that is already frozen.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from candidates.models import Candidate
from smartcity.access import user_has_role
from smartcity.models import User
from smartcity.storage import private_storage, save_private
from smartcity.uploads import validate_document

from ..models import Evidence, Questionnaire, QuestionnaireEvent, Regulation, Section

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_KINDS = ("pdf", "image")
# Enough for a decree, a budget page and a few photos per section; bounds what one region stores.
EVIDENCE_PER_SECTION = 10

# The answer fields of each section, in the order the pages show them.
SECTION_FIELDS = {
    Section.VISION: ("leader_name", "leader_vision", "leader_commitment"),
    Section.STRUKTUR: ("ict_staff", "ict_trained_staff", "ict_budget", "governance_body"),
    Section.INFRASTRUKTUR: (
        "network_coverage",
        "has_data_centre",
        "data_centre_notes",
        "applications",
    ),
    Section.SUPRASTRUKTUR: ("institutions",),
}
ANSWER_FIELDS = tuple(name for fields in SECTION_FIELDS.values() for name in fields)


class QuestionnaireError(Exception):
    """A questionnaire write that cannot be carried out; the message is for the user."""


class QuestionnaireIncomplete(QuestionnaireError):
    """Submitting a questionnaire that lacks key answers; `missing` lists every one of them."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__(
            _("Kuesioner belum dapat diajukan. Lengkapi dahulu: %(items)s.")
            % {"items": "; ".join(missing)}
        )


@dataclass(frozen=True)
class SectionProgress:
    """One section of the questionnaire and the key answers it still lacks."""

    section: str
    label: str
    missing: list[str]

    @property
    def complete(self) -> bool:
        return not self.missing


def questionnaire_closed_reason(questionnaire: Questionnaire, *, now=None) -> str | None:
    """Why the questionnaire cannot change now, or None while it is open to its officials.

    Reads `questionnaire.candidate.cohort`: select them with the questionnaire.
    """
    if questionnaire.status == Questionnaire.Status.SUBMITTED:
        return _(
            "Kuesioner sudah diajukan dan tidak dapat diubah lagi. Hubungi Kominfo bila perlu "
            "dibuka kembali."
        )
    if questionnaire.status == Questionnaire.Status.REOPENED:
        return None  # staff reopened it on purpose: open whatever the date or the stage
    candidate = questionnaire.candidate
    if candidate.status != candidate.Status.INVITED:
        return _("Asesmen kesiapan daerah ini sudah berlalu; kuesioner tidak dapat diubah lagi.")
    deadline = candidate.cohort.questionnaire_deadline
    if deadline is not None and (now or timezone.now()) >= deadline:
        return _("Batas pengisian kuesioner (%(when)s) sudah lewat.") % {
            "when": date_format(timezone.localtime(deadline), "DATETIME_FORMAT")
        }
    return None


def questionnaire_progress(
    questionnaire: Questionnaire, *, regulation_count: int | None = None
) -> list[SectionProgress]:
    """The four sections, each with the key answers it still lacks before submitting.

    The rule is deliberately small, one key answer per section, because the panel judges the
    quality in person; the questionnaire only has to give the panel something to judge:
    - Visi kepala daerah: the head of region's smart city vision;
    - Struktur: the number of ICT staff (0 is an answer);
    - Infrastruktur: the internet network coverage (0 % is an answer);
    - Suprastruktur: at least one regulation, or a description of the supporting institutions
      (a region without a smart-city regulation yet explains how it organises itself instead).

    `regulation_count` saves a query when the caller already holds the regulations.
    """
    if regulation_count is None:
        regulation_count = questionnaire.regulations.count()
    q = questionnaire
    missing = {
        Section.VISION: [] if q.leader_vision.strip() else [_("visi smart city kepala daerah")],
        Section.STRUKTUR: [] if q.ict_staff is not None else [_("jumlah SDM TIK")],
        Section.INFRASTRUKTUR: (
            [] if q.network_coverage is not None else [_("cakupan jaringan internet")]
        ),
        Section.SUPRASTRUKTUR: (
            []
            if regulation_count or q.institutions.strip()
            else [_("minimal satu regulasi, atau penjelasan kelembagaan pendukung")]
        ),
    }
    return [SectionProgress(s.value, str(s.label), missing[s]) for s in Section]


def questionnaire_missing(questionnaire: Questionnaire) -> list[str]:
    """Every key answer still missing, in page order; empty when it may be submitted."""
    return [item for part in questionnaire_progress(questionnaire) for item in part.missing]


def _lock(questionnaire: Questionnaire) -> Questionnaire:
    """The current row, locked until the end of the transaction, with candidate and cohort."""
    return (
        Questionnaire.objects.select_for_update(of=("self",))
        .select_related("candidate__cohort")
        .get(pk=questionnaire.pk)
    )


def _ensure_open(questionnaire: Questionnaire) -> None:
    reason = questionnaire_closed_reason(questionnaire)
    if reason:
        raise QuestionnaireError(reason)


@transaction.atomic
def questionnaire_save(*, questionnaire: Questionnaire, data: dict, by) -> Questionnaire:
    """Save answers while the questionnaire is open; a draft may be incomplete.

    `data` holds answer fields only (ANSWER_FIELDS); fields it leaves out keep their value. The
    row is saved through the model, not updated in bulk, so its history keeps every version
    of the answers and who wrote it.
    """
    unknown = set(data) - set(ANSWER_FIELDS)
    if unknown:
        raise ValueError(f"Not answer fields: {sorted(unknown)}")
    current = _lock(questionnaire)
    _ensure_open(current)
    for name, value in data.items():
        field = Questionnaire._meta.get_field(name)
        if value is None and not field.null:
            value = field.get_default()  # "" for text, False for the data-centre flag
        setattr(current, name, value)
    current._history_user = by
    current.save()
    questionnaire.refresh_from_db()
    return questionnaire


@transaction.atomic
def regulation_add(
    *, questionnaire: Questionnaire, kind: str, number: str, year: int, title: str, by
) -> Regulation:
    """Record a regulation in force that supports the smart city (suprastruktur)."""
    current = _lock(questionnaire)
    _ensure_open(current)
    regulation = Regulation(
        questionnaire=current,
        kind=kind,
        number=(number or "").strip(),
        year=year,
        title=(title or "").strip(),
    )
    try:
        regulation.full_clean()
    except ValidationError as exc:
        raise QuestionnaireError(" ".join(exc.messages)) from exc
    regulation.save()
    return regulation


@transaction.atomic
def regulation_remove(*, questionnaire: Questionnaire, regulation: Regulation, by) -> None:
    """Remove one of the questionnaire's regulations while it is open."""
    if regulation.questionnaire_id != questionnaire.pk:
        raise QuestionnaireError(_("Regulasi ini bukan bagian dari kuesioner tersebut."))
    current = _lock(questionnaire)
    _ensure_open(current)
    regulation.delete()


def evidence_add(
    *, questionnaire: Questionnaire, section: str, upload, description: str = "", by
) -> Evidence:
    """Store an uploaded proof for a section, judged by its content and kept out of any URL.

    The file is checked before the row is locked (parsing a 10 MB PDF should not hold up the
    region's other officials). Raises ValidationError for a refused file (its message is for
    the upload form) and QuestionnaireError when the questionnaire is closed or the section
    full. A stored file whose row is not written is deleted again.
    """
    if section not in Section.values:
        raise QuestionnaireError(_("Bagian kuesioner tidak dikenal."))
    validated = validate_document(upload, max_bytes=EVIDENCE_MAX_BYTES, kinds=EVIDENCE_KINDS)
    name = None
    try:
        with transaction.atomic():
            current = _lock(questionnaire)
            _ensure_open(current)
            if current.evidence.filter(section=section).count() >= EVIDENCE_PER_SECTION:
                raise QuestionnaireError(
                    _("Paling banyak %(n)s bukti per bagian; hapus bukti lama terlebih dahulu.")
                    % {"n": EVIDENCE_PER_SECTION}
                )
            name = save_private(validated, folder="evidence")
            return Evidence.objects.create(
                questionnaire=current,
                section=section,
                file=name,
                original_name=validated.original_name,
                content_type=validated.content_type,
                size=validated.size,
                sha256=validated.sha256,
                description=(description or "").strip()[:200],
                uploaded_by=by,
            )
    except BaseException:
        if name:
            private_storage().delete(name)
        raise


@transaction.atomic
def evidence_remove(*, evidence: Evidence, by) -> None:
    """Remove an evidence row and its file while the questionnaire is open.

    The file is deleted only once the row's deletion is committed: a rollback must not leave
    a row pointing to nothing.
    """
    current = _lock(evidence.questionnaire)
    _ensure_open(current)
    name = evidence.file
    evidence.delete()
    transaction.on_commit(lambda: private_storage().delete(name))


def _move(*, questionnaire: Questionnaire, to: str, by, reason: str = "", **changes) -> None:
    """The only place a questionnaire's status changes: a conditional UPDATE plus an event.

    The UPDATE applies only while the row still has the status the caller saw, so two racing
    moves from the same state end with exactly one winner.
    """
    old = questionnaire.status
    if to not in Questionnaire.MOVES.get(old, ()):
        raise QuestionnaireError(
            _("Kuesioner berstatus %(old)s tidak dapat menjadi %(new)s.")
            % {
                "old": Questionnaire.Status(old).label,
                "new": Questionnaire.Status(to).label,
            }
        )
    moved = Questionnaire.objects.filter(pk=questionnaire.pk, status=old).update(
        status=to, updated_at=timezone.now(), **changes
    )
    if not moved:
        raise QuestionnaireError(
            _("Kuesioner baru saja berubah (mungkin oleh pengguna lain); muat ulang halaman.")
        )
    QuestionnaireEvent.objects.create(
        questionnaire=questionnaire, old=old, new=to, by=by, reason=reason
    )
    questionnaire.refresh_from_db()


@transaction.atomic
def questionnaire_submit(*, questionnaire: Questionnaire, by) -> Questionnaire:
    """Hand the questionnaire to the panel: draft/reopened → submitted, then frozen.

    Completeness is judged on the row as it is now (locked), not on the caller's copy, so an
    edit that lands just before cannot sneak an incomplete questionnaire through.
    """
    current = _lock(questionnaire)
    if current.status != questionnaire.status:
        raise QuestionnaireError(
            _("Kuesioner baru saja berubah (mungkin oleh pengguna lain); muat ulang halaman.")
        )
    if current.status == Questionnaire.Status.SUBMITTED:
        raise QuestionnaireError(_("Kuesioner sudah diajukan."))
    _ensure_open(current)
    missing = questionnaire_missing(current)
    if missing:
        raise QuestionnaireIncomplete(missing)
    _move(
        questionnaire=questionnaire,
        to=Questionnaire.Status.SUBMITTED,
        by=by,
        submitted_at=timezone.now(),
        submitted_by=by,
    )
    return questionnaire


def questionnaire_may_reopen(questionnaire: Questionnaire, *, user) -> tuple[bool, str]:
    """Whether `user` may reopen it now: ministry staff, and only a submitted questionnaire."""
    if not user_has_role(user, User.Role.STAFF):
        return False, _("Hanya staf Kominfo yang dapat membuka kembali kuesioner.")
    if questionnaire.status != Questionnaire.Status.SUBMITTED:
        return False, _("Kuesioner berstatus %(old)s tidak dapat menjadi %(new)s.") % {
            "old": Questionnaire.Status(questionnaire.status).label,
            "new": Questionnaire.Status.REOPENED.label,
        }
    if questionnaire.candidate.status not in (Candidate.Status.INVITED, Candidate.Status.ASSESSED):
        # The selection was decided on it: the questionnaire is part of that decision's record.
        return False, _("Penetapan sudah dibuat; kuesioner tidak dapat dibuka kembali.")
    return True, ""


@transaction.atomic
def questionnaire_reopen(*, questionnaire: Questionnaire, by, reason: str) -> Questionnaire:
    """Let the region correct a submitted questionnaire: submitted → reopened.

    Ministry staff only, and always with a reason: the region reads it, and the event keeps it.
    A reopened questionnaire stays open after the deadline until the region submits it again.
    """
    allowed, refusal = questionnaire_may_reopen(questionnaire, user=by)
    if not allowed:
        raise QuestionnaireError(refusal)
    reason = (reason or "").strip()
    if not reason:
        raise QuestionnaireError(_("Alasan membuka kembali kuesioner wajib diisi."))
    _move(questionnaire=questionnaire, to=Questionnaire.Status.REOPENED, by=by, reason=reason)
    return questionnaire
