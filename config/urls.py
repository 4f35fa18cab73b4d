from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path

from accounts import lockouts, second_factor
from config.health import healthz
from config.passwords import PasswordChangeView
from responsibility.views import access_log, access_log_export


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: send them to the icon the pages link."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon),
    path("healthz", healthz, name="healthz"),
    path("login/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", PasswordChangeView.as_view(), name="password_change"),
    path("login/second-factor/", second_factor.verify, name="second_factor_verify"),
    path("password/second-factor/", second_factor.setup, name="second_factor_setup"),
    path("lockouts/", lockouts.lockout_list, name="lockouts"),
    path("lockouts/unlock/", lockouts.unlock, name="unlock"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("access-log/", access_log, name="access_log"),
    path("access-log/export/", access_log_export, name="access_log_export"),
    path("plans/", include("responsibility.urls")),
    path("exports/", include("responsibility.exports.views")),
    path("assessment/", include("assessment.urls")),
    path("api/", include("api.urls")),
    path("", include("workflow.urls")),
]
