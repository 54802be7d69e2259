from .views import plan

urlpatterns = [
    *plan.urlpatterns,
]
