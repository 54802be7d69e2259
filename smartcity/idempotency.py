"""Idempotent form posts: a double click (or a resent request) writes once.

The form carries a hidden one-time token (`{% post_token %}` in the template). The view claims it
in the same transaction as the write:

    with transaction.atomic():
        if not claim_post_token(request):
            ...  # already stored: say so, write nothing
        comment_add(...)

The token's unique key decides between parallel posts: PostgreSQL makes the second insert wait
for the first transaction and then refuses it; SQLite's immediate transactions run them one after
the other. If the write fails, the claim rolls back with it, so the corrected form posts again.
"""

import re
from uuid import uuid4

from django.db import IntegrityError, transaction

from .models import PostToken

TOKEN_FIELD = "post_token"
_TOKEN = re.compile(r"[0-9a-f]{32}")


def new_post_token() -> str:
    return uuid4().hex


def claim_post_token(request) -> bool:
    """Record the post's token; False when this very form was already posted.

    A post without a well-formed token (a page from before tokens, a script) is not refused:
    it is simply not protected against doubles.
    """
    key = request.POST.get(TOKEN_FIELD, "")
    if not _TOKEN.fullmatch(key):
        return True
    try:
        with transaction.atomic():
            PostToken.objects.create(key=key)
    except IntegrityError:
        return False
    return True
