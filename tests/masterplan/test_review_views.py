"""Review comments in place over HTTP: each section and programme row of the plan page has its
counter, its "Komentari" and its thread; comments are added, answered and resolved in the
thread (htmx) by the people `access` allows; the banner of a plan in revision lists the open
comments in the page's order; and the plan page costs the same however many there are."""

import re

import pytest
from django.urls import reverse

from masterplan.models import Plan, ReviewComment
from masterplan.services.review import comment_add, comment_reply, comment_resolve
from masterplan.services.workflow import plan_move, plan_submit
from tests.masterplan.helpers import add_programme, approve, full_plan

pytestmark = pytest.mark.django_db

S = Plan.Status
HTMX = {"HX-Request": "true"}


@pytest.fixture
def submitted(world):
    return plan_submit(plan=full_plan(world), by=world.official)


@pytest.fixture
def programme(submitted):
    return submitted.programmes.order_by("pk").first()


def post(client, user, name, *, data=None, htmx=False, **kwargs):
    client.force_login(user)
    return client.post(reverse(name, kwargs=kwargs), data or {}, headers=HTMX if htmx else {})


def thread(client, user, plan, place, *, write=False, close=False):
    client.force_login(user)
    query = {
        "tempat": place,
        **({"tulis": "1"} if write else {}),
        **({"tutup": "1"} if close else {}),
    }
    return client.get(reverse("plan_comment_thread", args=[plan.pk]), query, headers=HTMX)


def page_html(client, user, plan, **query):
    client.force_login(user)
    return client.get(reverse("plan_detail", args=[plan.pk]), query).content.decode()


def comment_data(**kw):
    return {"body": "Target KPI terlalu rendah.", "section": "programmes", **kw}


def toggle(html, key):
    """The text of a place's counter and actions on the page (its <span id=comments-toggle-…>)."""
    found = re.search(rf'id="comments-toggle-{key}"[^>]*>(.*?)</span>', html, re.S)
    assert found, f"no counter for {key}"
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


# --- the plan page: counters, "Komentari" and open threads in place -------------------------


def test_each_section_and_programme_row_shows_its_count_and_komentari_to_the_mentor(
    client, world, submitted, programme
):
    comment_add(plan=submitted, by=world.mentor, body="Visi kabur.", section="vision")
    comment_add(plan=submitted, by=world.mentor, body="KPI?", section="", programme=programme)
    html = page_html(client, world.mentor, submitted)
    assert toggle(html, "section-vision") == "1 komentar · 1 terbuka Komentari"
    assert toggle(html, f"programme-{programme.pk}") == "1 komentar · 1 terbuka Komentari"
    assert toggle(html, "section-readiness") == "Komentari"
    for key in ("strategy", "programmes", "quick_wins", "governance", "general"):
        assert f'id="comments-toggle-section-{key}"' in html
    # Open threads are shown in place, right under their row; the others wait closed.
    row = html.index(f'<tr id="programme-{programme.pk}"')
    assert html.index(f'<tr class="comment-thread-row" id="thread-programme-{programme.pk}">') > row
    assert "KPI?" in html[row:]
    assert 'id="thread-section-readiness" hidden' in html


def test_the_region_sees_counts_and_threads_but_cannot_open_a_comment(
    client, world, submitted, programme
):
    comment_add(plan=submitted, by=world.mentor, body="KPI?", section="", programme=programme)
    html = page_html(client, world.official, submitted)
    assert toggle(html, f"programme-{programme.pk}") == "1 komentar · 1 terbuka"
    assert toggle(html, "section-vision") == ""
    assert "Komentari" not in html and 'name="section"' not in html
    assert reverse("plan_comment_reply", args=[submitted.comments.get().pk]) in html


def test_a_partner_sees_no_review_at_all(client, world, submitted, programme):
    comment_add(plan=submitted, by=world.mentor, body="KPI?", section="", programme=programme)
    html = page_html(client, world.partner, submitted)
    assert "comments-toggle-" not in html and "thread-" not in html
    assert "plan-review-banner" not in html and "KPI?" not in html


def test_the_page_without_javascript_opens_a_places_form_for_the_mentor_only(
    client, world, submitted
):
    html = page_html(client, world.mentor, submitted, tulis="section-strategy")
    assert 'id="comment-body-section-strategy"' in html
    assert 'name="section" value="strategy"' in html
    assert 'id="comment-body-section-strategy"' not in page_html(
        client, world.official, submitted, tulis="section-strategy"
    )


