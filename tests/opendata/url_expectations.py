"""What each role gets from the open data URLs (see tests/urlmatrix.py): everything is public,
the same answer for every role, signed in or not."""

from opendata.datasets import DATASETS
from tests.urlmatrix import OK, everyone

EXPECTATIONS = {
    **{dataset.url_name: everyone(OK) for dataset in DATASETS.values()},
    "api_catalog": everyone(OK),
    "data_dictionary": everyone(OK),
}


def url_kwargs(name, world):
    return {} if name in EXPECTATIONS else None
