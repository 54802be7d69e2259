from .views import proposal, questionnaire, results, scoring

urlpatterns = [
    *questionnaire.urlpatterns,
    *scoring.urlpatterns,
    *results.urlpatterns,
    *proposal.urlpatterns,
]