def test_a_mentor_only_note_is_invisible_to_the_region_and_to_partners(client, world, submitted):
    comment_add(
        plan=submitted,
        by=world.mentor,
        body="Catatan rahasia.",
        section="general",
        mentor_only=True,
    )
    comment_add(plan=submitted, by=world.mentor, body="Komentar terbuka.", section="vision")
    seen = {who: page_html(client, getattr(world, who), submitted) for who in world_roles()}
    assert "Catatan rahasia." not in seen["official"] and "Komentar terbuka." in seen["official"]
    assert "Catatan rahasia." not in seen["partner"] and "Komentar terbuka." not in seen["partner"]
    for who in ("mentor", "staff"):
        assert "Catatan rahasia." in seen[who] and "catatan internal mentor" in seen[who]
    assert toggle(seen["official"], "section-general") == ""
    assert toggle(seen["mentor"], "section-general") == "1 komentar · 1 terbuka Komentari"


def world_roles():
    return ("official", "partner", "mentor", "staff")


# --- the banner of a plan in revision -------------------------------------------------------


def test_a_plan_in_revision_opens_with_the_request_and_its_open_comments_in_page_order(
    client, world, submitted, programme
):
    general = comment_add(plan=submitted, by=world.mentor, body="Rapikan.", section="general")
    on_row = comment_add(
        plan=submitted, by=world.mentor, body="Dasar KPI?", section="", programme=programme
    )
    vision = comment_add(
        plan=submitted, by=world.mentor, body="Visi kabur.", section="vision", blocking=True
    )
    done = comment_add(plan=submitted, by=world.mentor, body="Sudah.", section="readiness")
    comment_resolve(comment=done, by=world.mentor)
    comment_add(
        plan=submitted, by=world.mentor, body="Internal.", section="strategy", mentor_only=True
    )
    plan = plan_move(plan=submitted, to=S.REVISION, by=world.mentor, note="Lengkapi dasar KPI.")

    html = page_html(client, world.official, plan)
    banner = html[
        html.index('id="plan-review-banner"') : html.index(
            "</section>", html.index('id="plan-review-banner"')
        )
    ]
    assert "Masterplan perlu direvisi" in banner and "Lengkapi dasar KPI." in banner
    assert "3 komentar terbuka" in banner and "1 wajib diselesaikan sebelum pengesahan" in banner
    # Vision, then the programme's row, then the general comments: the page's order.
    links = re.findall(r'href="#comment-(\d+)"', banner)
    assert links == [str(c.pk) for c in (vision, vision, on_row, general)]
    assert "Sudah." not in banner and "Internal." not in banner
    # Each open comment leads to the next; the last one back to the list.
    assert re.search(rf'id="comment-{vision.pk}".*?href="#comment-{on_row.pk}"', html, re.S)
    assert re.search(rf'id="comment-{on_row.pk}".*?href="#comment-{general.pk}"', html, re.S)
    assert re.search(rf'id="comment-{general.pk}".*?href="#plan-review-banner"', html, re.S)
    # The request is written to the mentor as well.
    assert "Lengkapi dasar KPI." in page_html(client, world.mentor, plan)


def test_a_plan_under_review_lists_open_comments_without_a_revision_request(
    client, world, submitted
):
    comment_add(plan=submitted, by=world.mentor, body="Visi kabur.", section="vision")
    html = page_html(client, world.mentor, submitted)
    assert 'id="plan-review-open"' in html and "Masterplan perlu direvisi" not in html
    approved = approve(plan_move(plan=submitted, to=S.ENDORSED, by=world.mentor), world.staff)
    html = page_html(client, world.staff, approved)
    assert 'id="plan-review-open"' not in html


# --- the thread of one place, opened in place -----------------------------------------------


def test_komentari_opens_the_rows_thread_with_the_form_for_that_programme(
    client, world, submitted, programme
):
    response = thread(client, world.mentor, submitted, f"programme-{programme.pk}", write=True)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith(
        f'<tr class="comment-thread-row" id="thread-programme-{programme.pk}">'
    )
    assert f'name="programme" value="{programme.pk}"' in html and "autofocus" in html
    closed = thread(client, world.mentor, submitted, f"programme-{programme.pk}", close=True)
    assert f'id="thread-programme-{programme.pk}" hidden></tr>' in closed.content.decode()


