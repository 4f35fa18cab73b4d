from django.conf import settings
from django.http import Http404
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.views.defaults import page_not_found


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Chinese unless the user chose otherwise (the language switch sets a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an office PC with an
    English browser would get English screens nobody asked for.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class OwnNotFoundPageMiddleware:
    """Our 404 page with DEBUG on too (the demo runs so): Django's debug 404 is an English page that
    lists the whole URL map. Off DEBUG Django already renders templates/404.html; the API's 404s are
    its own JSON and pass untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # A path no URL matched: Django answered with its debug page before any view ran.
        if settings.DEBUG and response.status_code == 404 and getattr(request, "resolver_match", None) is None:
            return page_not_found(request, Http404())
        return response

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404) and not request.path.startswith("/api/"):
            return page_not_found(request, exception)
        return None
