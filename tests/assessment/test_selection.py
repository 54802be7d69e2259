"""The selection decision: quota, reasons for deviations, statuses, once only, e-mails.

The cohort is the hand-computed one of test_results.py with a quota of 2: X (Sukoharjo, rank 1)
and Y (Bandung, rank 2) are within the quota line, Z (Pacitan, rank 3) below it.
"""

import datetime

import pytest
from django.core import mail

from assessment.models import Selection, SelectionDeviation
from assessment.services.selection import SelectionError, selection_deviations, selection_make
from assessment.tasks import send_selection_letters
from candidates.models import Candidate, Cohort
from tests.assessment.builders_results import assessor, candidate, sheet, small_cohort
from tests.factories import CohortFactory, UserFactory

LETTER_DATE = datetime.date(2018, 4, 20)


@pytest.fixture
def small(world):
    return small_cohort(world, quota=2)


def make(world, selected, reasons=None, **kwargs):
    options = {
        "cohort": world.cohort,
        "selected_ids": {c.pk for c in selected},
        "letter_number": "B-123/DJAI/KOMINFO/04/2018",
        "letter_date": LETTER_DATE,
        "reasons": reasons or {},
        "by": world.staff,
    }
    return selection_make(**(options | kwargs))


def statuses(*candidates):
    return [Candidate.objects.get(pk=c.pk).status for c in candidates]


def test_a_selection_that_follows_the_ranking_needs_no_reason(small, world):
    _, (x, y, z), _ = small

    selection = make(world, [x, y])

    assert selection.ranking == [x.pk, y.pk, z.pk]
    assert (selection.letter_number, selection.letter_date) == (
        "B-123/DJAI/KOMINFO/04/2018",
        LETTER_DATE,
    )
    assert selection.decided_by == world.staff
    assert not selection.deviations.exists()


def test_selected_candidates_are_selected_and_every_other_one_not_selected(small, world):
    _, (x, y, z), _ = small
    unscored = candidate(world.cohort, "35.02")

    make(world, [x, y])

    assert statuses(x, y, z, unscored) == ["selected", "selected", "not_selected", "not_selected"]


def test_each_status_change_is_kept_in_the_candidates_history(small, world):
    _, (x, _, z), _ = small

    make(world, [x], reasons={small[1][1].pk: "Dokumen tidak lengkap"})

    latest = Candidate.history.filter(id=z.pk).latest("history_date")
    assert (latest.status, latest.history_user) == ("not_selected", world.staff)
    assert "B-123/DJAI/KOMINFO/04/2018" in latest.history_change_reason
    assert Candidate.history.filter(id=x.pk, status="selected").exists()


def test_the_cohort_moves_to_the_selection_stage_with_the_letters_date(small, world):
    make(world, list(small[1][:2]))

    cohort = Cohort.objects.get(pk=world.cohort.pk)
    assert (cohort.status, cohort.selection_date) == (Cohort.Status.SELECTION, LETTER_DATE)


def test_no_more_than_the_quota_can_be_selected(small, world):
    with pytest.raises(SelectionError, match="Kuota terpilih angkatan ini 2 daerah; dipilih 3"):
        make(world, small[1], reasons={small[1][2].pk: "Unggul di visi"})

    assert not Selection.objects.exists()


def test_only_candidates_with_a_panel_score_can_be_selected(small, world):
    x = small[1][0]
    unscored = candidate(world.cohort, "35.02", "Kabupaten Ponorogo")

    with pytest.raises(SelectionError, match="Kabupaten Ponorogo"):
        make(world, [x, unscored])


def test_a_candidate_scored_by_one_assessor_only_cannot_be_selected(small, world):
    x = small[1][0]
    lone = candidate(world.cohort, "35.02", "Kabupaten Ponorogo")
    sheet(lone, assessor("cara"), (5, 5, 5), by=world.staff)  # ranked first, on one opinion

    with pytest.raises(SelectionError, match="belum lengkap.*Kabupaten Ponorogo"):
        make(world, [x, lone], reasons={small[1][1].pk: "Panel Ponorogo unggul"})
    assert not Selection.objects.exists()


def test_a_candidate_with_an_unsubmitted_sheet_cannot_be_selected(small, world):
    x, y, _ = small[1]
    sheet(x, assessor("cara"), (1, 1, 1), by=world.staff, submitted=False)

    with pytest.raises(SelectionError, match="belum lengkap.*Kabupaten Sukoharjo"):
        make(world, [x, y])
    assert statuses(x, y) == ["invited", "invited"]


def test_a_candidate_of_another_cohort_cannot_be_selected(small, world):
    stranger = candidate(CohortFactory(year=2019), "35.09")

    with pytest.raises(SelectionError, match="nilai panel"):
        make(world, [small[1][0], stranger])


def test_nobody_selected_is_refused(small, world):
    with pytest.raises(SelectionError, match="setidaknya satu"):
        make(world, [])


