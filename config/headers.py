"""Security headers on every response: CSP, Permissions-Policy, and no caching of what a login shows.

The pages load scripts and styles from our own static files only (no inline script: the language
switch and the print button are wired in static/js/confirm.js), so ``script-src 'self'`` holds.
Inline style *attributes* stay allowed (``style-src-attr``): the result bars' widths are data.
"""

from __future__ import annotations

from django.conf import settings

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()" for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial", "midi")
)


def content_security_policy() -> str:
    directives = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "style-src-attr": "'unsafe-inline'",
        "img-src": "'self' data:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = content_security_policy()
        self.csp_header = (
            "Content-Security-Policy-Report-Only" if settings.CSP_REPORT_ONLY else "Content-Security-Policy"
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault(self.csp_header, self.csp)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # A page or a download a login showed must not stay in a shared PC's cache or a proxy's.
            response.headers["Cache-Control"] = "no-store"
        return response
