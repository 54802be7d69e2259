from .views import questionnaire, results, scoring

urlpatterns = [*questionnaire.urlpatterns, *scoring.urlpatterns, *results.urlpatterns]
