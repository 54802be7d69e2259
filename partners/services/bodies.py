"""A region's Dewan Smart City and Tim Pelaksana: their decree (SK) and their members.

Only the region's own officials write (the views gate that with `role_required(OFFICIAL)` and
pass the official's own region); staff read any region's bodies. Who may read which region is
decided in `partners.access`: everyone else — mentors, assessors, partners, other regions'
officials — is answered 404.
"""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from smartcity.models import Region
from smartcity.storage import private_storage, save_private
from smartcity.uploads import validate_pdf

from ..models import DIMENSIONS, BodyMember, SmartCityBody

# A scanned decree with its appendix of members fits easily.
DECREE_MAX_BYTES = 15 * 1024 * 1024


class BodyError(Exception):
    """A change to a body that cannot be made; the message says why."""


# --- reads without a permission check (the caller's: `partners.access`) ---------------------------


def bodies_of(region: Region) -> dict[str, SmartCityBody | None]:
    """{kind: body or None} with every body's members loaded (two queries)."""
    found = {
        body.kind: body
        for body in SmartCityBody.objects.filter(region=region).prefetch_related("members")
    }
    return {kind: found.get(kind) for kind in SmartCityBody.Kind.values}


def dimension_coverage(bodies) -> list[dict]:
    """Each dimension with the members (of either body) in charge of it; empty when none."""
    in_charge = {code: [] for code, _label in DIMENSIONS}
    for body in bodies:
        if body is None:
            continue
        for member in body.members.all():
            if member.dimension:
                in_charge[member.dimension].append(member)
    return [
        {"code": code, "label": label, "members": in_charge[code]} for code, label in DIMENSIONS
    ]


# --- writes ---------------------------------------------------------------------------------


def body_save(*, region: Region, kind: str, decree_number: str, decree_date, upload=None, by):
    """Record (or correct) the decree forming the region's Dewan or Tim Pelaksana.

    There is one body of each kind per region, so a second save updates the first. A new decree
    file is judged by its content (a real PDF without scripts) and stored privately under a
    random name; a refused file raises `ValidationError` before anything is written, and the
    file replaced by a newer one is kept (the history still points at it).
    """
    if kind not in SmartCityBody.Kind.values:
        raise BodyError(_("Jenis lembaga tidak dikenal."))
    fields = {"decree_number": decree_number.strip(), "decree_date": decree_date}
    stored = None
    if upload is not None:
        validated = validate_pdf(upload, max_bytes=DECREE_MAX_BYTES)
        stored = save_private(validated, folder="decrees")
        fields.update(
            decree_file=stored,
            decree_file_name=validated.original_name,
            decree_sha256=validated.sha256,
        )
    try:
        with transaction.atomic():
            body = (
                SmartCityBody.objects.select_for_update().filter(region=region, kind=kind).first()
            )
            if body is None:
                body = SmartCityBody(region=region, kind=kind)
            for name, value in fields.items():
                setattr(body, name, value)
            body._history_user = by
            body.save()
            return body
    except BaseException:
        if stored:
            private_storage().delete(stored)
        raise


def body_member_add(
    *, body: SmartCityBody, name: str, position: str, agency: str, role: str, dimension="", by
) -> BodyMember:
    """Add a member; `dimension` makes them the body's person in charge of that dimension."""
    if dimension and dimension not in dict(DIMENSIONS):
        raise BodyError(_("Dimensi tidak dikenal."))
    last = body.members.order_by("-order").values_list("order", flat=True).first() or 0
    return BodyMember.objects.create(
        body=body,
        name=name.strip(),
        position=position.strip(),
        agency=agency.strip(),
        role=role.strip(),
        dimension=dimension,
        order=last + 1,
    )


def body_member_remove(*, region: Region, member_id: int, by) -> None:
    """Remove a member of one of the region's bodies; another region's member is a 404."""
    member = get_object_or_404(BodyMember, pk=member_id, body__region=region)
    member.delete()
