"""The OpenAPI document's own additions: the ``Idempotency-Key`` header that every POST honours
(api/idempotency.py), declared once here rather than on each view."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from .idempotency import HEADER, REPLAYED

IDEMPOTENCY_KEY = OpenApiParameter(
    name=HEADER,
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=f"Optional, 1–255 printable characters chosen by the client (a UUID per action). A repeat of "
    f"the POST with the same key by the same account, within API_IDEMPOTENCY_SECONDS (a day by default), has "
    f"no second effect and gets the first success's answer again, marked with the response header `{REPLAYED}: "
    f"true`. A failure is not remembered: retry with the same key. A key already used on another path is a 400. "
    f"Without a login (POST /api/token/) the key is ignored.",
)


class AutoSchema(SpectacularAutoSchema):
    def get_override_parameters(self) -> list:
        parameters = super().get_override_parameters()
        if self.method == "POST":
            return [*parameters, IDEMPOTENCY_KEY]
        return parameters
