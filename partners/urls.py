from .views import industry, inputs, mentoring, mou, regional

urlpatterns = [
    *mou.urlpatterns,
    *mentoring.urlpatterns,
    *regional.urlpatterns,
    *industry.urlpatterns,
    *inputs.urlpatterns,
]
