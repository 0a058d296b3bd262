"""The JSON API at /api/v1/ (django-ninja); OpenAPI docs at /api/v1/docs."""

from ninja import NinjaAPI

from directory.api import router as directory_router
from search.api import router as search_router

api = NinjaAPI(
    title="Samverkansportalen API",
    version="1",
    urls_namespace="api-v1",
    docs_url="/docs",
)

api.add_router("/", search_router)
api.add_router("/", directory_router)
