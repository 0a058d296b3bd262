"""Site-wide request handling."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse


class LoginRequiredByDefaultMiddleware:
    """Require a signed-in user everywhere except the configured public paths."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated or self._is_public(request.path):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": "Authentication required"}, status=401)
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)

    @staticmethod
    def _is_public(path: str) -> bool:
        return any(path.startswith(prefix) for prefix in settings.PUBLIC_PATHS)
