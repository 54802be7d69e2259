"""Upload validation and private storage, against a corpus of good and bad files built here."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript, PageTrigger
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

from smartcity.storage import (
    PrivateFileSystemStorage,
    private_file_response,
    private_storage,
    save_private,
)
from smartcity.uploads import (
    MAX_IMAGE_PIXELS,
    download_name,
    sanitise_name,
    validate_document,
    validate_image,
    validate_pdf,
)

MB = 1024 * 1024
LIMIT = 10 * MB


# --- the corpus -----------------------------------------------------------------------------


def make_pdf(change=None) -> bytes:
    """A one-page blank PDF; `change(writer)` adds whatever the test is about."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if change:
        change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def action(kind: str, **entries) -> DictionaryObject:
    result = DictionaryObject({NameObject("/Type"): NameObject("/Action")})
    result[NameObject("/S")] = NameObject(kind)
    for key, value in entries.items():
        result[NameObject(f"/{key}")] = TextStringObject(value)
    return result


def open_action(action_dict):
    def change(writer):
        writer.root_object[NameObject("/OpenAction")] = action_dict

    return change


def make_image(fmt: str, size=(32, 24)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def make_blank_png(width: int, height: int) -> bytes:
    """A valid 1-bit PNG, compressed row by row: a huge image in a few dozen KB."""
    compressor = zlib.compressobj(9)
    row = bytes(1 + (width + 7) // 8)  # filter byte + packed pixels, all zero
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", data)
        + png_chunk(b"IEND", b"")
    )


def upload(content: bytes, name="berkas.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def refusal(validator, content, name="berkas.pdf", **kwargs) -> ValidationError:
    kwargs.setdefault("max_bytes", LIMIT)
    with pytest.raises(ValidationError) as caught:
        validator(upload(content, name), **kwargs)
    return caught.value


GOOD_PDF = make_pdf()
GOOD_PNG = make_image("PNG")
GOOD_JPEG = make_image("JPEG")
JS_PDF = make_pdf(lambda writer: writer.add_open_action(JavaScript("app.alert('x');")))
SCRIPT_REFUSED = "PDF berisi JavaScript atau aksi otomatis; simpan ulang sebagai PDF biasa."


# --- what is accepted -----------------------------------------------------------------------


def test_a_valid_pdf_is_accepted_with_type_and_extension_taken_from_the_content():
    result = validate_pdf(upload(GOOD_PDF, "MoU bertanda tangan.PDF"), max_bytes=LIMIT)

    assert (result.kind, result.content_type, result.extension) == (
        "pdf",
        "application/pdf",
        ".pdf",
    )
    assert result.size == len(GOOD_PDF)
    assert result.content == GOOD_PDF
    assert result.original_name == "MoU bertanda tangan.PDF"


@pytest.mark.parametrize(
    ("content", "content_type", "extension"),
    [(GOOD_PNG, "image/png", ".png"), (GOOD_JPEG, "image/jpeg", ".jpg")],
)
def test_a_valid_png_or_jpeg_is_accepted(content, content_type, extension):
    result = validate_image(
        upload(content, "foto.bin", "application/octet-stream"), max_bytes=LIMIT
    )

    assert (result.kind, result.content_type, result.extension) == (
        "image",
        content_type,
        extension,
    )


def test_the_sha256_is_of_the_content_and_the_upload_can_be_read_again_afterwards():
    import hashlib

    file = upload(GOOD_PDF)
    result = validate_document(file, max_bytes=LIMIT)

    assert result.sha256 == hashlib.sha256(GOOD_PDF).hexdigest()
    assert file.read() == GOOD_PDF


def test_validate_document_goes_by_content_not_by_the_name_or_the_browsers_content_type():
    result = validate_document(upload(GOOD_PNG, "laporan.pdf", "application/pdf"), max_bytes=LIMIT)

    assert (result.kind, result.content_type, result.extension) == ("image", "image/png", ".png")


def test_a_pdf_whose_open_action_only_goes_to_the_first_page_is_not_mistaken_for_a_script():
    # Word and LibreOffice exports often carry "/OpenAction [page /Fit]"; that is harmless.
    def go_to_first_page(writer):
        page = writer.pages[0].indirect_reference
        writer.root_object[NameObject("/OpenAction")] = ArrayObject([page, NameObject("/Fit")])

    result = validate_pdf(upload(make_pdf(go_to_first_page)), max_bytes=LIMIT)

    assert result.kind == "pdf"


# --- what is refused: not a PDF or image at all ---------------------------------------------

NOT_A_DOCUMENT = {
    "renamed Windows executable": (b"MZ\x90\x00" + b"\x00" * 60 + b"This program", "laporan.pdf"),
    "ELF binary": (b"\x7fELF\x02\x01\x01" + b"\x00" * 57, "surat.pdf"),
    "ZIP archive": (b"PK\x03\x04" + b"\x00" * 26 + b"dokumen.docx", "dokumen.pdf"),
    "plain text": (b"Nota kesepahaman antara pemda dan kementerian.\n", "nota.pdf"),
    "SVG named .png": (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
        b"<script>alert(1)</script></svg>",
        "peta.png",
    ),
}


@pytest.mark.parametrize(("content", "name"), NOT_A_DOCUMENT.values(), ids=list(NOT_A_DOCUMENT))
def test_a_file_that_is_neither_pdf_nor_image_is_refused_whatever_its_name(content, name):
    error = refusal(validate_document, content, name)

    assert error.code == "invalid_type"
    assert error.message == "Berkas bukan PDF atau gambar (JPEG/PNG) yang sah."


@pytest.mark.parametrize(("content", "name"), NOT_A_DOCUMENT.values(), ids=list(NOT_A_DOCUMENT))
def test_validate_pdf_refuses_the_same_files_as_not_a_valid_pdf(content, name):
    error = refusal(validate_pdf, content, name)

    assert (error.code, error.message) == ("invalid_pdf", "Berkas bukan PDF yang sah.")


def test_a_pdf_is_refused_where_only_images_are_allowed_and_the_message_says_so():
    error = refusal(validate_document, GOOD_PDF, kinds=("image",))

    assert error.message == "Berkas bukan gambar (JPEG/PNG) yang sah."


def test_an_image_is_refused_where_only_pdfs_are_allowed():
    error = refusal(validate_document, GOOD_PNG, "scan.png", kinds=("pdf",))

    assert error.message == "Berkas bukan PDF yang sah."


def test_an_empty_file_is_refused():
    error = refusal(validate_document, b"")

    assert (error.code, error.message) == ("empty", "Berkas kosong.")


def test_a_file_over_the_limit_is_refused_with_the_limit_in_mb():
    error = refusal(validate_document, GOOD_PDF + b"\x00" * (LIMIT - len(GOOD_PDF) + 1))

    assert (error.code, error.message) == ("too_large", "Berkas terlalu besar (maks. 10 MB).")


def test_a_small_limit_is_shown_in_kb_and_a_fractional_one_with_a_decimal_comma():
    assert refusal(validate_pdf, GOOD_PDF, max_bytes=100).message.endswith("(maks. 100 byte).")
    assert refusal(validate_pdf, b"x" * 2049, max_bytes=2048).message.endswith("(maks. 2 KB).")
    big = b"x" * (MB + MB // 2 + 1)
    assert refusal(validate_pdf, big, max_bytes=MB + MB // 2).message.endswith("(maks. 1,5 MB).")


def test_the_size_is_measured_by_reading_not_taken_from_the_claimed_size():
    file = upload(GOOD_PDF)
    file.size = 10  # what a client could claim

    with pytest.raises(ValidationError) as caught:
        validate_pdf(file, max_bytes=100)
    assert caught.value.code == "too_large"


def test_no_more_than_max_bytes_plus_one_are_read():
    class CountingFile(File):
        read_total = 0

        def read(self, size=-1):
            data = super().read(size)
            self.read_total += len(data)
            return data

    file = CountingFile(io.BytesIO(b"%PDF-" + b"x" * 5000), name="besar.pdf")

    with pytest.raises(ValidationError):
        validate_pdf(file, max_bytes=1000)
    assert file.read_total == 1001


def test_js_bytes_inside_stream_data_do_not_count_as_a_script():
    # Compressed image and page data is effectively random: "/JS" turns up in it by chance.
    def add_content_with_noise(writer):
        content = StreamObject()
        content.set_data(b"q Q\n% \x9c\x01/JS)\xff\x00/JavaScript \n")
        writer.pages[0][NameObject("/Contents")] = writer._add_object(content)

    result = validate_pdf(upload(make_pdf(add_content_with_noise)), max_bytes=LIMIT)

    assert result.kind == "pdf"


# --- what is refused: PDFs that are not what they seem --------------------------------------


HTML = b"%PDF-1.4\n<html><script>alert(1)</script></html>"


@pytest.mark.parametrize(
    "html",
    [
        HTML,
        HTML + b"\n%%EOF\n",  # gets past the end-marker check, so pypdf is what refuses it
        HTML + b"\nstartxref\n9\n%%EOF\n",
        HTML + b"\ntrailer\n<< /Root 1 0 R >>\nstartxref\n0\n%%EOF\n",
    ],
    ids=["bare", "with end marker", "with startxref", "with trailer"],
)
@pytest.mark.parametrize("validator", [validate_pdf, validate_document])
def test_html_behind_a_pdf_header_is_refused_as_not_a_valid_pdf(html, validator):
    error = refusal(validator, html, "laporan.pdf")

    assert (error.code, error.message) == ("invalid_pdf", "Berkas bukan PDF yang sah.")


@pytest.mark.parametrize("keep", [0.25, 0.5, 0.75, 0.98])
def test_a_truncated_pdf_is_refused(keep):
    error = refusal(validate_pdf, GOOD_PDF[: int(len(GOOD_PDF) * keep)])

    assert error.code == "invalid_pdf"


def test_an_encrypted_pdf_is_refused():
    encrypted = make_pdf(lambda writer: writer.encrypt("rahasia"))

    error = refusal(validate_document, encrypted)

    assert error.code == "encrypted_pdf"
    assert error.message == "PDF terenkripsi/berkata sandi tidak diterima."


def test_a_pdf_with_document_javascript_is_refused():
    error = refusal(validate_pdf, JS_PDF)

    assert (error.code, error.message) == ("pdf_javascript", SCRIPT_REFUSED)


def test_validate_document_refuses_javascript_too():
    assert refusal(validate_document, JS_PDF).code == "pdf_javascript"


def test_allow_javascript_lets_the_same_pdf_through_so_the_script_check_is_what_refuses_it():
    result = validate_pdf(upload(JS_PDF), max_bytes=LIMIT, allow_javascript=True)

    assert result.kind == "pdf"


def add_page_open_script(writer):
    writer.pages[0].add_action(PageTrigger.OPEN, JavaScript("app.alert('halaman');"))


def hide_names_with_escapes(pdf: bytes) -> bytes:
    """Write /JavaScript and /JS as #-escaped names, which PDF readers decode: the raw-bytes net
    cannot see them, so only the object walk can. Lengths are kept so the xref stays right."""
    hidden = pdf.replace(b"/S /JavaScript", b"/S /J#61vaScript", 1)
    hidden = hidden.replace(b"/JS (xxxx", b"/J#53 (", 1)
    assert len(hidden) == len(pdf) and b"/J#53" in hidden
    return hidden


PDF_ACTIONS = {
    "OpenAction running JavaScript": make_pdf(
        open_action(action("/JavaScript", JS="app.alert(1);"))
    ),
    "OpenAction launching a program": make_pdf(open_action(action("/Launch", F="cmd.exe"))),
    "catalog additional actions": make_pdf(
        lambda writer: writer.root_object.__setitem__(
            NameObject("/AA"), DictionaryObject({NameObject("/WC"): action("/URI", URI="x")})
        )
    ),
    "page open script": make_pdf(add_page_open_script),
    "names escaped to hide them": hide_names_with_escapes(
        make_pdf(open_action(action("/JavaScript", JS="xxxxapp.alert(1);")))
    ),
    "script in an object nothing refers to": make_pdf(
        lambda writer: writer._add_object(action("/JavaScript", JS="app.alert(1);"))
    ),
}


@pytest.mark.parametrize("content", PDF_ACTIONS.values(), ids=list(PDF_ACTIONS))
def test_a_pdf_with_automatic_actions_is_refused(content):
    assert validate_pdf(upload(content), max_bytes=LIMIT, allow_javascript=True).kind == "pdf"

    error = refusal(validate_pdf, content)

    assert (error.code, error.message) == ("pdf_javascript", SCRIPT_REFUSED)


# --- what is refused: images ----------------------------------------------------------------


def test_a_corrupted_png_is_refused():
    corrupted = bytearray(GOOD_PNG)
    corrupted[40] ^= 0xFF  # inside the image data: the chunk's CRC no longer matches

    error = refusal(validate_image, bytes(corrupted), "foto.png")

    assert (error.code, error.message) == (
        "invalid_image",
        "Berkas bukan gambar (JPEG/PNG) yang sah.",
    )


def test_jpeg_magic_followed_by_garbage_is_refused():
    error = refusal(validate_document, b"\xff\xd8\xff\xe0" + b"<script>alert(1)</script>")

    assert error.code == "invalid_image"


def test_an_svg_is_refused_as_an_image_even_when_named_png():
    error = refusal(validate_image, NOT_A_DOCUMENT["SVG named .png"][0], "peta.png")

    assert error.code == "invalid_image"


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize(
    "side",
    [
        7_000,  # 49 MP: over our limit, under Pillow's own warning
        10_000,  # 100 MP: Pillow would only warn
        20_000,  # 400 MP: Pillow itself refuses to open it
    ],
)
def test_a_decompression_bomb_png_is_refused_though_it_is_small_on_disk(side):
    bomb = make_blank_png(side, side)
    assert len(bomb) < 100_000 and side * side > MAX_IMAGE_PIXELS

    error = refusal(validate_document, bomb, "peta.png")

    assert error.code == "image_too_large"
    assert error.message == "Resolusi gambar terlalu besar (maks. 40 megapiksel)."


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\x\\y.pdf", "y.pdf"),
        ("", "dokumen"),
        ("..", "dokumen"),
        ("laporan\x00.pdf\n", "laporan.pdf"),
        ("fdp\u202e.exe", "fdp.exe"),  # the right-to-left override is gone
        ("a" * 200 + ".pdf", "a" * 116 + ".pdf"),
    ],
)
def test_the_display_name_is_sanitised(given, shown):
    assert sanitise_name(given) == shown


def test_a_path_traversal_name_is_accepted_when_the_content_is_fine_but_only_its_basename_kept():
    # A plain File keeps the name as given (SimpleUploadedFile would already strip the path).
    file = File(io.BytesIO(GOOD_PDF), name="../../etc/passwd")

    result = validate_document(file, max_bytes=LIMIT)

    assert (result.kind, result.original_name) == ("pdf", "passwd")


# --- private storage ------------------------------------------------------------------------


@pytest.fixture
def stored():
    """Names saved by a test, deleted afterwards."""
    names = []
    yield names
    for name in names:
        private_storage().delete(name)


def test_a_saved_file_lands_under_private_media_root_with_a_random_name(stored):
    validated = validate_document(upload(GOOD_PDF, "../../MoU Sukoharjo.pdf"), max_bytes=LIMIT)

    name = save_private(validated, folder="mou")
    stored.append(name)

    path = Path(private_storage().path(name))
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT))
    assert path.read_bytes() == GOOD_PDF
    assert name.startswith("mou/") and name.endswith(".pdf")
    assert "Sukoharjo" not in name and ".." not in name

    second = save_private(validated, folder="mou")
    stored.append(second)
    assert second != name


