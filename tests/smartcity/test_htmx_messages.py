"""After an htmx save, the view's messages reach the page out of band; full pages and redirects
keep them for the layout."""

from django.contrib import messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse, HttpResponseRedirect
from django.test import RequestFactory

from smartcity.middleware import HtmxMessagesMiddleware


def respond(response, *, htmx: bool):
    def view(request):
        messages.success(request, "Program tersimpan.")
        return response

    headers = {"HX-Request": "true"} if htmx else {}
    request = RequestFactory().post("/", headers=headers)
    chain = SessionMiddleware(MessageMiddleware(HtmxMessagesMiddleware(view)))
    return request, chain(request)


def test_an_htmx_fragment_carries_its_messages_out_of_band(db):
    request, response = respond(HttpResponse("<tr>baris</tr>"), htmx=True)
    body = response.content.decode()
    assert body.startswith("<tr>baris</tr>")
    assert 'id="messages"' in body and 'hx-swap-oob="true"' in body
    assert "Program tersimpan." in body
    # Shown once: the storage keeps nothing for the next page.
    assert request._messages.used
    assert not response.cookies.get("messages") or not response.cookies["messages"].value


def test_a_full_page_or_redirect_leaves_messages_to_the_layout(db):
    for response, htmx in [
        (HttpResponse("<html>halaman</html>"), False),
        (HttpResponseRedirect("/berikutnya/"), True),
    ]:
        _, answered = respond(response, htmx=htmx)
        assert b"Program tersimpan." not in answered.content
        assert answered.cookies["messages"].value  # kept (signed) for the next page


def test_an_htmx_redirect_header_leaves_messages_for_the_next_page(db):
    redirecting = HttpResponse("")
    redirecting["HX-Redirect"] = "/masterplan/1/"
    _, answered = respond(redirecting, htmx=True)
    assert answered.content == b""
