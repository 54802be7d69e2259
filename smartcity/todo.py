"""What a person's home puts first: the things that need them now, most urgent first.

Each home builds its own list of `Task`s from its app's reads (a plan sent back, a sheet to
score, a report due) and renders it with `templates/_tasks.html`. Only the shape and the order
live here, so every role's home says "this needs you" the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.timesince import timesince, timeuntil

# Most urgent first: something overdue or blocking others, then a deadline or request, then
# work to continue, then things to know (nothing to do but wait or look).
URGENT, SOON, TODO, INFO = "urgent", "soon", "todo", "info"
LEVELS = (URGENT, SOON, TODO, INFO)


@dataclass
class Task:
    """One thing that needs the person: what, why, by when, and the one link that does it.

    `quote` is someone else's words to act on (a mentor's request); `facts` are short lines of
    detail (how far filled, open comments); `links` are further (label, url) pairs beside the
    main button.
    """

    title: str
    url: str
    action: str
    level: str = TODO
    detail: str = ""
    quote: str = ""
    facts: list[str] = field(default_factory=list)
    due: date | datetime | None = None
    links: list[tuple[str, str]] = field(default_factory=list)

    @property
    def due_has_time(self) -> bool:
        return isinstance(self.due, datetime)

    @property
    def overdue(self) -> bool:
        if self.due is None:
            return False
        if isinstance(self.due, datetime):
            return self.due <= timezone.now()
        return self.due < timezone.localdate()

    @property
    def due_in_words(self) -> str:
        """How far off the due date is ("3 hari"), or how long ago it passed."""
        if self.due is None:
            return ""
        return timesince(self.due, depth=1) if self.overdue else timeuntil(self.due, depth=1)

    def sort_key(self):
        due = self.due
        if isinstance(due, datetime):
            due = timezone.localtime(due).date() if timezone.is_aware(due) else due.date()
        return (LEVELS.index(self.level), due is None, due or date.max)


def by_urgency(tasks) -> list[Task]:
    """The tasks in the order a person should do them: by level, then the nearest due date;
    tasks alike in both keep the order they were built in (oldest waiting first, say)."""
    return sorted(tasks, key=Task.sort_key)
