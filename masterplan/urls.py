from .views import authoring, followup, pdf, plan, review, workflow

urlpatterns = [
    *plan.urlpatterns,
    *authoring.urlpatterns,
    *workflow.urlpatterns,
    *review.urlpatterns,
    *followup.urlpatterns,
    *pdf.urlpatterns,
]
