from .views import mentoring, mou, regional

urlpatterns = [
    *mou.urlpatterns,
    *mentoring.urlpatterns,
    *regional.urlpatterns,
]
