from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

from .datasets import DATASETS, FILTERS


def data_dictionary(request):
    """The human side of the open data: every dataset, its address, filters and fields."""
    datasets = [
        {
            "dataset": dataset,
            "url": reverse(dataset.url_name),
            "filters": [(name, FILTERS[name]) for name in dataset.filters],
        }
        for dataset in DATASETS.values()
    ]
    return render(
        request,
        "opendata/dictionary.html",
        {
            "datasets": datasets,
            "catalog_url": reverse("api_catalog"),
            "license_id": settings.OPEN_DATA_LICENSE,
            "license_url": settings.OPEN_DATA_LICENSE_URL,
            "throttle_rate": settings.OPEN_DATA_THROTTLE_RATE,
        },
    )
