"""The API speaks the language its client asks for.

Pages stay Chinese unless the user picked English in the header (config.middleware). An API client
is a program: it says what it wants in Accept-Language, so the API honours that header after the
header's language cookie, and answers in Chinese when neither names a language we speak.
"""

from django.utils import translation


class ClientLanguageMixin:
    """Activates the client's language before authentication, so that every error is in it."""

    def initial(self, request, *args, **kwargs):
        language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        super().initial(request, *args, **kwargs)
