#!/usr/bin/env python
"""How long a big plan takes from document to running workflow.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_bench .venv/bin/python bench/import_publish.py --items 1000

Generates a 工作要点 with ``--items`` numbered items (一、 → （一） → 1., each item with its
牵头单位 / 责任单位 / 完成时限 lines), then times, ``--runs`` times: reading and parsing the text,
building the draft plan (names matched to units), the draft's review page as the office opens it
(``plans:review``, apart from the total: the office opens it between the import and publishing), and
publishing it (one workflow process per item, in one transaction), as the office's pages do. Prints
one JSON line with each phase's median.

With ``--pdf-pages N`` (default 50; 0 skips it) the same kind of plan is also set as an office sets
it (16 pt text on a 28 pt line, first lines indented, "- N -" at the foot of each page), turned into
a PDF by LibreOffice (not timed; it must be installed) and cut to exactly N pages; reading that PDF
(``readers.read``: pdfplumber, headers and footers, paragraphs across pages) and parsing it is timed
``--runs`` times, as ``pdf_parse``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lifecycle import configure, vacuum

TAG = "bench-import"
UNITS = ["司法所", "党政办", "综治中心", "平安办", "民政办", "经发办", "城管办", "社事办"]
CN = "一二三四五六七八九十"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pdf-pages", type=int, default=50, help="pages of the PDF whose parse is timed; 0 skips it")
    return parser.parse_args()


def document(n: int) -> str:
    """A plan of ``n`` items, ten to a section, ten sections to a part."""
    lines = [f"{TAG}街道2021年工作要点", "各社区、各内设机构："]
    for index in range(n):
        part, section, item = index // 100, index // 10 % 10, index % 10
        if index % 100 == 0:
            lines.append(f"{_cn(part + 1)}、第{part + 1}部分重点工作")
        if index % 10 == 0:
            lines.append(f"（{_cn(section + 1)}）第{section + 1}方面工作")
        lead, other = UNITS[index % len(UNITS)], UNITS[(index + 3) % len(UNITS)]
        lines += [
            f"{item + 1}.推进第{index + 1}项工作。开展专项活动不少于{item + 2}场次，群众满意率达到95%。",
            f"牵头单位：{lead}",
            f"责任单位：{other}、各社区",
            f"完成时限：2021年{index % 12 + 1}月底前",
        ]
    return "\n".join(lines)


def _cn(number: int) -> str:
    if number <= 10:
        return CN[number - 1]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else CN[tens - 1]) + "十" + (CN[ones - 1] if ones else "")


def cast():
    from responsibility.models import Person, Post, Unit

    street, _ = Unit.objects.get_or_create(parent=None, name=f"{TAG}街道", defaults={"kind": Unit.Kind.ORGANISATION})
    for name in UNITS:
        Unit.objects.get_or_create(parent=street, name=name)
    for index in range(3):
        Unit.objects.get_or_create(parent=street, name=f"{TAG}社区{index}", defaults={"kind": Unit.Kind.COMMUNITY})
    office, _ = Person.objects.get_or_create(username=f"{TAG}-office", defaults={"full_name": "导入员"})
    unit = Unit.objects.get(parent=street, name="党政办")
    Post.objects.get_or_create(unit=unit, title="法治办干事", role=Post.Role.OFFICE, defaults={"holder": office})
    return street, Person.objects.get(pk=office.pk)


def clean(street) -> None:
    from django.contrib.contenttypes.models import ContentType
    from guardian.models import GroupObjectPermission
    from viewflow.workflow.models import Process

    from responsibility import timeline
    from responsibility.models import ResponsibilityItem, WorkPlan
    from workflow.flows import ItemFlow

    ids = list(ResponsibilityItem.objects.filter(plan__organisation=street).values_list("pk", flat=True))
    # Published items have timeline events, which the database refuses to delete outside purge().
    with timeline.purge():
        Process.objects.filter(flow_class=ItemFlow, artifact_object_id__in=ids).delete()
        ct = ContentType.objects.get_for_model(ResponsibilityItem)
        GroupObjectPermission.objects.filter(content_type=ct, object_pk__in=[str(pk) for pk in ids]).delete()
        ResponsibilityItem.objects.filter(pk__in=ids).delete()
        WorkPlan.objects.filter(organisation=street).delete()


def one_run(text: bytes, street, office) -> dict[str, float]:
    from responsibility.importing.build import build_plan
    from responsibility.importing.parse import parse
    from responsibility.importing.readers import read
    from workflow import services

    started = time.perf_counter()
    parsed = parse(read("plan.txt", text), 2021)
    parsed_at = time.perf_counter()
    plan = build_plan(parsed, street, 2021).plan
    built_at = time.perf_counter()
    review, page_bytes = review_page(plan, office)
    publishing_at = time.perf_counter()
    launched = services.publish(plan, office)
    published_at = time.perf_counter()
    assert launched == len(parsed.leaves()), (launched, len(parsed.leaves()))
    return {
        "parse": parsed_at - started,
        "build": built_at - parsed_at,
        "publish": published_at - publishing_at,
        "total": published_at - started - review,
        "review": review,
        "review_bytes": page_bytes,  # not a time: main() reports it apart
    }


def review_page(plan, office) -> tuple[float, int]:
    """Seconds to serve the draft's review page to the office, as its browser asks for it, and its size."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(office)
    started = time.perf_counter()
    response = client.get(reverse("plans:review", args=[plan.pk]), secure=True)
    seconds = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    return seconds, len(response.content)


