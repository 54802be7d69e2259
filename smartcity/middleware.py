"""Request-wide rules of the foundation."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Tell browsers the portal uses no camera, microphone, location, payment or USB, so an
    injected script or frame cannot ask for them either."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
