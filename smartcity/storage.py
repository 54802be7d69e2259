"""Private storage for uploaded evidence, MoUs and decrees.

These files are never under a URL (the "private" storage lives at PRIVATE_MEDIA_ROOT, outside
MEDIA_ROOT and STATIC_ROOT, and no URL pattern serves it): they are read only through views that
check who may see them, and then sent as downloads so a browser never renders them as a page of
the portal's origin.
"""

import logging
from contextlib import suppress
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from . import uploads
from .uploads import ValidatedFile

logger = logging.getLogger(__name__)


class PrivateFileSystemStorage(FileSystemStorage):
    """A FileSystemStorage whose files have no URL at all.

    `base_url=None` alone is not enough: FileSystemStorage then falls back to MEDIA_URL, so
    `.url()` would hand out a link that looks public. Raising makes a template or serializer
    that reaches for `.url` fail loudly instead. Use it as STORAGES["private"]["BACKEND"].
    """

    def url(self, name):
        raise ValueError("Berkas privat tidak punya URL; kirim lewat private_file_response().")


def private_storage():
    """The storage configured as STORAGES["private"] (a FileSystemStorage at PRIVATE_MEDIA_ROOT)."""
    return storages["private"]


def save_private(validated: ValidatedFile, *, folder: str) -> str:
    """Store under a random name and return it; keep this name, and the display name apart.

    The user's file name never becomes a path: a random name cannot traverse directories,
    collide with another upload, or be guessed, and the extension comes from the content.

    A full disk or an unwritable folder raises `ValidationError` (code "storage_unavailable"),
    which every upload form already shows beside its file field, keeping the rest of what was
    typed; the half-written file, if any, is removed.
    """
    storage = private_storage()
    name = f"{folder.strip('/')}/{uuid4().hex}{validated.extension}"
    try:
        return storage.save(name, ContentFile(validated.content))
    except OSError as exc:
        logger.error("private storage: cannot save %s: %s", name, exc)
        with suppress(OSError):
            storage.delete(name)
        raise ValidationError(
            _("Berkas tidak dapat disimpan; coba lagi nanti."), code="storage_unavailable"
        ) from exc


def open_private(name: str):
    """Open a stored file for reading; raises FileNotFoundError if it is gone."""
    return private_storage().open(name, "rb")


def private_file_response(name: str, *, download_name: str, content_type: str) -> FileResponse:
    """Send a stored file as a download. Call only after the view has checked permission.

    `as_attachment` and nosniff keep a crafted file from being rendered (and run) as a page of
    the portal; no-store keeps it out of shared caches and the browser's disk cache. Every
    download is named by `uploads.download_name`: `download_name` cleaned, with the extension of
    `content_type` (the type the upload check detected). Django's FileResponse writes a
    `filename*=` for non-ASCII download names.
    """
    if not name:
        raise Http404("Berkas tidak ditemukan.")
    try:
        handle = open_private(name)
    except FileNotFoundError as exc:
        raise Http404("Berkas tidak ditemukan.") from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=uploads.download_name(download_name, content_type),
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
