"""Content-based checks for uploaded documents: questionnaire evidence, signed MoUs, decrees.

A file is judged by what it contains, never by its name or the browser's content type: both are
chosen by the uploader. A PDF must parse with pypdf and carry no scripts; an image must be a real
JPEG or PNG that Pillow can verify and that is not a decompression bomb. What passes comes back
as a `ValidatedFile` whose kind, extension and content type come from the content, and whose
display name is sanitised. The user's name is never used to store the file (see `storage.py`).
"""

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from pypdf import PdfReader

# 40 megapixels is far more than any photo or scan of a decree needs, and bounds the memory a
# single upload can make a worker decode (a 10000x10000 PNG of one colour is a few KB on disk).
MAX_IMAGE_PIXELS = 40_000_000

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
PDF_MAGIC = b"%PDF-"

# Keys that make a PDF run something: scripts, additional actions on open/close/focus.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA"}
# Action types that run code or programs when triggered (by /OpenAction, a link, a field).
ACTIVE_ACTIONS = {"/JavaScript", "/Launch"}
# A cheap second net over the raw bytes, for scripts in objects not reachable from the catalog.
# It skips stream data: "/JS" turns up by chance about once in 20 MB of compressed bytes, so
# searching scans and photos would refuse a sizeable share of honest multi-megabyte PDFs.
RAW_SCRIPT = re.compile(rb"/J(avaScript|S)\b")

KIND_LABELS = {"pdf": "PDF", "image": "gambar (JPEG/PNG)"}


@dataclass(frozen=True)
class ValidatedFile:
    """An upload that passed the checks. Everything here is derived from the content."""

    kind: str  # "pdf" | "image"
    content_type: str  # "application/pdf" | "image/jpeg" | "image/png"
    extension: str  # ".pdf" | ".jpg" | ".png"
    size: int
    sha256: str
    original_name: str  # for display only; never a storage path
    content: bytes = field(repr=False)


def validate_document(upload, *, max_bytes: int, kinds=("pdf", "image")) -> ValidatedFile:
    """Accept any of `kinds`, choosing the check by the file's first bytes."""
    data = _read(upload, max_bytes)
    kind = _sniff(data)
    if kind not in kinds:
        labels = " atau ".join(KIND_LABELS[k] for k in kinds)
        raise ValidationError(f"Berkas bukan {labels} yang sah.", code="invalid_type")
    if kind == "pdf":
        return _check_pdf(upload, data, allow_javascript=False)
    return _check_image(upload, data)


def validate_pdf(upload, *, max_bytes: int, allow_javascript: bool = False) -> ValidatedFile:
    """A PDF that pypdf can read, with at least one page, not encrypted and (by default) inert."""
    data = _read(upload, max_bytes)
    if _sniff(data) != "pdf":
        raise ValidationError("Berkas bukan PDF yang sah.", code="invalid_pdf")
    return _check_pdf(upload, data, allow_javascript=allow_javascript)


def validate_image(upload, *, max_bytes: int) -> ValidatedFile:
    """A JPEG or PNG that Pillow verifies and whose pixel count is within `MAX_IMAGE_PIXELS`."""
    data = _read(upload, max_bytes)
    if _sniff(data) != "image":
        raise ValidationError("Berkas bukan gambar (JPEG/PNG) yang sah.", code="invalid_image")
    return _check_image(upload, data)


def sanitise_name(name) -> str:
    """The last path component without control or invisible characters, at most 120 chars.

    Browsers may send a full Windows path, and an attacker anything at all; the result is only
    ever shown to people (and put in a download's Content-Disposition), never used as a path.
    Format characters go too: U+202E can make "fdp.exe" display as "exe.pdf".
    """
    base = _last_visible_part(name)
    if base in {"", ".", ".."}:
        return "dokumen"
    if len(base) > 120:
        stem, dot, ext = base.rpartition(".")
        keep = dot + ext if dot and stem and len(ext) <= 10 else ""
        base = base[: 120 - len(keep)].rstrip() + keep
    return base


def _last_visible_part(name) -> str:
    """The last path component of `name` without control, format (bidi) or line separators."""
    text = "".join(
        ch for ch in str(name or "") if unicodedata.category(ch) not in {"Cc", "Cf", "Zl", "Zp"}
    )
    return text.replace("\\", "/").rsplit("/", 1)[-1].strip()


# The extension of a download comes from the type the upload check detected, never from the
# name the uploader chose.
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
# Punctuation kept in a download's base name besides letters, digits, spaces and dashes.
_NAME_PUNCTUATION = set("_.,()[]+&")
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def download_name(original, content_type: str, *, fallback: str = "dokumen") -> str:
    """The name a stored file is downloaded under: a cleaned base name of `original` and the
    extension of its detected `content_type` (`.pdf`, `.jpg`, `.png`; none for other types).

    Only the last path part is kept; control and bidi characters go (U+202E makes "evilgpj.exe"
    show as "evilexe.jpg"), the uploader's own extension goes, and any character other than
    letters, digits, spaces, dashes and `_.,()[]+&` becomes `_`. `fallback` names a file of
    which nothing is left: `../../../etc/passwd` as a PDF becomes `passwd.pdf`, `..` `dokumen.pdf`.
    """
    base = _EXTENSION.sub("", _last_visible_part(original))
    base = "".join(
        ch
        if ch.isalnum() or ch in _NAME_PUNCTUATION or unicodedata.category(ch) in {"Pd", "Zs"}
        else "_"
        for ch in base
    )
    base = " ".join(base.split()).strip(" ._")[:100].rstrip(" ._")
    if not base:
        base = fallback
    return base + EXTENSIONS.get(content_type, "")