def test_the_region_opens_a_thread_to_reply_and_gets_no_comment_form(client, world, submitted):
    comment = comment_add(plan=submitted, by=world.mentor, body="Visi kabur.", section="vision")
    html = thread(client, world.official, submitted, "section-vision", write=True).content.decode()
    assert "Visi kabur." in html and 'name="section"' not in html
    assert reverse("plan_comment_reply", args=[comment.pk]) in html
    assert reverse("plan_comment_resolve", args=[comment.pk]) not in html


def test_a_thread_shows_the_region_no_mentor_only_note(client, world, submitted):
    comment_add(
        plan=submitted, by=world.mentor, body="Rahasia.", section="vision", mentor_only=True
    )
    assert (
        "Rahasia."
        not in thread(client, world.official, submitted, "section-vision").content.decode()
    )
    assert "Rahasia." in thread(client, world.staff, submitted, "section-vision").content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("other_official", 404), ("other_mentor", 404), ("partner", 403), ("assessor", 403)],
)
def test_a_thread_is_refused_to_the_wrong_role_and_the_wrong_region(
    client, world, submitted, who, status
):
    comment_add(plan=submitted, by=world.mentor, body="Visi kabur.", section="vision")
    response = thread(client, getattr(world, who), submitted, "section-vision")
    assert response.status_code == status
    assert b"Visi kabur." not in response.content


def test_a_place_that_is_not_on_this_plans_page_is_not_found(client, world, submitted):
    other = full_plan(world, region=world.other_region)
    foreign = other.programmes.first()
    assert thread(client, world.mentor, submitted, "section-nowhere").status_code == 404
    assert thread(client, world.mentor, submitted, f"programme-{foreign.pk}").status_code == 404


# --- adding, replying and resolving in place ------------------------------------------------


def test_a_mentor_comments_on_a_row_in_place_and_its_counter_and_the_banner_follow(
    client, world, submitted, programme
):
    data = comment_data(programme=programme.pk, blocking="1")
    response = post(client, world.mentor, "plan_comment_add", pk=submitted.pk, data=data, htmx=True)
    comment = ReviewComment.objects.get()
    assert (comment.programme, comment.blocking, comment.mentor_only) == (programme, True, False)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith(
        f'<tr class="comment-thread-row" id="thread-programme-{programme.pk}">'
    )
    assert f'id="comment-{comment.pk}"' in html and "Target KPI terlalu rendah." in html
    # Out of band: the row's counter, the banner and the message.
    assert toggle(html, f"programme-{programme.pk}") == "1 komentar · 1 terbuka Komentari"
    assert (
        'id="plan-review-banner" aria-label="Komentar reviu yang terbuka" hx-swap-oob="true"'
        in html
    )
    assert "1 wajib diselesaikan sebelum pengesahan" in html
    assert 'id="messages" aria-live="polite" hx-swap-oob="true"' in html
    assert "Komentar ditambahkan." in html


def test_a_comment_without_javascript_comes_back_to_the_plan_at_the_comment(
    client, world, submitted
):
    response = post(
        client,
        world.mentor,
        "plan_comment_add",
        pk=submitted.pk,
        data=comment_data(section="vision"),
    )
    comment = ReviewComment.objects.get()
    assert response.status_code == 302
    assert response.url == submitted.get_absolute_url() + f"#comment-{comment.pk}"
    assert comment.section == "vision"


def test_a_refused_comment_comes_back_in_its_thread_with_what_was_typed(client, world, submitted):
    data = comment_data(section="vision", body="   ", blocking="1", mentor_only="1")
    response = post(client, world.mentor, "plan_comment_add", pk=submitted.pk, data=data, htmx=True)
    html = response.content.decode()
    assert html.lstrip().startswith('<div class="comment-thread-slot" id="thread-section-vision">')
    assert "Komentar tidak boleh kosong." in html and 'role="alert"' in html
    assert 'id="comment-blocking-section-vision" name="blocking" value="1" checked' in html
    assert 'id="comment-mentor-only-section-vision" name="mentor_only" value="1" checked' in html
    assert not ReviewComment.objects.exists()


def test_a_comment_on_another_plans_programme_is_refused(client, world, submitted):
    foreign = full_plan(world, region=world.other_region).programmes.first()
    data = comment_data(programme=foreign.pk)
    response = post(client, world.mentor, "plan_comment_add", pk=submitted.pk, data=data, htmx=True)
    assert "Program itu bukan bagian dari masterplan ini." in response.content.decode()
    assert not ReviewComment.objects.exists()


