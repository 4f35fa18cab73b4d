"""What the API remembers of a POST so that a repeat gets the first answer (issue 17, F5)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotentRequest(models.Model):
    """One POST of one user under one key: the client's ``Idempotency-Key``, or for a step (report,
    claim, request, rectification, 会办) the fingerprint of what was sent. Stored with its answer
    in the request's own transaction, so a repeat that arrives while the first is still running
    waits for it and then gets its answer."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("幂等键"), max_length=300)
    path = models.CharField(_("地址"), max_length=300)
    status = models.PositiveSmallIntegerField(_("状态码"), null=True)
    body = models.BinaryField(default=bytes)  # the answer's data, as JSON
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("幂等请求")
        verbose_name_plural = _("幂等请求")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_answer_per_user_and_key")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.key}"
