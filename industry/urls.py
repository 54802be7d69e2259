from .views import inputs, solutions

urlpatterns = [*solutions.urlpatterns, *inputs.urlpatterns]