def test_a_forged_section_is_refused_with_a_message_and_nothing_swapped(client, world, submitted):
    data = comment_data(section="budget")
    response = post(client, world.mentor, "plan_comment_add", pk=submitted.pk, data=data, htmx=True)
    assert response["HX-Reswap"] == "none"
    assert "Pilih bagian masterplan yang dikomentari." in response.content.decode()
    assert not ReviewComment.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("official", 403), ("partner", 403), ("other_official", 403), ("other_mentor", 404)],
)
def test_only_the_plans_reviewers_open_a_comment(client, world, submitted, who, status):
    response = post(
        client,
        getattr(world, who),
        "plan_comment_add",
        pk=submitted.pk,
        data=comment_data(),
        htmx=True,
    )
    assert response.status_code == status
    assert not ReviewComment.objects.exists()


def test_the_region_replies_in_place(client, world, submitted):
    comment = comment_add(plan=submitted, by=world.mentor, body="KPI?", section="vision")
    response = post(
        client,
        world.official,
        "plan_comment_reply",
        comment_id=comment.pk,
        data={"body": "Sudah diperbaiki."},
        htmx=True,
    )
    html = response.content.decode()
    assert comment.replies.get().author == world.official
    assert html.lstrip().startswith('<div class="comment-thread-slot" id="thread-section-vision">')
    assert "Sudah diperbaiki." in html and "Balasan terkirim." in html


def test_an_empty_reply_is_refused_in_its_thread(client, world, submitted):
    comment = comment_add(plan=submitted, by=world.mentor, body="KPI?", section="vision")
    response = post(
        client,
        world.official,
        "plan_comment_reply",
        comment_id=comment.pk,
        data={"body": " "},
        htmx=True,
    )
    assert "Komentar tidak boleh kosong." in response.content.decode()
    assert not comment.replies.exists()


@pytest.mark.parametrize(("who", "status"), [("other_official", 404), ("partner", 403)])
def test_the_wrong_region_and_partners_cannot_reply(client, world, submitted, who, status):
    comment = comment_add(plan=submitted, by=world.mentor, body="KPI?", section="vision")
    response = post(
        client, getattr(world, who), "plan_comment_reply", comment_id=comment.pk, data={"body": "?"}
    )
    assert response.status_code == status
    assert not comment.replies.exists()


def test_an_official_cannot_reach_a_mentor_only_note(client, world, submitted):
    note = comment_add(
        plan=submitted, by=world.mentor, body="Internal.", section="general", mentor_only=True
    )
    response = post(
        client, world.official, "plan_comment_reply", comment_id=note.pk, data={"body": "?"}
    )
    assert response.status_code == 404
    assert not note.replies.exists()


def test_the_mentor_resolves_and_reopens_in_place(client, world, submitted, programme):
    comment = comment_add(
        plan=submitted, by=world.mentor, body="KPI?", section="", programme=programme
    )
    key = f"programme-{programme.pk}"
    response = post(client, world.mentor, "plan_comment_resolve", comment_id=comment.pk, htmx=True)
    html = response.content.decode()
    assert ReviewComment.objects.get(pk=comment.pk).status == "resolved"
    assert html.lstrip().startswith(f'<tr class="comment-thread-row" id="thread-{key}">')
    assert "Buka kembali" in html and "Komentar diselesaikan." in html
    assert toggle(html, key) == "1 komentar Komentari"
    response = post(client, world.staff, "plan_comment_reopen", comment_id=comment.pk, htmx=True)
    assert ReviewComment.objects.get(pk=comment.pk).status == "open"
    assert "Selesaikan" in response.content.decode()
    assert "Komentar dibuka kembali." in response.content.decode()


def test_resolving_twice_says_so_in_the_thread(client, world, submitted):
    comment = comment_add(plan=submitted, by=world.mentor, body="KPI?", section="vision")
    comment_resolve(comment=comment, by=world.mentor)
    response = post(client, world.mentor, "plan_comment_resolve", comment_id=comment.pk, htmx=True)
    assert "Komentar ini sudah diselesaikan." in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"), [("official", 403), ("partner", 403), ("other_mentor", 404)]
)
def test_only_the_plans_reviewers_resolve(client, world, submitted, who, status):
    comment = comment_add(plan=submitted, by=world.mentor, body="KPI?", section="vision")
    for name in ("plan_comment_resolve", "plan_comment_reopen"):
        assert post(client, getattr(world, who), name, comment_id=comment.pk).status_code == status
    assert ReviewComment.objects.get(pk=comment.pk).status == "open"