def _read(upload, max_bytes: int) -> bytes:
    """At most `max_bytes + 1` bytes: `.size` comes from the client's request and can lie."""
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    upload.seek(0)
    if not data:
        raise ValidationError("Berkas kosong.", code="empty")
    if len(data) > max_bytes:
        raise ValidationError(
            f"Berkas terlalu besar (maks. {_format_limit(max_bytes)}).", code="too_large"
        )
    return data


def _format_limit(max_bytes: int) -> str:
    """10485760 -> "10 MB", 1572864 -> "1,5 MB" (Indonesian decimal comma), 2048 -> "2 KB"."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if max_bytes >= factor:
            return f"{round(max_bytes / factor, 1):g} {unit}".replace(".", ",")
    return f"{max_bytes} byte"


def _sniff(data: bytes) -> str | None:
    if data.startswith(PDF_MAGIC):
        return "pdf"
    if data.startswith((PNG_MAGIC, JPEG_MAGIC)):
        return "image"
    return None


def _check_pdf(upload, data: bytes, *, allow_javascript: bool) -> ValidatedFile:
    invalid = ValidationError("Berkas bukan PDF yang sah.", code="invalid_pdf")
    if b"%%EOF" not in data[-1024:]:
        # Readers require the end marker in the last 1 KB. Checking it first refuses truncated
        # uploads at once; without it pypdf searches the whole file backwards, line by line,
        # which takes seconds on a crafted 10 MB upload.
        raise invalid
    # pypdf takes ~100 ms to import; only a PDF upload needs it, not every process start.
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except Exception as exc:
        # pypdf raises its own errors but also KeyError, ValueError, RecursionError... on
        # hostile input; whatever it is, the file is not a PDF we can vouch for.
        raise invalid from exc
    if encrypted:
        # Encrypted pages cannot be read (nor checked for scripts) without the password.
        raise ValidationError("PDF terenkripsi/berkata sandi tidak diterima.", code="encrypted_pdf")
    try:
        # A %PDF- header glued onto HTML has no page tree; reading every page proves one.
        pages = list(reader.pages)
        active = not allow_javascript and _has_active_content(reader)
    except Exception as exc:
        raise invalid from exc
    if not pages:
        raise invalid
    if active or (not allow_javascript and RAW_SCRIPT.search(_outside_streams(data))):
        raise ValidationError(
            "PDF berisi JavaScript atau aksi otomatis; simpan ulang sebagai PDF biasa.",
            code="pdf_javascript",
        )
    return _validated(upload, data, "pdf", "application/pdf", ".pdf")


def _has_active_content(reader: "PdfReader") -> bool:
    """Walk every object reachable from the catalog (so every page too) looking for scripts.

    The walk is iterative with a visited set of indirect objects, so cycles (/Parent) end and
    no depth of nesting (a long /Next chain of actions) can overflow the stack or hide a
    script below a depth limit. pypdf decodes escaped names ("/J#53" is "/JS"), which the
    raw-bytes net cannot see, and the raw net sees scripts in objects this walk never reaches.
    """
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer.raw_get("/Root")]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        # dict/list methods, not pypdf's: they give the unresolved references the visited set
        # needs (and an outline's TreeObject iterates its children, not its keys).
        if isinstance(obj, DictionaryObject):  # streams included: their dictionaries count
            action = dict.get(obj, "/S")
            if isinstance(action, IndirectObject):
                action = action.get_object()
            if obj.keys() & ACTIVE_KEYS or (isinstance(action, str) and action in ACTIVE_ACTIONS):
                return True
            stack.extend(dict.values(obj))
        elif isinstance(obj, ArrayObject):
            stack.extend(list.__iter__(obj))
    return False


def _outside_streams(data: bytes) -> bytes:
    """The bytes with every `stream ... endstream` body cut out, in one linear pass."""
    parts, pos = [], 0
    while (start := data.find(b"stream", pos)) != -1:
        end = data.find(b"endstream", start + len(b"stream"))
        if end == -1:
            break
        parts.append(data[pos:start])
        pos = end + len(b"endstream")
    parts.append(data[pos:])
    return b"".join(parts)


def _check_image(upload, data: bytes) -> ValidatedFile:
    invalid = ValidationError("Berkas bukan gambar (JPEG/PNG) yang sah.", code="invalid_image")
    too_many_pixels = ValidationError(
        f"Resolusi gambar terlalu besar (maks. {MAX_IMAGE_PIXELS // 1_000_000} megapiksel).",
        code="image_too_large",
    )
    expected = "PNG" if data.startswith(PNG_MAGIC) else "JPEG"
    from PIL import Image  # like pypdf above: only an image upload needs Pillow

    try:
        # Opening reads only the header, so the pixel count is known before anything decodes.
        with Image.open(io.BytesIO(data), formats=[expected]) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise too_many_pixels
            image.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError as exc:
        # Beyond twice Pillow's own limit, open() refuses before we see the size.
        raise too_many_pixels from exc
    except Exception as exc:
        raise invalid from exc
    if expected == "PNG":
        return _validated(upload, data, "image", "image/png", ".png")
    return _validated(upload, data, "image", "image/jpeg", ".jpg")


def _validated(upload, data, kind, content_type, extension) -> ValidatedFile:
    return ValidatedFile(
        kind=kind,
        content_type=content_type,
        extension=extension,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        original_name=sanitise_name(getattr(upload, "name", "")),
        content=data,
    )
