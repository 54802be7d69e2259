"""The Content Security Policy: Django's own, with a per-request nonce and no `unsafe-inline`.

Every page the portal renders must work under it: each inline <script> or <style> carries the
request's nonce, and no element has a `style=` attribute or an `on…=` handler, which the
policy would block in the browser.
"""

import re

import pytest
from django.urls import reverse

NONCE = re.compile(r"'nonce-([^']+)'")
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle=", re.IGNORECASE)


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if " " in part.strip())


def test_scripts_and_styles_need_the_nonce_and_nothing_inline_is_allowed(client, db):
    policy = directives(client.get(reverse("landing")))

    for name in ("script-src", "style-src"):
        assert "'self'" in policy[name] and NONCE.search(policy[name]), name
        assert "unsafe-inline" not in policy[name] and "unsafe-eval" not in policy[name], name
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


def test_each_request_gets_its_own_nonce(client, db):
    first = NONCE.search(directives(client.get(reverse("landing")))["script-src"]).group(1)
    second = NONCE.search(directives(client.get(reverse("landing")))["script-src"]).group(1)

    assert first != second


@pytest.mark.parametrize(
    ("role", "url"),
    [
        (None, "landing"),
        (None, "login"),
        ("official", "home"),
        ("staff", "home"),
        ("assessor", "home"),
        ("mentor", "home"),
        ("partner", "home"),
    ],
)
def test_pages_keep_to_the_policy(client, world, role, url):
    if role:
        client.force_login(world.user(role))
    response = client.get(reverse(url), follow=True)
    assert response.status_code == 200
    nonce = NONCE.search(directives(response)["script-src"]).group(1)

    tags = re.findall(r"<(?:script|style)\b[^>]*>", response.text)
    assert tags  # htmx and bootstrap at least
    for tag in tags:
        # A JSON data block (Django's `json_script`, the dashboard's charts) is never run, and
        # the CSP does not apply to it: it needs neither a source nor the nonce.
        if 'type="application/json"' in tag:
            continue
        assert 'src="' in tag or f'nonce="{nonce}"' in tag, tag
    assert not INLINE_HANDLER.search(response.text)
    assert not STYLE_ATTRIBUTE.search(response.text)
