from .views import industry, mentoring, mou, regional

urlpatterns = [
    *mou.urlpatterns,
    *mentoring.urlpatterns,
    *regional.urlpatterns,
    *industry.urlpatterns,
]
