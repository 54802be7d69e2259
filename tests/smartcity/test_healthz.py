import json

from django.urls import reverse


def test_healthz_reports_every_service_up(client, db):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert (body["database"], body["cache"], body["broker"]) == ("ok", "ok", "ok")


def test_healthz_reports_a_stopped_broker_as_503(client, db, monkeypatch):
    from smartcity.celery import app

    # Nothing listens on port 1: the broker is as good as stopped.
    monkeypatch.setitem(app.conf, "broker_write_url", "redis://127.0.0.1:1/0")

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "error"
    assert body["broker"].startswith("error")
    assert body["database"] == "ok"


def test_healthz_reports_a_stopped_cache_as_503(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    # Django's test signals reset the cache handler when CACHES changes.
    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert json.loads(response.content)["cache"].startswith("error")
