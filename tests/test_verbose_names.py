"""Every label the admin shows is written in Bahasa Indonesia, with its English translation.

Django makes a label from the attribute name when none is given ("submitted at", "Seat",
"Reopened reason" in English on an Indonesian admin, as a tester found). These tests walk every
app, model and field of the project and every column and action of its admin, and fail on a
label Django made up: a new field must be named, in Indonesian, with `gettext_lazy`, and the
English catalogue (locale/en/LC_MESSAGES/django.po) must carry its translation.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.contrib.auth.models import AbstractUser
from django.test import RequestFactory
from django.utils.functional import Promise
from django.utils.translation import trans_real

from tests.test_layers import layers

OURS = set(layers())
# Fields our User inherits from Django: named (in English, translated) by Django itself.
DJANGO_USER_FIELDS = {field.name for field in AbstractUser._meta.get_fields()}


def our_models():
    """The project's own models; simple_history's copies (`HistoricalPlan`…) repeat their
    model's fields, and the library names the ones it adds."""
    for model in apps.get_models():
        if model._meta.app_label in OURS and not hasattr(model, "instance_type"):
            yield model


def our_fields():
    for model in our_models():
        for field in model._meta.get_fields(include_hidden=True):
            if field.auto_created or not (field.concrete or field.many_to_many):
                continue  # the primary key, reverse relations
            if model is apps.get_model("smartcity", "User") and field.name in DJANGO_USER_FIELDS:
                continue
            yield model, field


def english_catalogue() -> dict:
    return trans_real.translation("en")._catalog


def msgid(text: Promise) -> str:
    """The catalogue key of a lazy text (pgettext_lazy's carry their context)."""
    return "\x04".join(str(arg) for arg in text._args)


def untranslated(texts) -> list[str]:
    catalogue = english_catalogue()
    return sorted({msgid(text) for text in texts if msgid(text) not in catalogue})


def test_every_app_is_named_in_indonesian():
    unnamed = [
        label for label in OURS if not isinstance(apps.get_app_config(label).verbose_name, Promise)
    ]
    assert not unnamed, f"AppConfig.verbose_name missing or not gettext_lazy: {unnamed}"


def test_every_model_is_named_in_indonesian_singular_and_plural():
    unnamed = [
        f"{model._meta.label}.{attr}"
        for model in our_models()
        for attr in ("verbose_name", "verbose_name_plural")
        # Django's default ("score", "scores") is made when Meta does not say it.
        if not isinstance(model._meta.original_attrs.get(attr), Promise)
    ]
    assert not unnamed, f"Meta without a gettext_lazy name: {unnamed}"


def test_every_field_is_named_in_indonesian():
    # `_verbose_name` is what the field was given; `verbose_name` is filled from the attribute
    # name when nothing was ("submitted at").
    unnamed = [
        f"{model._meta.label}.{field.name}"
        for model, field in our_fields()
        if not isinstance(field._verbose_name, Promise)
    ]
    assert not unnamed, f"Fields without a gettext_lazy verbose_name: {unnamed}"


def test_every_label_help_text_and_choice_has_an_english_translation():
    texts = [apps.get_app_config(label).verbose_name for label in OURS]
    for model in our_models():
        texts += [model._meta.verbose_name, model._meta.verbose_name_plural]
    for _model, field in our_fields():
        texts.append(field._verbose_name)
        if isinstance(field.help_text, Promise):
            texts.append(field.help_text)
        texts += [label for _value, label in field.flatchoices if isinstance(label, Promise)]
    missing = untranslated(texts)
    assert not missing, f"Add to locale/en/LC_MESSAGES/django.po: {missing}"


def test_a_field_without_a_name_is_found():
    """The check above cannot pass by accident: an unnamed field has no `_verbose_name`."""
    from django.db import models

    assert models.DateTimeField()._verbose_name is None


def admin_columns_and_actions():
    request = RequestFactory().get("/admin/")
    request.user = None
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in OURS:
            continue
        for name in model_admin.list_display:
            yield model, model_admin, "column", name
        for action in model_admin.actions or ():
            yield model, model_admin, "action", action


@pytest.mark.parametrize(
    ("model", "model_admin", "kind", "name"),
    [
        pytest.param(*item, id=f"{item[0]._meta.label}-{item[2]}-{item[3]}")
        for item in admin_columns_and_actions()
    ],
)
def test_every_admin_column_and_action_is_named(model, model_admin, kind, name):
    if kind == "column":
        label, attr = label_for_field(name, model, model_admin, return_attr=True)
        if attr is None:
            return  # a model field: named by the field tests above
        # A method or property: Django would title-case its name ("Get full name").
        described = getattr(attr, "short_description", None) or getattr(
            getattr(attr, "fget", None), "short_description", None
        )
        assert isinstance(described, Promise), f"{name}: use @admin.display(description=_(…))"
    else:
        func = getattr(model_admin, name) if isinstance(name, str) else name
        assert isinstance(getattr(func, "short_description", None), Promise), (
            f"{name}: use @admin.action(description=_(…))"
        )
