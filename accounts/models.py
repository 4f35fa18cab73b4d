from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PasswordHistory(models.Model):
    """The hash of a password a person had (等保: no reuse of the last few), and when it was set."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    password = models.CharField(max_length=128)
    set_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")
        ordering = ["-set_at", "-id"]

    def __str__(self) -> str:
        return f"{self.person_id}@{self.set_at:%Y-%m-%d}"


class AccountSession(models.Model):
    """The one session an account may have when SINGLE_SESSION is on: a new login ends the old one."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40)

    def __str__(self) -> str:
        return f"{self.person_id}: {self.session_key[:8]}…"