def test_every_deviation_needs_a_reason_and_all_missing_ones_are_listed_together(small, world):
    _, (x, y, z), _ = small

    with pytest.raises(SelectionError) as raised:
        make(world, [x, z], reasons={z.pk: "  "})  # Y passed over, Z selected from below

    message = str(raised.value)
    assert "Kota Bandung (peringkat 2, tidak dipilih)" in message
    assert "Kabupaten Pacitan (peringkat 3, dipilih di luar kuota)" in message
    assert raised.value.missing_reasons == [y.pk, z.pk]
    assert statuses(x, y, z) == ["invited", "invited", "invited"]


def test_deviations_are_recorded_with_their_reasons(small, world):
    _, (x, y, z), _ = small

    selection = make(
        world,
        [x, z],
        reasons={
            y.pk: "Belum ada SK tim smart city",
            z.pk: "Pemerataan wilayah (Nawa Cita)",
            x.pk: "x",
        },
    )

    rows = list(
        selection.deviations.order_by("rank").values_list("candidate", "kind", "rank", "reason")
    )
    assert rows == [
        (y.pk, SelectionDeviation.Kind.PASSED_OVER, 2, "Belum ada SK tim smart city"),
        (z.pk, SelectionDeviation.Kind.SELECTED_BELOW, 3, "Pemerataan wilayah (Nawa Cita)"),
    ]  # X followed the ranking: its stray reason is not a deviation


def test_leaving_a_place_within_the_quota_empty_is_a_deviation(small, world):
    _, (x, y, _), _ = small

    selection = make(world, [x], reasons={y.pk: "Mengundurkan diri"})

    assert selection.deviations.get().kind == SelectionDeviation.Kind.PASSED_OVER


def test_a_letter_number_is_required(small, world):
    with pytest.raises(SelectionError, match="Nomor surat"):
        make(world, small[1][:2], letter_number="  ")


def test_a_selection_is_made_only_once(small, world):
    _, (x, y, z), _ = small
    make(world, [x, y])

    with pytest.raises(SelectionError, match="sudah dibuat"):
        make(world, [x], reasons={y.pk: "berubah pikiran"})

    assert Selection.objects.count() == 1
    assert statuses(x, y) == ["selected", "selected"]


def test_the_deviation_rule_is_drawn_on_the_raw_rank():
    ranked = [10, 20, 30, 40]

    deviations = selection_deviations(ranked_ids=ranked, selected_ids={10, 40}, quota=2)

    assert [(d.candidate_id, d.kind, d.rank) for d in deviations] == [
        (20, "passed_over", 2),
        (40, "selected_below", 4),
    ]


# --- e-mails ---------------------------------------------------------------------------------


@pytest.fixture
def officials(world):
    world.official.email = "kominfo@sukoharjokab.test"
    world.official.save()
    world.other_official.email = "diskominfo@bandung.test"
    world.other_official.save()
    UserFactory(username="pemda-tanpa-email", official=True, region=world.region, email="")


def test_every_region_is_emailed_through_celery_after_commit(
    small, world, officials, django_capture_on_commit_callbacks, monkeypatch
):
    _, (x, y, _), _ = small
    queued = []
    monkeypatch.setattr(send_selection_letters, "delay", lambda *args: queued.append(args))

    with django_capture_on_commit_callbacks() as callbacks:
        selection = make(world, [x], reasons={y.pk: "Belum siap"})
    assert len(callbacks) == 1 and not queued  # nothing is queued before the commit
    callbacks[0]()
    assert queued == [(selection.pk,)]

    sent = send_selection_letters(selection.pk)

    assert sent == 2  # Pacitan has no official with an e-mail address
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {"kominfo@sukoharjokab.test", "diskominfo@bandung.test"}
    selected = by_recipient["kominfo@sukoharjokab.test"]
    assert "terpilih" in selected.subject and "TERPILIH" in selected.body
    assert "B-123/DJAI/KOMINFO/04/2018" in selected.body
    assert f"/asesmen/kandidat/{x.pk}/laporan/" in selected.body
    passed_over = by_recipient["diskominfo@bandung.test"]
    assert "belum terpilih" in passed_over.subject
    assert "Peringkat hasil penilaian panel: 2 dari 3" in passed_over.body


def test_the_letters_task_is_safe_to_run_twice(small, world, officials):
    selection = make(world, list(small[1][:2]))

    send_selection_letters(selection.pk)
    again = send_selection_letters(selection.pk)

    assert again == 0 and len(mail.outbox) == 2


def test_a_failed_send_is_released_for_the_retry(small, world, officials, monkeypatch):
    import assessment.tasks

    selection = make(world, list(small[1][:2]))

    def broken(**kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(assessment.tasks, "send_mail", broken)
    with pytest.raises(OSError):
        send_selection_letters(selection.pk)
    monkeypatch.undo()

    assert send_selection_letters(selection.pk) == 2
