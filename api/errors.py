"""Every error the API returns has one shape: ``detail`` and ``code``, and ``fields`` when the input
was wrong, field by field (the same messages the pages show next to a field), in the client's language.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.views import exception_handler


class Conflict(APIException):
    """The item is not at the step the request needs (or someone else got there first)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class LockedOut(APIException):
    """Too many failed logins for the account or the address (django-axes, as on the login page)."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"

    def __init__(self, detail=None, code=None, wait: int | None = None):
        super().__init__(detail, code)
        self.wait = wait  # REST framework's handler turns it into Retry-After


class SecondFactorRefused(APIException):
    """The account gives a second factor and the request's ``otp`` is missing or not its current code."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "otp_invalid"


class FileTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "file_too_large"


def handler(exc, context):
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, Http404):
        # Django's message names the model in English ("No ResponsibilityItem matches the given
        # query."); an object one may not see and one that does not exist read the same.
        response.data = {"detail": _("未找到该对象，或您无权查看。"), "code": "not_found"}
    elif isinstance(exc, ValidationError):
        detail = _("提交的内容有误，请按各字段的提示修改。")
        response.data = {"detail": detail, "code": "invalid", "fields": fields_of(exc.detail)}
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else response.data
        response.data = {"detail": str(detail), "code": getattr(detail, "code", "error")}
    return response


def fields_of(detail) -> dict:
    """Field errors by field name; an error about the whole input under ``non_field_errors``."""
    if isinstance(detail, dict):
        return detail
    return {"non_field_errors": detail if isinstance(detail, list) else [detail]}


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in the client's language (zh-hans by default).")
    code = serializers.CharField(help_text="A stable code, e.g. not_found, permission_denied, conflict.")


class ValidationErrorSerializer(ErrorSerializer):
    fields = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text="Messages by field name: a list of strings, or for indicator_values an object of lists "
        "by indicator id; errors about the whole input under non_field_errors. Absent when the body could "
        "not be read at all (malformed JSON or multipart).",
    )


ERRORS = {
    400: OpenApiResponse(ValidationErrorSerializer, description="The input is invalid; see `fields`."),
    401: OpenApiResponse(ErrorSerializer, description="Not logged in: no or a wrong token or session."),
    403: OpenApiResponse(ErrorSerializer, description="You may see the item but not take this action."),
    404: OpenApiResponse(ErrorSerializer, description="No such object, or not one you may see."),
    409: OpenApiResponse(ErrorSerializer, description="The item is not at a step where this can be done now."),
    413: OpenApiResponse(ErrorSerializer, description="A file is larger than the evidence size limit."),
    429: OpenApiResponse(ErrorSerializer, description="Too many attempts: wait the seconds `Retry-After` says."),
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: ERRORS[code] for code in codes}