def test_the_private_storage_class_refuses_to_make_a_url(tmp_path):
    # FileSystemStorage(base_url=None) falls back to MEDIA_URL; this class gives no URL at all.
    with pytest.raises(ValueError):
        PrivateFileSystemStorage(location=tmp_path).url("mou/anything.pdf")


# Closing a file response signals Django to close old database connections: allow the database.
@pytest.mark.django_db
def test_a_stored_file_is_served_as_a_private_attachment_that_is_never_sniffed(stored):
    name = save_private(validate_document(upload(GOOD_PNG), max_bytes=LIMIT), folder="bukti")
    stored.append(name)

    response = private_file_response(
        name, download_name="Bukti – Kota Bandung.png", content_type="image/png"
    )

    try:
        assert b"".join(response.streaming_content) == GOOD_PNG
    finally:
        response.close()
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "filename*=utf-8''Bukti%20%E2%80%93%20Kota%20Bandung.png" in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_a_missing_file_is_a_404():
    with pytest.raises(Http404):
        private_file_response("mou/tidak-ada.pdf", download_name="x.pdf", content_type="x/y")


# --- download names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "original, content_type, expected",
    [
        ("Laporan Kegiatan Bimtek 2019.pdf", "application/pdf", "Laporan Kegiatan Bimtek 2019.pdf"),
        ("Bukti – Kota Bandung.png", "image/png", "Bukti – Kota Bandung.png"),
        ("foto lapangan.jpeg", "image/jpeg", "foto lapangan.jpg"),
        # U+202E shows "evilgpj.exe" as "evilexe.jpg"; the type decides the extension.
        ("evil\u202egpj.exe", "image/jpeg", "evilgpj.jpg"),
        ("evil\u202egpj.exe", "application/pdf", "evilgpj.pdf"),
        ("../../../etc/passwd", "application/pdf", "passwd.pdf"),
        ("C:\\Users\\siti\\SK Dewan.pdf", "application/pdf", "SK Dewan.pdf"),
        ('a"b;c<d>e\r\nf.pdf', "application/pdf", "a_b_c_d_ef.pdf"),
        ("..", "application/pdf", "dokumen.pdf"),
        ("", "image/png", "dokumen.png"),
        ("\u202e\u200b/", "application/pdf", "dokumen.pdf"),
        ("laporan", "application/octet-stream", "laporan"),
    ],
)
def test_a_download_is_named_from_a_cleaned_base_and_the_detected_type(
    original, content_type, expected
):
    assert download_name(original, content_type) == expected


def test_a_download_name_takes_the_callers_fallback_and_stays_short():
    assert download_name("../", "application/pdf", fallback="sk") == "sk.pdf"
    assert download_name("x" * 300 + ".pdf", "application/pdf") == "x" * 100 + ".pdf"


@pytest.mark.django_db
def test_a_stored_file_downloads_under_the_type_it_was_checked_as(stored):
    name = save_private(validate_document(upload(GOOD_PNG), max_bytes=LIMIT), folder="bukti")
    stored.append(name)

    response = private_file_response(
        name, download_name="evil\u202egpj.exe", content_type="image/png"
    )
    response.close()

    assert response["Content-Disposition"] == 'attachment; filename="evilgpj.png"'
