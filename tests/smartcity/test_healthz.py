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
    assert "127.0.0.1" not in body["broker"] and ":1" not in body["broker"]  # public: no hosts
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


def _healthcheck_script():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "healthcheck.py"
    spec = importlib.util.spec_from_file_location("healthcheck", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_container_health_check_gets_past_the_production_host_check(
    live_server, settings, monkeypatch
):
    healthcheck = _healthcheck_script()
    settings.ALLOWED_HOSTS = ["smartcity.example.go.id"]
    url = live_server.url + reverse("healthz")

    monkeypatch.setenv("ALLOWED_HOSTS", "smartcity.example.go.id,www.example.go.id")
    assert healthcheck.main(url) == 0
    monkeypatch.setenv("ALLOWED_HOSTS", "elsewhere.example")  # a host Django refuses: 400
    assert healthcheck.main(url) == 1


def test_the_health_check_names_a_host_the_portal_accepts():
    probe_host = _healthcheck_script().probe_host

    assert probe_host("smartcity.example.go.id, b.example") == "smartcity.example.go.id"
    assert probe_host(".example.go.id") == "example.go.id"
    assert probe_host("*") == probe_host("") == "localhost"
