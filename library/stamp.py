"""The one stamp of everything public: the master plans' publications and the evaluation's.

`masterplan.published.published_stamp()` changes when a plan is approved or enacted, a print
finishes, a quick win reports; `evaluation.published.published_stamp()` when a cycle is
published or a published result corrected. Masterplan sits below the evaluation and cannot
see it, so the two are combined here, in the lowest layer that may import both; the public
pages (library/caching.py) and the open data API (opendata/api.py) key their caches, ETags
and Last-Modified on this one value. Two queries, one per stamp.
"""

from __future__ import annotations

import hashlib

from evaluation.published import published_stamp as evaluation_stamp
from masterplan.published import PublishedStamp
from masterplan.published import published_stamp as plans_stamp


def public_stamp() -> PublishedStamp:
    plans, evaluation = plans_stamp(), evaluation_stamp()
    dates = [d for d in (plans.modified, evaluation.modified) if d]
    return PublishedStamp(
        key=hashlib.sha256(f"{plans.key}:{evaluation.key}".encode()).hexdigest()[:20],
        modified=max(dates, default=None),
    )
