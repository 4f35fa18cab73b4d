"""One's own notices (通知): the filters of the list, notices shown grouped, marking them read, and
the channels one receives them through. The page and the API read the same filters.

Each notice stays a row of its own in the app: it has its own key (what keeps a replayed step from
storing it twice), its own kind (what the filters choose by) and its own read state; an API client
gets the rows as they are. The page shows the notices to one person about one item within the merge
window together, under one heading, as the channels send them as one message (``delivery``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from responsibility.models import ResponsibilityItem

from .channels import CHANNELS, channels
from .delivery import merge_window
from .models import Notification, NotificationPreference

PAGE_SIZE = 50
READ_STATES = [("", gettext_lazy("全部")), ("unread", gettext_lazy("未读")), ("read", gettext_lazy("已读"))]


class NoticeFilter(forms.Form):
    # The API reads the same parameters (api.serializers.NotificationQuerySerializer).
    kind = forms.ChoiceField(
        label=gettext_lazy("类型"), choices=[("", gettext_lazy("全部")), *Notification.Kind.choices], required=False
    )
    state = forms.ChoiceField(label=gettext_lazy("状态"), choices=READ_STATES, required=False)


def mine(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def filtered(notices: QuerySet[Notification], kind: str = "", unread: bool | None = None) -> QuerySet[Notification]:
    if kind:
        notices = notices.filter(kind=kind)
    if unread is not None:
        notices = notices.filter(read_at__isnull=unread)
    return notices


def mark_read(notices: QuerySet[Notification]) -> int:
    """Those of ``notices`` still unread are read now (a notice read before keeps its time)."""
    return notices.filter(read_at__isnull=True).update(read_at=timezone.now())


@dataclass
class NoticeGroup:
    """Notices to show together: one, or several about one item within the merge window."""

    notices: list[Notification]

    @property
    def first(self) -> Notification:
        return self.notices[0]

    @property
    def merged(self) -> bool:
        return len(self.notices) > 1

    @property
    def item(self) -> ResponsibilityItem | None:
        return self.first.item

    @property
    def unread(self) -> list[Notification]:
        return [notice for notice in self.notices if notice.read_at is None]

    @property
    def title(self) -> str:
        if not self.merged:
            return self.first.title
        return _("关于“%(item)s”的%(count)s条通知") % {"item": self.item, "count": len(self.notices)}


def grouped(notices: list[Notification]) -> list[NoticeGroup]:
    """Notices, newest first, in groups as the channels send them: those about one item stored
    within the merge window of the group's first (``delivery``); a notice about no item alone. Each
    group stands where its newest notice stands."""
    window, groups, open_groups = merge_window(), [], {}
    for notice in reversed(notices):
        group = open_groups.get(notice.item_id) if notice.item_id else None
        if group is not None and notice.created_at - group.notices[-1].created_at <= window:
            group.notices.insert(0, notice)
            continue
        group = NoticeGroup([notice])
        groups.append(group)
        if notice.item_id:
            open_groups[notice.item_id] = group
    return sorted(groups, key=lambda group: (group.first.created_at, group.first.pk), reverse=True)


# --- the channels one receives notices through -----------------------------------------------------


class ChannelChoiceForm(forms.Form):
    """Which of the configured channels a person receives; the in-app list always has everything."""

    channels = forms.MultipleChoiceField(
        label=gettext_lazy("接收渠道"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, person, **kwargs) -> None:
        self.person = person
        self.preference = NotificationPreference.objects.filter(person=person).first()
        muted = set(self.preference.muted_channels) if self.preference else set()
        self.configured = channels()
        kwargs.setdefault("initial", {"channels": [c.name for c in self.configured if c.name not in muted]})
        super().__init__(*args, **kwargs)
        self.fields["channels"].choices = [(c.name, self.label(c)) for c in self.configured]

    def label(self, channel) -> str:
        if channel.reaches(self.person):
            return str(channel.label)
        return _("%(channel)s（目前无法送达您：未填写邮箱、手机号或渠道未配置）") % {"channel": channel.label}

    def save(self) -> NotificationPreference:
        chosen = set(self.cleaned_data["channels"])
        earlier = self.preference.muted_channels if self.preference else []
        # A channel turned off while it was configured stays off if the office configures it again.
        kept = [name for name in earlier if name in CHANNELS and name not in {c.name for c in self.configured}]
        muted = [*kept, *(c.name for c in self.configured if c.name not in chosen)]
        preference, _created = NotificationPreference.objects.update_or_create(
            person=self.person, defaults={"muted_channels": muted}
        )
        return preference
