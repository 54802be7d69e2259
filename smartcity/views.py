"""The foundation's one page: /healthz."""

from django.core.cache import cache
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import service_states
from .tasks import HEARTBEAT_KEY


@never_cache
@require_GET
def healthz(request):
    """JSON with the state of each dependency: 200 when none is down, else 503.

    "database", "cache", "broker", "storage" and "worker" are each "ok" or "error: <kind>";
    "worker" is "not seen yet" before beat's first heartbeat, which does not count as down.
    """
    healthy, states = service_states()
    heartbeat = cache.get(HEARTBEAT_KEY) if states["cache"] == "ok" else None
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            **states,
            "worker_last_seen": heartbeat["at"] if heartbeat else None,
        },
        status=200 if healthy else 503,
    )
