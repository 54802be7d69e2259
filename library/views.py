"""Public pages (no login): the programme overview, a page per participating region with its
downloads, the library and one page per programme; and "Gunakan di rencana saya", the one
page here that writes (for a regional official, into their own draft)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from masterplan.access import may_edit, plans_visible_to
from masterplan.published import published_plan
from masterplan.services.authoring import programme_adopt
from masterplan.services.workflow import WorkflowError
from smartcity.access import role_required, user_has_role
from smartcity.models import User
from smartcity.storage import private_file_response

from . import pages
from .caching import cached_page
from .index import index_sync
from .search import SearchForm, filter_choices, search


@require_GET
def overview(request):
    return cached_page(request, template="library/_overview.html", build=pages.overview)


@require_GET
def region(request, code):
    return cached_page(request, template="library/_region.html", build=lambda: pages.region(code))


@require_GET
def plan_pdf(request, code):
    """The approved print of the region's published plan (never marked DRAF). Only a print the
    worker has finished is served: this view never asks for a render."""
    plan = published_plan(code)
    if plan is None or not plan.has_pdf:
        raise Http404("PDF masterplan yang disahkan belum tersedia.")
    return private_file_response(
        plan.pdf_file,
        download_name=f"Masterplan Smart City {plan.region_name} v{plan.version_number}",
        content_type="application/pdf",
    )


@require_GET
def regulation(request, code):
    """The Perwal/Perbup/Perda that enacted the region's published plan."""
    plan = published_plan(code)
    if plan is None or not plan.has_regulation:
        raise Http404("Regulasi belum diunggah.")
    return private_file_response(
        plan.regulation_file,
        download_name=f"{plan.regulation_name} {plan.regulation_number} {plan.region_name}",
        content_type="application/pdf",
    )


def _library(request):
    index_sync()
    form = SearchForm(request.GET or None, choices=filter_choices())
    groups, found = [], 0
    searched = form.is_bound and form.is_valid()
    if searched:
        groups, found = search(form.cleaned_data)
    elif not form.is_bound:
        groups, found = search({})
    words = form.cleaned_data.get("q", "") if searched else ""
    filtered = searched and any(
        value not in (None, "", False) for key, value in form.cleaned_data.items() if key != "q"
    )
    return {
        "form": form,
        # The filters stay folded (on a phone they would push the results off the screen)
        # unless the search uses them or one of them is wrong.
        "filters_open": filtered or bool(form.errors),
        "groups": groups,
        "found": found,
        "words": words,
        "title": (
            _("Pustaka program smart city: %(q)s") % {"q": words}
            if words
            else _("Pustaka program smart city")
        ),
        "description": _(
            "Cari program dan quick win dari setiap masterplan smart city yang disahkan: menurut "
            "kata kunci, dimensi, elemen, provinsi, pulau, angkatan, sumber dana dan anggaran."
        ),
    }


@require_GET
def library(request):
    return cached_page(request, template="library/_library.html", build=lambda: _library(request))


def _own_plan(user):
    """The official's region's latest plan, or None."""
    return (
        plans_visible_to(user)
        .filter(candidate__region_id=user.region_id)
        .select_related("candidate__region", "candidate__cohort")
        .order_by("-candidate__cohort__year")
        .first()
    )


def _adopt_box(request, plan_id):
    """What the programme page offers the visitor: the copy button, or why not (not cached)."""
    if not user_has_role(request.user, User.Role.OFFICIAL):
        return {"kind": "anonymous" if not request.user.is_authenticated else "other"}
    own = _own_plan(request.user)
    if own is None:
        return {"kind": "refused", "reason": _("Daerah Anda belum memiliki masterplan.")}
    if own.pk == plan_id:
        return {"kind": "own"}
    allowed, reason = may_edit(request.user, own)
    if not allowed:
        return {"kind": "refused", "reason": reason}
    return {"kind": "allowed", "plan": own}


@require_GET
def programme(request, plan_id, programme_id):
    return cached_page(
        request,
        template="library/_programme.html",
        build=lambda: pages.programme(plan_id, programme_id),
        extra={
            "adopt": _adopt_box(request, plan_id),
            "adopt_url": reverse("public_programme_adopt", args=[plan_id, programme_id]),
        },
    )


@role_required(User.Role.OFFICIAL)
@require_POST
def programme_adopt_view(request, plan_id, programme_id):
    """Copy a published programme into the official's own plan while it is editable."""
    back = reverse("public_programme", args=[plan_id, programme_id])
    own = _own_plan(request.user)
    source = pages.published_programme(plan_id, programme_id)
    if source is None:
        raise Http404
    if own is None:
        messages.error(request, _("Daerah Anda belum memiliki masterplan."))
        return redirect(back)
    try:
        copy, created = programme_adopt(
            plan=own,
            by=request.user,
            source_version_id=source.plan.version_id,
            source_programme_id=programme_id,
        )
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect(back)
    if created:
        messages.success(
            request,
            _(
                "Program “%(name)s” disalin ke masterplan Anda. Lengkapi tahun, anggaran, "
                "baseline dan target KPI."
            )
            % {"name": copy.name},
        )
    else:
        messages.info(request, _("Program ini sudah pernah disalin ke masterplan Anda."))
    return redirect(f"{own.get_absolute_url()}#programme-{copy.pk}")


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /akun/",
        "Disallow: /admin/",
        "Disallow: /beranda/",
        "Disallow: /kominfo/",
        "Disallow: /pemda/",
        "Disallow: /asesor/",
        "Disallow: /mentor/",
        "Disallow: /mitra/",
        "Disallow: /seleksi/",
        "Disallow: /asesmen/",
        "Disallow: /mitra-program/",
        "Disallow: /masterplan/",
        "Disallow: /dasbor/",
        "Disallow: /evaluasi/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
