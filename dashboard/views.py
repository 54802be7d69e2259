"""The programme map for ministry staff: the page, its geometry and values as JSON, the same map
as server-rendered SVG (pages without JavaScript, PDFs), and a region's programme card."""

from __future__ import annotations

import re

from django import forms
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import condition, require_GET

from candidates.models import Cohort
from smartcity.access import role_required
from smartcity.geometry import SVG_HEIGHT, SVG_WIDTH, attribution, geometry_file, map_svg, shapes
from smartcity.models import Region, User
from smartcity.profile import region_profile

from .layers import DEFAULT_LAYER, LAYERS
from .selectors import region_for_staff, region_path

staff_only = role_required(User.Role.STAFF)
_accepts_gzip = re.compile(r"\bgzip\b")


class MapForm(forms.Form):
    """What the map shows: a layer, and one cohort or all of them. Both are optional."""

    lapisan = forms.ChoiceField(
        label=gettext_lazy("Warnai menurut"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    angkatan = forms.TypedChoiceField(
        label=gettext_lazy("Angkatan"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, data, *, cohorts: list[Cohort]):
        super().__init__(data)
        self.fields["lapisan"].choices = [(key, layer.label) for key, layer in LAYERS.items()]
        self.fields["angkatan"].choices = [("", _("Semua angkatan"))] + [
            (c.year, str(c.year)) for c in reversed(cohorts)
        ]
        self.cohorts = {c.year: c for c in cohorts}

    def choice(self):
        """The layer and cohort asked for; the defaults for what is missing or invalid."""
        data = self.cleaned_data if self.is_valid() else {}
        layer = LAYERS[data.get("lapisan") or DEFAULT_LAYER]
        return layer, self.cohorts.get(data.get("angkatan"))


def _map_choice(request):
    cohorts = list(Cohort.objects.order_by("year"))
    form = MapForm(request.GET, cohorts=cohorts)
    layer, cohort = form.choice()
    return form, layer, cohort, cohorts


def _query(layer, cohort) -> str:
    params = {"lapisan": layer.key}
    if cohort is not None:
        params["angkatan"] = cohort.year
    return urlencode(params)


def _bad_choice(form) -> JsonResponse:
    return JsonResponse({"errors": form.errors.get_json_data()}, status=400)


@staff_only
@require_GET
def programme_map(request):
    """The map of all 514 kab/kota, coloured by the layer the viewer picks, with its legend;
    a region's card opens beside it. Works without JavaScript as an SVG picture and a form."""
    form, layer, cohort, cohorts = _map_choice(request)
    values = layer.compute(request.user, cohort, cohorts)
    query = _query(layer, cohort)
    provinces: dict[str, list[tuple[str, str]]] = {}
    names = {shape.code: shape.name for shape in shapes()}
    for code, province in (
        Region.objects.kab_kota().order_by("code").values_list("code", "province__name")
    ):
        provinces.setdefault(province, []).append((code, names.get(code, code)))
    # A region chosen in the list (the way to its card without JavaScript or a pointer).
    chosen, steps, unknown_code = None, [], ""
    if code := request.GET.get("wilayah", "").strip():
        chosen = Region.objects.kab_kota().select_related("province").filter(code=code).first()
        if chosen is None:
            unknown_code = code
        else:
            steps = region_path(request.user, chosen)
    return render(
        request,
        "dashboard/map.html",
        {
            "region": chosen,
            "chosen_code": chosen.code if chosen else "",
            "steps": steps,
            "unknown_code": unknown_code,
            "form": form,
            "layer": layer,
            "cohort": cohort,
            "legend": values.legend(),
            "legend_title": values.title,
            "provinces": provinces,
            "geometry_url": f"{reverse('map_geometry')}?v={geometry_file().version}",
            "values_url": reverse("map_values"),
            "svg_url": f"{reverse('map_svg')}?{query}",
            "svg_size": {"width": SVG_WIDTH, "height": SVG_HEIGHT},
            "card_url": reverse("region_card", args=["00.00"]),
            "attribution": attribution(),
        },
    )


def _geometry_etag(request) -> str:
    geometry = geometry_file()
    accepts = _accepts_gzip.search(request.headers.get("Accept-Encoding", ""))
    return geometry.gzip_etag if accepts else geometry.etag


@staff_only
@require_GET
@condition(etag_func=_geometry_etag)
def map_geometry(request):
    """The kab/kota shapes as GeoJSON, keyed by Kemendagri code: the committed file as it is,
    gzipped when the browser accepts it, with an ETag (a conditional GET answers 304)."""
    geometry = geometry_file()
    if _accepts_gzip.search(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(geometry.gzipped, content_type="application/geo+json")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(geometry.body, content_type="application/geo+json")
    patch_vary_headers(response, ["Accept-Encoding"])
    # The page asks for it with the file's fingerprint in the URL: a day in the browser's
    # cache, then a 304 while it has not changed.
    patch_cache_control(response, private=True, max_age=86400)
    return response


@staff_only
@require_GET
def map_values(request):
    """The chosen layer's class and tooltip text per kab/kota code, and its legend."""
    cohorts = list(Cohort.objects.order_by("year"))
    form = MapForm(request.GET, cohorts=cohorts)
    if not form.is_valid():
        return _bad_choice(form)
    layer, cohort = form.choice()
    return JsonResponse(layer.compute(request.user, cohort, cohorts).as_json())


@staff_only
@require_GET
def map_svg_view(request):
    """The map as an SVG file: each region filled by the chosen layer, named on hover and
    linked to its card (the picture pages without JavaScript show)."""
    cohorts = list(Cohort.objects.order_by("year"))
    form = MapForm(request.GET, cohorts=cohorts)
    if not form.is_valid():
        return _bad_choice(form)
    layer, cohort = form.choice()
    values = layer.compute(request.user, cohort, cohorts)
    names = {shape.code: shape.name for shape in shapes()}
    card = reverse("region_card", args=["00.00"])
    svg = map_svg(
        values.colours(),
        titles=values.titles(names),
        links={code: card.replace("00.00", code) for code in names},
        label=_("Peta %(layer)s") % {"layer": layer.label},
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    patch_cache_control(response, private=True)
    return response


@staff_only
@require_GET
def region_card(request, code: str):
    """A kab/kota's path through the programme: per cohort its screening, candidacy,
    questionnaire, panel score, MoU, mentors and master plan. htmx gets the card alone (the
    map's side panel), a plain request the page."""
    region = region_for_staff(request.user, code)
    steps = region_path(request.user, region)
    # The region's profile (Gambaran Umum Daerah), as its master plan shows it: the cohort is
    # the first year it joined the programme.
    joined = [step.cohort.year for step in steps if step.in_programme]
    context = {
        "region": region,
        "steps": steps,
        "profile": region_profile(region, cohort=min(joined) if joined else None),
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "dashboard/region_card.html#card", context)
    return render(request, "dashboard/region_card.html", context)
