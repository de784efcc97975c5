"""The public JSON API, version 1: /api/v1/, its OpenAPI document at /api/v1/schema/, docs at /api/v1/docs/.

django-ninja builds the OpenAPI 3 document from the typed operations and the pydantic schemas
in api/schemas.py. The operations are thin: they call the owning app's selectors and services,
the same ones the site's views call, so a rule exists once.
"""

from __future__ import annotations

from csp.decorators import csp_update
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from api import errors
from api.errors import PROBLEM_CONTENT_TYPE
from api.routes import cart, challenges, checkout, designs, live, makers, me, search, shop
from api.throttling import ApiThrottle

DESCRIPTION = """
The catalogue and the core actions of Commonmade for apps and partner shops.

**Authentication.** Reads are public. Writes need a member: either the site's login session
(send the `X-CSRFToken` header with the value of the `csrftoken` cookie) or a personal access
token, made and revoked on the account page, sent as `Authorization: Bearer <token>`.

**Errors** are RFC 9457 problem details (`application/problem+json`): `status`, `title`,
`detail` (for people, in the language of `Accept-Language`) and `errors` per field.

**Lists** are paged with a cursor: follow the `next` link; `limit` is 1 to 100.
**Details** carry an `ETag`; send it back as `If-None-Match` to get `304 Not Modified`.
**Rate limits**: a request budget per minute per member (or per address for visitors),
and the site's own limits on votes, comments and flags; both answer `429` with `Retry-After`.
"""


class CommonmadeAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        # Errors are answered as application/problem+json: say so in the document.
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content")
                    if str(status).startswith(("4", "5")) and content and "application/json" in content:
                        response["content"] = {PROBLEM_CONTENT_TYPE: content["application/json"]}
        return schema


api = CommonmadeAPI(
    title="Commonmade API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    openapi_url="/schema/",
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs/",
    # Swagger UI (served from our static files) sets style attributes: allowed on the docs page only.
    docs_decorator=csp_update({"style-src": ["'unsafe-inline'"]}),
    throttle=[ApiThrottle()],
)
errors.install(api)

for module in (designs, challenges, makers, shop, cart, checkout, live, search, me):
    api.add_router("", module.router)
