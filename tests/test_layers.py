"""The apps depend on each other one way, along the programme's stages (README, "Architecture").

`lint-imports` (run by `make test`, configured in pyproject.toml) checks every import, at module
level or inside a function. What it cannot see is a model named by string in a relation
(`ForeignKey("masterplan.Plan")`): this test checks those against the same order of layers.
"""

import tomllib
from pathlib import Path

import pytest
from django.apps import apps

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def layers() -> list[str]:
    """The apps from the top layer down, as the import-linter contract lists them."""
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["type"] == "layers"]
    return contract["layers"]


def relations():
    """(model, field, related model) for every relation of the project's own models."""
    ours = set(layers())
    for model in apps.get_models(include_auto_created=False):
        if model._meta.app_label not in ours:
            continue
        for field in model._meta.get_fields(include_hidden=False):
            if field.is_relation and field.concrete and field.related_model is not None:
                yield model, field, field.related_model


def test_every_project_app_is_in_a_layer():
    root = PYPROJECT.parent
    ours = {config.label for config in apps.get_app_configs() if Path(config.path).parent == root}
    assert ours == set(layers())


def points_up(from_app: str, to_app: str) -> bool:
    """Whether a relation from one app to another runs up the layers. Django's own apps and
    the libraries' (auth, contenttypes, simple_history) sit below every layer."""
    rank = {label: depth for depth, label in enumerate(layers())}  # 0 is the top
    return to_app in rank and rank[to_app] < rank[from_app]


def test_points_up_tells_up_from_down():
    assert points_up("candidates", "masterplan")
    assert points_up("smartcity", "portal")
    assert not points_up("masterplan", "candidates")
    assert not points_up("masterplan", "masterplan")
    assert not points_up("smartcity", "auth")


@pytest.mark.parametrize(
    "model, field, related", list(relations()), ids=lambda x: getattr(x, "__name__", str(x))
)
def test_a_relation_points_to_the_same_app_or_one_below(model, field, related):
    assert not points_up(model._meta.app_label, related._meta.app_label), (
        f"{model._meta.label}.{field.name} points up to {related._meta.label}"
    )
