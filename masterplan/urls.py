from .views import authoring, followup, pdf, plan, workflow

urlpatterns = [
    *plan.urlpatterns,
    *authoring.urlpatterns,
    *workflow.urlpatterns,
    *followup.urlpatterns,
    *pdf.urlpatterns,
]
