"""The JSON API at /api/v1/ (django-ninja); OpenAPI docs at /api/v1/docs."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Samverkansportalen API",
    version="1",
    urls_namespace="api-v1",
    docs_url="/docs",
)