def pdf_document(pages: int) -> bytes:
    """The generated plan as an office's PDF of exactly ``pages`` pages."""
    items = 6 * pages  # about five items fit on a page: enough to cut from
    lines = document(items).split("\n")
    pdf = _to_pdf(_official_docx(lines))
    return _first_pages(pdf, pages)


def _official_docx(lines: list[str]) -> bytes:
    import io

    from docx import Document
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.size = Pt(16)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    style.paragraph_format.line_spacing = Pt(28)
    style.paragraph_format.first_line_indent = Pt(32)
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run("- ")
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" -")
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _to_pdf(docx: bytes) -> bytes:
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice")
    if not soffice:
        sys.exit("--pdf-pages needs LibreOffice (apt-get install libreoffice-writer-nogui), or --pdf-pages 0")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "plan.docx"
        source.write_bytes(docx)
        profile = f"-env:UserInstallation={(Path(folder) / 'profile').as_uri()}"
        command = [soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", folder, str(source)]
        subprocess.run(command, check=True, capture_output=True, timeout=600)
        return (Path(folder) / "plan.pdf").read_bytes()


def _first_pages(pdf: bytes, pages: int) -> bytes:
    import io

    import pypdfium2

    whole = pypdfium2.PdfDocument(pdf)
    if len(whole) < pages:
        sys.exit(f"the generated PDF has {len(whole)} pages, fewer than {pages}")
    cut = pypdfium2.PdfDocument.new()
    cut.import_pages(whole, list(range(pages)))
    out = io.BytesIO()
    cut.save(out)
    return out.getvalue()


def time_pdf(data: bytes, runs: int) -> dict:
    from responsibility.importing.parse import parse
    from responsibility.importing.readers import read

    seconds, leaves = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        leaves = len(parse(read("plan.pdf", data), 2021).leaves())
        seconds.append(time.perf_counter() - started)
    return {"items_found": leaves, "bytes": len(data), "seconds": [round(value, 3) for value in seconds]}


def main() -> None:
    args = parse_args()
    configure()
    from responsibility import scope

    street, office = cast()
    text = document(args.items).encode()
    runs = []
    for _ in range(args.runs):
        clean(street)
        vacuum()
        # The office user lives across runs; the scope it cached last run knows only last run's plan.
        scope.forget(office)
        runs.append(one_run(text, street, office))
    clean(street)
    page_bytes = [run.pop("review_bytes") for run in runs]
    medians = {phase: round(statistics.median(run[phase] for run in runs), 3) for phase in runs[0]}
    result = {
        "benchmark": "import_publish",
        "items": args.items,
        "runs": args.runs,
        "bytes": len(text),
        "median_seconds": medians,
        "all_total_seconds": [round(run["total"], 3) for run in runs],
        "all_review_seconds": [round(run["review"], 3) for run in runs],
        "review_page_bytes": max(page_bytes),
        "bar_seconds": 10,
        "meets_bar": medians["total"] <= 10,
    }
    if args.pdf_pages:
        pdf = time_pdf(pdf_document(args.pdf_pages), args.runs)
        result["pdf_parse"] = {"pages": args.pdf_pages, **pdf, "median_seconds": statistics.median(pdf["seconds"])}
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
