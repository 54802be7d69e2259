"""The order a home lists what needs its person: most urgent first, then the nearest due date,
then the order the home built them in."""

from datetime import timedelta

from django.utils import timezone

from smartcity.todo import INFO, SOON, TODO, URGENT, Task, by_urgency


def task(title, level=TODO, due=None):
    return Task(title=title, url="/", action="Buka", level=level, due=due)


def test_tasks_go_by_level_then_nearest_due_then_as_built():
    now = timezone.now()
    today = timezone.localdate()
    tasks = [
        task("info", INFO, due=today),
        task("todo first"),
        task("soon later", SOON, due=now + timedelta(days=5)),
        task("urgent", URGENT),
        task("soon sooner", SOON, due=today + timedelta(days=1)),
        task("todo second"),
    ]

    assert [t.title for t in by_urgency(tasks)] == [
        "urgent",
        "soon sooner",
        "soon later",
        "todo first",
        "todo second",
        "info",
    ]


def test_a_due_date_says_how_far_off_it_is_or_how_long_ago_it_passed():
    now = timezone.now()

    ahead = task("a", due=now + timedelta(days=3, hours=1))
    behind = task("b", due=timezone.localdate() - timedelta(days=8))

    assert not ahead.overdue and ahead.due_in_words == "3\xa0hari"
    assert behind.overdue and behind.due_in_words == "1\xa0minggu"
    assert ahead.due_has_time and not behind.due_has_time
