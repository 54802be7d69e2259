"""Junk for every form: read a page's POST forms and post deterministic junk into each field.

Used by tests/test_junk_posts.py (every page of the URL × role matrix and the admin, on
PostgreSQL) and by its SQLite variant, which runs the admin part in a process of its own.
"""

from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile

JUNK = [
    "1" * 21,  # beyond any integer column
    "NaN",
    "1e309",  # infinity once parsed as a float
    "x" * 10_000,
    "a\x00b",  # NUL, which PostgreSQL refuses in text
    "2024-02-30",
    "-99999999999999999999.5",
    "not-a-choice",
    "99999-12-31",
    "",
]
# Rounds that put the same junk in every field (each field meets the worst of it), then rounds
# that mix: neighbouring fields get different junk, so some pass and the next ones are reached.
UNIFORM = ["1" * 21, "1e309", "x" * 10_000 + "\x00"]
MIXED_ROUNDS = 2


class _Forms(HTMLParser):
    """Every <form method="post"> of a page: its action and the names of its fields."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._current)
        elif self._current is not None and tag in {"input", "textarea", "select"}:
            name = attrs.get("name")
            if name and attrs.get("type") not in {"submit", "button", "reset"}:
                self._current["fields"].setdefault(name, attrs.get("type") or tag)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def post_forms(html: str, page_url: str) -> list[tuple[str, dict[str, str]]]:
    """(action URL, {field name: input type}) of each POST form on the page."""
    parser = _Forms()
    parser.feed(html)
    return [(form["action"] or page_url, form["fields"]) for form in parser.forms]


def junk_posts(fields: dict[str, str], *, seed: int = 0):
    """The payloads for one form, the same on every run: the uniform rounds, then mixed rounds
    in which field i of round r gets JUNK[(seed + 3·i + r) mod n]."""
    names = [name for name in fields if name != "csrfmiddlewaretoken"]

    def payload(value_of):
        return {
            name: SimpleUploadedFile("junk.pdf", b"%PDF-\x00" + b"\xff" * 64)
            if fields[name] == "file"
            else value_of(index)
            for index, name in enumerate(names)
        }

    for value in UNIFORM:
        yield payload(lambda index, value=value: value)
    for round_ in range(MIXED_ROUNDS):
        yield payload(lambda index, round_=round_: JUNK[(seed + 3 * index + round_) % len(JUNK)])


def post_junk_into_page(client, page_url: str, *, skip=(), seed: int = 0) -> list[tuple]:
    """GET the page, post junk into each of its POST forms; the answers of 500 or more."""
    response = client.get(page_url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    failures = []
    for action, fields in post_forms(response.content.decode(), page_url):
        if action in skip:
            continue
        for data in junk_posts(fields, seed=seed):
            answer = client.post(action, data)
            if answer.status_code >= 500:
                failures.append((page_url, action, answer.status_code, sorted(data)))
    return failures
