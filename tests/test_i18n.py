"""English is selectable for real: the catalogue is complete, compiled and current, and the pages speak it.

The msgids are the Chinese screen texts (zh-hans is the default language and has no catalogue of its
own); locale/en holds the English. After changing a screen text, run

    DEBUG=true .venv/bin/python manage.py makemessages -l en --ignore=.venv --ignore=bench --ignore=tests
    DEBUG=true .venv/bin/python manage.py compilemessages -l en --ignore=.venv

and translate what makemessages added.
"""

from __future__ import annotations

import ast
import datetime
import gettext
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.cast import PASSWORD
from tests.workflow.drive import find_task, item_at
from workflow import services
from workflow.models import Notification

BASE = Path(settings.BASE_DIR)
PO = BASE / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")

# Chrome words of the base template that no English page may show (data may be Chinese; these are not data).
CHINESE_CHROME = ["我的待办", "责任清单", "退出", "通知", "落实 · 目标责任督查考核"]


# --- A tiny .po reader ------------------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    line: int = 0

    @property
    def name(self) -> str:
        return f"{self.msgctxt}|{self.msgid}" if self.msgctxt else self.msgid


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header excluded, obsolete (#~) ones marked as such."""
    entries: list[Entry] = []
    entry, target = Entry(), None

    def flush() -> None:
        nonlocal entry, target
        if target is not None and entry.msgid != "":
            entries.append(entry)
        entry, target = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            flush()
            continue
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        if target is None:
            entry.line = number
        entry.obsolete = entry.obsolete or obsolete
        match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line)
        if match:
            keyword, index, literal = match.groups()
            value = ast.literal_eval(literal)
            if keyword == "msgstr":
                target = ("msgstr", int(index or 0))
                entry.msgstr.append(value)
            else:
                target = (keyword, None)
                setattr(entry, keyword, value)
        elif line.startswith('"') and target is not None:
            value = ast.literal_eval(line)
            if target[0] == "msgstr":
                entry.msgstr[target[1]] += value
            else:
                setattr(entry, target[0], getattr(entry, target[0]) + value)
        else:
            raise AssertionError(f"{path}:{number}: cannot read {raw!r}")
    flush()
    return entries


def problems(entries: list[Entry]) -> dict[str, list[str]]:
    live = [e for e in entries if not e.obsolete]
    return {
        "untranslated": [e.name for e in live if not e.msgstr or any(not s for s in e.msgstr)],
        "fuzzy": [e.name for e in live if "fuzzy" in e.flags],
        "obsolete": [e.name for e in entries if e.obsolete],
    }


def gettext_tools() -> list[str]:
    return [tool for tool in ("xgettext", "msgmerge", "msgfmt") if shutil.which(tool) is None]


# --- (a) The English catalogue ----------------------------------------------------------------------


def test_the_english_catalogue_is_complete():
    entries = read_po(PO)
    assert len(entries) > 200, "the catalogue is missing or nearly empty"
    found = problems(entries)
    assert found["untranslated"] == [], f"untranslated entries in {PO}"
    assert found["fuzzy"] == [], f"fuzzy entries in {PO}: check and unmark them"
    header = PO.read_text(encoding="utf-8")
    assert '"Language: en\\n"' in header
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in header
    assert '#, fuzzy\nmsgid ""' not in header, "the header is still marked fuzzy"


def test_translations_keep_every_placeholder():
    for entry in read_po(PO):
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        wanted = set().union(*(PLACEHOLDER.findall(s) for s in sources))
        for text in entry.msgstr:
            assert set(PLACEHOLDER.findall(text)) == wanted, f"{entry.name!r} → {text!r}: placeholders differ"
            assert "{{" not in text and "{%" not in text, f"{text!r}: template syntax in a translation"
        if entry.msgid_plural is not None:
            assert len(entry.msgstr) == 2, f"{entry.name!r}: English needs two plural forms"


def test_the_compiled_catalogue_matches_the_po():
    """The committed .mo is compiled from the committed .po (Django reads only the .mo)."""
    assert MO.exists(), "run compilemessages: locale/en/LC_MESSAGES/django.mo is missing"
    with MO.open("rb") as f:
        catalogue = gettext.GNUTranslations(f)
    for entry in read_po(PO):
        if entry.obsolete:
            continue
        if entry.msgid_plural is not None:
            assert catalogue.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr[0], entry.name
            assert catalogue.ngettext(entry.msgid, entry.msgid_plural, 5) == entry.msgstr[1], entry.name
        elif entry.msgctxt is not None:
            assert catalogue.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr[0], f"stale .mo: {entry.name!r}"
        else:
            assert catalogue.gettext(entry.msgid) == entry.msgstr[0], f"stale .mo: {entry.name!r}"


