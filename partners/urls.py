from .views import mentoring, mou

urlpatterns = [*mou.urlpatterns, *mentoring.urlpatterns]
