"""REST framework's JSON parser with a nesting limit (config.safejson): deep input is a 400, not a 500."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from config import safejson


class SafeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding) if stream is not None else ""
            return safejson.loads(text, parse_constant=_refuse_constant)
        except safejson.TooDeep as exc:
            raise ParseError(_("JSON 嵌套层数超过 %(n)d 层。") % {"n": safejson.MAX_DEPTH}) from exc
        except (ValueError, UnicodeDecodeError) as exc:
            raise ParseError(_("JSON 格式有误：%(error)s") % {"error": exc}) from exc


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")