# --- what it costs --------------------------------------------------------------------------


def many_comments(world, plan, n):
    """`n` comments on programmes and sections, each answered by the region, half resolved."""
    programmes = list(plan.programmes.order_by("pk"))
    sections = ["vision", "readiness", "strategy", "quick_wins", "governance", "general"]
    for i in range(n):
        if i % 2:
            comment = comment_add(
                plan=plan,
                by=world.mentor,
                body=f"K{i}",
                section="",
                programme=programmes[i % len(programmes)],
            )
        else:
            comment = comment_add(plan=plan, by=world.mentor, body=f"K{i}", section=sections[i % 6])
        comment_reply(parent=comment, by=world.official, body=f"B{i}")
        if i % 4 == 0:
            comment_resolve(comment=comment, by=world.mentor)


@pytest.mark.parametrize(("per_dimension", "comments"), [(1, 2), (8, 40)])
def test_the_plan_page_costs_the_same_for_any_number_of_comments_and_programmes(
    client, world, django_assert_num_queries, per_dimension, comments
):
    plan = full_plan(world, programmes_per_dimension=per_dimension)
    plan = plan_submit(plan=plan, by=world.official)
    many_comments(world, plan, comments)
    plan = plan_move(plan=plan, to=S.REVISION, by=world.mentor, note="Perbaiki.")
    client.force_login(world.official)
    with django_assert_num_queries(16):
        # 1 session, 2 user, 3 the plan (access.plan_for_user), 4 its versions,
        # plan_snapshot: 5 dimensions, 6 programme types, 7 strategies, 8 programmes, 9 budgets,
        # 10 smart-city bodies (none here, so no members), 11 every comment the official may
        # read (threads, counters and the banner are all sorted from it), 12 the plan's history
        # (the revision request with it), 13 the mentors' endorsements in that history, 14 the
        # latest version and 15 its PDF (the PDF slot), 16 the working copy's latest draft
        # preview.
        response = client.get(plan.get_absolute_url())
    open_comments = comments - len(range(0, comments, 4))  # many_comments resolves every 4th
    assert f"{open_comments} komentar terbuka" in response.content.decode()
    client.force_login(world.mentor)
    with django_assert_num_queries(22):
        # The same 16, and the mentor's active assignment, asked by access.is_reviewer for the
        # page and for the comments (2), by may_comment, may_reply and may_resolve (3) and by
        # access.may_preview_pdf for the draft preview (1).
        client.get(plan.get_absolute_url())


@pytest.mark.parametrize("comments", [2, 30])
def test_a_thread_costs_the_same_however_many_comments_the_plan_has(
    client, world, submitted, django_assert_num_queries, comments
):
    many_comments(world, submitted, comments)
    client.force_login(world.official)
    url = reverse("plan_comment_thread", args=[submitted.pk])
    with django_assert_num_queries(6):
        # 1 session, 2 user, 3 the plan, 4 its programmes (the page's order), 5 every comment
        # the official may read, 6 the versions (a comment's version number).
        client.get(url, {"tempat": "section-vision"}, headers=HTMX)


def test_a_new_programme_row_comes_with_its_comment_counter_and_thread(client, world):
    plan = full_plan(world)
    programme = add_programme(plan, name="Program tambahan")
    html = page_html(client, world.official, plan)
    assert f'id="comments-toggle-programme-{programme.pk}"' in html
    assert f'id="thread-programme-{programme.pk}" hidden' in html


def test_comments_on_a_deleted_programme_stay_with_the_programmes_section(
    client, world, submitted, programme
):
    comment_add(
        plan=submitted, by=world.mentor, body="Hapus saja.", section="", programme=programme
    )
    plan = plan_move(plan=submitted, to=S.REVISION, by=world.mentor, note="Hapus program.")
    client.force_login(world.official)
    response = client.post(reverse("programme_delete", args=[plan.pk, programme.pk]), headers=HTMX)
    # The deleted row's thread goes, and the programmes section counts the comment now.
    html = response.content.decode()
    assert f'<tr id="thread-programme-{programme.pk}" hx-swap-oob="delete">' in html
    assert toggle(html, "section-programmes") == "1 komentar · 1 terbuka"
    html = page_html(client, world.official, plan)
    section = html[html.index('id="thread-section-programmes"') :]
    assert f"Program “{programme.name}” (telah dihapus)" in section and "Hapus saja." in section
