"""The plan page: one page per plan that every role with access reads, each seeing their part."""

from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from smartcity.access import role_required
from smartcity.models import User

from ..access import plan_for_user
from ..selectors import plan_page

plan_readers = role_required(
    User.Role.STAFF, User.Role.OFFICIAL, User.Role.MENTOR, User.Role.PARTNER
)


@require_GET
@plan_readers
def plan_detail(request, pk):
    plan = plan_for_user(request.user, pk)
    page = plan_page(request.user, plan)
    if page.review is not None and "tulis" in request.GET:
        # "Komentari" without JavaScript: the page opens with that place's new-comment form.
        page.review.show(request.GET["tulis"], composing=True)
    return render(request, "masterplan/plan.html", {"page": page})


urlpatterns = [
    path("<int:pk>/", plan_detail, name="plan_detail"),
]
