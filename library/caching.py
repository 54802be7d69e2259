"""Public pages are cached whole-body, keyed by what is published.

The key carries `public_stamp()` (library/stamp.py: it changes whenever something is approved,
enacted, printed or reported, or an evaluation cycle is published or a result corrected), the
language and the full path with its query: a publication makes every old entry unreachable at
once, with no invalidation code anywhere. Only the page's body is
cached: the frame around it (navigation with the user's name, the language form with its CSRF
token) is rendered per request. Responses carry an ETag and Last-Modified from the same stamp,
and answer 304 to a client that already has the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpResponseNotModified
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language

from .stamp import public_stamp

# A new stamp makes old entries unreachable at once; the timeout bounds how long a deploy's
# changed templates wait behind bodies cached before it.
TIMEOUT = 15 * 60


@dataclass
class Body:
    """What a public page caches: its body and what the head says about it."""

    html: str
    title: str
    description: str
    og_type: str = "website"


def cached_page(request, *, template: str, build, extra: dict | None = None, status: int = 200):
    """Answer with the cached body for this path, building it with `build()` (a dict of the
    body template's context plus `title` and `description`) on a miss."""
    stamp = public_stamp()
    etag = quote_etag(f"{stamp.key}-{get_language()}")
    anonymous = not request.user.is_authenticated
    if anonymous and request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified()
    key = f"library:{stamp.key}:{get_language()}:{request.get_full_path()}"
    body = cache.get(key)
    if body is None:
        context = build()
        body = Body(
            html=render_to_string(template, context, request=None),
            title=str(context["title"]),
            description=str(context["description"]),
            og_type=context.get("og_type", "website"),
        )
        cache.set(key, body, TIMEOUT)
    response = render(request, "library/page.html", {"body": body, **(extra or {})}, status=status)
    if anonymous:
        response["ETag"] = etag
        if stamp.modified:
            response["Last-Modified"] = http_date(stamp.modified.timestamp())
        response["Cache-Control"] = "public, max-age=60"
    return response
