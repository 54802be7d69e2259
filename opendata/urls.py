from django.urls import path

from . import api, views
from .datasets import DATASETS

# Stable paths (README, "Open data"): never rename one; add a /api/v2/ instead.
api_patterns = [
    path(f"{dataset.key}/", api.dataset_view(dataset.key), name=dataset.url_name)
    for dataset in DATASETS.values()
] + [path("catalog.jsonld", api.CatalogView.as_view(), name="api_catalog")]

page_patterns = [path("", views.data_dictionary, name="data_dictionary")]
