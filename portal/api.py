"""The JSON API at /api/v1/ (django-ninja); OpenAPI docs at /api/v1/docs.

Callers authenticate with a personal bearer token or the browser session; every operation
documents its 401 and 422 answers.
"""

from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError

from directory.api import router as directory_router
from portal.accounts.api_auth import (
    AUTHENTICATION,
    machine_client_urls,
    require_caller,
    unauthorized,
)
from search.api import router as search_router


class Problem(Schema):
    detail: str


class ValidationIssue(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationProblem(Schema):
    detail: list[ValidationIssue] | str


DOCUMENTED_ERRORS = {
    401: ("Problem", "No usable token or session; see the WWW-Authenticate header."),
    422: ("ValidationProblem", "A parameter is missing, malformed or out of range."),
}
CHALLENGE_HEADER = {
    "WWW-Authenticate": {
        "description": 'Bearer realm="api", with error="invalid_token" when a token was refused.',
        "schema": {"type": "string"},
    }
}


class PortalAPI(NinjaAPI):
    """NinjaAPI whose schema documents the errors every operation can answer."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in (Problem, ValidationProblem):
            definition = model.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(definition.pop("$defs", {}))
            components[model.__name__] = definition
        for item in schema["paths"].values():
            for operation in item.values():
                for status, (name, description) in DOCUMENTED_ERRORS.items():
                    response = {
                        "description": description,
                        "content": {
                            "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}
                        },
                    }
                    if status == 401:
                        response["headers"] = CHALLENGE_HEADER
                    operation["responses"].setdefault(status, response)
        return schema


api = PortalAPI(
    title="Samverkansportalen API",
    version="1",
    urls_namespace="api-v1",
    docs_url="/docs",
    docs_decorator=require_caller,
    auth=AUTHENTICATION,
)
api.add_exception_handler(AuthenticationError, lambda request, exc: unauthorized(exc))
api.add_router("/", search_router)
api.add_router("/", directory_router)

urls = machine_client_urls(api.urls, keep=frozenset({"api-root"}))