@pytest.mark.gettext
def test_msgfmt_accepts_the_catalogue():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(PO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


# --- (b), (c) The pages in English and, by default, in Chinese ---------------------------------------


def screen_text(response) -> str:
    """What a reader sees: tags, scripts and styles removed, whitespace collapsed."""
    assert response.status_code == 200, response.status_code
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", page))).strip()


def english(client: Client, next_url: str = "/") -> Client:
    """Choose English the way the header's <select> does."""
    response = client.post(reverse("set_language"), {"language": "en", "next": next_url})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    return client


def logged_in(person, *, language: str | None = None) -> Client:
    client = Client()
    assert client.login(username=person.username, password=PASSWORD)
    if language == "en":
        english(client)
    return client


def assert_shows(text: str, wanted: list[str], unwanted: list[str]) -> None:
    missing = [w for w in wanted if w not in text]
    present = [u for u in unwanted if u in text]
    assert not missing and not present, f"missing {missing}, should not show {present}:\n{text}"


def test_the_language_switch_sets_english_and_goes_back():
    client = Client()
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    page = client.get(reverse("login"))
    assert '<html lang="en">' in page.content.decode()


@pytest.mark.django_db
def test_login_page_in_english():
    text = screen_text(english(Client()).get(reverse("login")))
    assert_shows(text, ["Log in", "Username", "Password", "Luoshi"], ["登录", "用户名", "密码", "落实"])


@pytest.mark.django_db
def test_login_errors_in_english():
    client = english(Client())
    text = screen_text(client.post(reverse("login"), {"username": "nobody", "password": "wrong"}))
    assert "Please enter a correct username and password" in text


def test_empty_my_tasks_page_in_english(cast):
    text = screen_text(logged_in(cast.outsider, language="en").get(reverse("workflow:my_tasks")))
    assert_shows(
        text,
        ["My tasks", "Responsibility list", "Notifications", "Log out", "You have no tasks."],
        [*CHINESE_CHROME, "暂无待办事项"],
    )


def test_my_tasks_with_a_task_in_english(cast):
    item_at(cast, "deploy")
    text = screen_text(logged_in(cast.office, language="en").get(reverse("workflow:my_tasks")))
    assert_shows(
        text,
        ["Task", "Item", "Responsible unit / official", "Deadline", "Deploy (anyone in this post may take it)"]
        + ["To deploy", "Open"],
        [*CHINESE_CHROME, "部署交办", "本岗位人员均可办理", "待部署", "办理", "2030年"],
    )
    assert "Dec 31, 2030" in text


def test_notifications_page_in_english(cast):
    client = logged_in(cast.official, language="en")
    text = screen_text(client.get(reverse("workflow:notifications")))
    assert_shows(text, ["Notifications", "No notifications."], [*CHINESE_CHROME, "暂无通知"])

    Notification.objects.create(recipient=cast.official, kind=Notification.Kind.URGE, title="催办：完善内部制度建设")
    text = screen_text(client.get(reverse("workflow:notifications")))
    assert_shows(text, ["Mark as read and open", "催办：完善内部制度建设"], [*CHINESE_CHROME, "标为已读"])
    assert re.search(r"[A-Z][a-z]{2} \d{1,2}, \d{4} \d{2}:\d{2}", text), "dates follow the English format"


def test_deploy_form_in_english(cast):
    item = item_at(cast, "deploy")
    task = find_task(item, "deploy")
    text = screen_text(logged_in(cast.office, language="en").get(reverse("workflow:task", args=[task.pk])))
    assert_shows(
        text,
        [
            "Deploy",
            "Item",
            "Status",
            "To deploy",
            "Deadline",
            "Dec 31, 2030",
            "Lead leader",
            "Lead unit",
            "Responsible units",
            "Reporting cadence",
            "Quarterly",
            "Deployment note",
            "Confirm deployment",
            "Back",
            "完善内部制度建设",  # the item's title is data and stays Chinese
        ],
        [*CHINESE_CHROME, "部署交办", "牵头领导", "完成时限", "汇报频次", "每季度", "确认交办", "返回", "2030年"],
    )


def test_work_form_and_its_errors_in_english(cast):
    item = item_at(cast, "work")
    task = find_task(item, "work")
    client = logged_in(cast.official, language="en")
    text = screen_text(client.get(reverse("workflow:task", args=[task.pk])))
    assert_shows(
        text,
        [
            "Work and report",
            "Action",
            "Submit a progress report",
            "Claim completion",
            "Request extension",
            "Reporting period",
            "E.g. 2020-03 or 2020Q1",
            "Progress (%)",
            "Evidence",
            "法律咨询 (target ≥ 200起)",
            "Submit",
        ],
        [*CHINESE_CHROME, "办理反馈", "本次操作", "申请办结", "佐证材料", "目标"],
    )
    data = {"action": "extension", "period": "2020-06", "percent_done": "50", "narrative": "x"}
    text = screen_text(client.post(reverse("workflow:task", args=[task.pk]), data))
    assert "An extension request needs a new deadline." in text


def test_item_page_in_english(cast):
    item = item_at(cast, "rectify")
    text = screen_text(logged_in(cast.inspector, language="en").get(reverse("workflow:item", args=[item.pk])))
    assert_shows(
        text,
        [
            "Basic information",
            "Lead leader",
            "Deadline",
            "Dec 31, 2030",
            "Timeline",
            "Deploy",
            "Return for rectification",
            "(To verify → Rectifying)",
            "Progress reports and evidence",
            "Verification",
            "Round 1: Return for rectification",
            "Rectification points: 补充台账 (by",
            "Current step: Rectification (赵所长)",
            "Urge",
        ],
        [*CHINESE_CHROME, "基本信息", "动态", "第1轮", "整改要求", "当前环节", "待核验", "2030年"],
    )


def test_extension_request_in_english(cast):
    item = item_at(cast, "decide_extension")
    text = screen_text(logged_in(cast.office, language="en").get(reverse("workflow:item", args=[item.pk])))
    assert_shows(
        text,
        ["Request extension", "(In progress → Extension requested)", "New deadline: Jun 30, 2031"],
        [*CHINESE_CHROME, "新的完成时限", "申请延期", "2031-06-30"],
    )
    task = find_task(item, "decide_extension")
    text = screen_text(logged_in(cast.office, language="en").get(reverse("workflow:task", args=[task.pk])))
    assert_shows(
        text,
        ["Extension decision", "Approve extension", "Refuse extension", "Extension requested to Jun 30, 2031."],
        [*CHINESE_CHROME, "申请延期至", "2031年"],
    )


def test_hand_over_pages_in_english(cast):
    client = logged_in(cast.office, language="en")
    text = screen_text(client.get(reverse("workflow:posts")))
    assert_shows(
        text, ["Posts and people", "Unit", "Post", "Role", "Holder", "Hand-over"], [*CHINESE_CHROME, "岗位与人员"]
    )
    post = cast.posts["official"]
    text = screen_text(client.get(reverse("workflow:hand_over", args=[post.pk])))
    assert_shows(
        text,
        ["Hand-over: 司法所 司法所所长", "Current holder: 赵所长", "Successor", "Confirm hand-over", "Back"],
        [*CHINESE_CHROME, "人员交接", "现任人员", "接任人员", "确认交接"],
    )


def test_overdue_days_in_english(cast):
    today = timezone.localdate()
    for days, number in [(1, "1."), (3, "2.")]:
        item = cast.item(f"逾期事项{days}", number=number, deadline=today - datetime.timedelta(days=days))
        services.launch(item, cast.office)
    text = screen_text(logged_in(cast.office, language="en").get(reverse("workflow:items")))
    assert_shows(text, ["1 day overdue", "3 days overdue", "To deploy"], [*CHINESE_CHROME, "逾期1天", "天"])


def test_pages_are_chinese_by_default(cast):
    item = item_at(cast, "deploy")
    task = find_task(item, "deploy")
    text = screen_text(Client().get(reverse("login")))
    assert_shows(text, ["登录", "用户名", "密码"], ["Log in", "Username", "Password"])

    client = logged_in(cast.office)
    text = screen_text(client.get(reverse("workflow:my_tasks")))
    assert_shows(
        text, ["我的待办", "责任清单", "通知", "退出", "部署交办 （本岗位人员均可办理）"], ["My tasks", "Log out"]
    )
    text = screen_text(client.get(reverse("workflow:task", args=[task.pk])))
    assert_shows(
        text,
        ["部署交办", "牵头领导", "完成时限", "2030年12月31日", "每季度", "确认交办", "返回"],
        ["Deploy", "Lead leader", "Deadline", "Dec 31, 2030", "Confirm deployment", "Back"],
    )
    text = screen_text(logged_in(cast.official).get(reverse("workflow:notifications")))
    assert_shows(text, ["通知", "暂无通知。"], ["Notifications", "No notifications."])


def test_chinese_can_be_chosen_back(cast):
    client = logged_in(cast.outsider, language="en")
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    text = screen_text(client.get(reverse("workflow:my_tasks")))
    assert_shows(text, ["我的待办", "暂无待办事项。"], ["My tasks"])


# --- (d) The catalogue covers every msgid in the code -------------------------------------------------

SOURCES = ["config", "accounts", "responsibility", "workflow", "assessment", "api", "templates", "locale"]


@pytest.mark.gettext
def test_makemessages_would_add_nothing(tmp_path):
    """Regenerate the catalogue from a copy of the sources: every msgid must already be translated."""
    for name in SOURCES:
        shutil.copytree(BASE / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy2(BASE / "manage.py", tmp_path / "manage.py")
    env = {**os.environ, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    found = problems(read_po(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    hint = "run makemessages (see this module's docstring), translate, compilemessages"
    assert found["untranslated"] == [], f"screen texts without an English translation; {hint}"
    assert found["fuzzy"] == [], f"changed screen texts whose translation msgmerge only guessed; {hint}"
    assert found["obsolete"] == [], f"translations of texts no longer in the code; {hint}"
