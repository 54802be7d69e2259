"""The user survey file (evaluation/survey_file.py): all or nothing, every problem listed."""

from evaluation.survey_file import parse_survey

CODES = ["IMP-S1", "IMP-S2"]


def parse(text: str):
    return parse_survey(text.encode(), question_codes=CODES)


def test_a_good_file_gives_every_respondent_answers():
    survey = parse("respondent_id,IMP-S1,IMP-S2\nR1,4,5\nR2,3,\n")
    assert survey.ok
    assert survey.responses == [
        ("R1", {"IMP-S1": 4, "IMP-S2": 5}),
        ("R2", {"IMP-S1": 3, "IMP-S2": None}),
    ]


def test_semicolons_and_a_byte_order_mark_are_accepted():
    survey = parse_survey("\ufeffrespondent_id;IMP-S1\nR1;2\n".encode(), question_codes=CODES)
    assert survey.responses == [("R1", {"IMP-S1": 2})]


def test_every_bad_row_is_listed_and_nothing_is_kept():
    survey = parse(
        "respondent_id,IMP-S1,IMP-S2\nR1,4,5\nR2,6,1\nR1,3,3\n,2,2\nR5,,\nR6,1\nR7,x,0\n"
    )
    assert not survey.ok
    assert survey.responses == []
    assert survey.problems == [
        "Baris 3, kolom IMP-S1: '6' bukan jawaban 1–5.",
        "Baris 4, kolom respondent_id: R1 sudah ada di baris 2.",
        "Baris 5, kolom respondent_id: kosong.",
        "Baris 6: tidak ada jawaban sama sekali.",
        "Baris 7: 2 kolom, seharusnya 3 seperti baris 1.",
        "Baris 8, kolom IMP-S1: 'x' bukan jawaban 1–5.",
        "Baris 8, kolom IMP-S2: '0' bukan jawaban 1–5.",
    ]


def test_an_unknown_column_and_a_missing_id_column_are_refused():
    survey = parse("nama,IMP-S9\nA,3\n")
    assert survey.problems[0] == "Baris 1: kolom respondent_id tidak ada."
    assert "Baris 1: kolom nama bukan pertanyaan survei" in survey.problems[1]
    assert not survey.ok


def test_a_header_only_file_has_no_respondents():
    assert parse("respondent_id,IMP-S1\n").problems == ["Tidak ada responden dalam berkas."]


def test_a_binary_file_is_refused():
    assert parse_survey(b"\xff\xd8\xff\x00", question_codes=CODES).problems == [
        "Berkas bukan teks CSV UTF-8."
    ]
