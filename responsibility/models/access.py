"""The access log (访问日志): who read what sensitive, when, from where (issue 17, F6)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessRecord(models.Model):
    """One sensitive read or sign-in: a file sent (evidence, export, annual or quarterly document),
    a login, a failed login. Written by responsibility/access_log.py, read by the office."""

    class Kind(models.TextChoices):
        DOWNLOAD = "download", _("下载文件")
        LOGIN = "login", _("登录")
        LOGIN_FAILED = "login_failed", _("登录失败")

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # As typed or as the account was called then: a failed login has no user, a user may go.
    username = models.CharField(_("用户名"), max_length=150, blank=True)
    what = models.CharField(_("对象"), max_length=300, blank=True)
    path = models.CharField(_("地址"), max_length=500, blank=True)
    address = models.GenericIPAddressField(_("来源地址"), null=True, blank=True)
    user_agent = models.CharField(_("客户端"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("访问日志")
        verbose_name_plural = _("访问日志")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["kind", "at"]), models.Index(fields=["username", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.get_kind_display()} {self.what}"
