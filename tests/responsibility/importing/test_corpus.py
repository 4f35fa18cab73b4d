"""The importer on the corpus of made-up documents (corpus/), in every form an office receives them.

One test per document and form asserts everything the clerk expects of it (corpus/accuracy.py says
what "right" means); one test per form asserts the issue's goal over the whole corpus: ≥ 95% of
headings, items and assignment fields right, every plan title right, no false items.

Where the importer falls short today the case is marked xfail(strict=True) with what is wrong: when
an engineer fixes it, the test passes, strict xfail turns that into a failure, and the marker goes.
Numbers per form: ``bench/import_accuracy.py`` (bench/README.md). PDFs are made with LibreOffice
once and kept in ~/.cache/luoshi-corpus; scans (OCR, minutes) only with LUOSHI_CORPUS_SCAN=1.
"""

from __future__ import annotations

import datetime
import os
import re
from decimal import Decimal
from functools import cache

import pytest

from responsibility.importing.document import Fields, GuidanceSection, Node, ParsedIndicator, ParsedPlan, Source
from tests.conftest import IN_CI

from .corpus import accuracy, render

SCAN = os.environ.get("LUOSHI_CORPUS_SCAN") == "1"
EXTRA = ("scan",) if SCAN else ()

FORMS = ("txt", "paste", "docx", "pdf")

KNOWN: dict[tuple[str, str], str] = {
    # Indicators are outside the issue's 95 % goal. A meeting held at a cadence ("每月召开1次例会") is
    # read as a working routine, not a target; this clerk counts one ("每季度召开1次政企恳谈会").
    **{("d26", fmt): "每季度召开1次 gives no indicator" for fmt in FORMS},
    # Fourth held-out set (d51–d60): written without reading the importer, expectations committed
    # before the first run (bench/heldout4-first-run.txt); every form of it is right since its fixes.
    # Fifth held-out set (d61–d66): written the same way, first run kept as bench/heldout5-first-run.txt;
    # every form of it is right since its fixes.
    # Sixth held-out set (d67–d74): written the same way, first run kept as bench/heldout6-first-run.txt;
    # every form of it is right since its fixes.
    # Seventh held-out set (d75–d82): written the same way, first run kept as bench/heldout7-first-run.txt;
    # every form of it is right since its fixes.
    # Eighth held-out set (d83–d90): written the same way, first run kept as bench/heldout8-first-run.txt;
    # every form of it is right since its fixes.
    # Tenth held-out set (d99–d106): written the same way, first run kept as bench/heldout10-first-run.txt;
    # every text form of it is right since its fixes (bench/heldout10-after-fixes.txt).
    # Eleventh held-out set (d107–d114): written the same way, first run kept as bench/heldout11-first-run.txt;
    # every text form of it is right since its fixes (bench/heldout11-after-fixes.txt).
    # Twelfth held-out set (d115–d122): written the same way, first run kept as bench/heldout12-first-run.txt;
    # every text form of it is right since its fixes (bench/heldout12-after-fixes.txt), d117's PDF since
    # a header's words spilled line by line and a merged cell cut by a rule are mended (pdf.py).
    # Thirteenth held-out set (d123–d130): written the same way, first run kept as bench/heldout13-first-run.txt;
    # every form of it is right since its fixes (bench/heldout13-after-fixes.txt).
    # Fourteenth held-out set (d131–d138): written the same way, first run kept as bench/heldout14-first-run.txt;
    # every form of it is right since its fixes (bench/heldout14-after-fixes.txt), d134's PDF since a narrow cell's
    # names one a line are kept apart (layout.listed_names).
    # Fifteenth held-out set (d139–d146): written the same way, first run kept as bench/heldout15-first-run.txt;
    # every form of it is right since its fixes (bench/heldout15-after-fixes.txt), d140's PDF since a unit's name a
    # line break cut inside is mended (fields._mend_cut_names), but this.
    ("d143", "pdf"): "a box-drawn table (┌─┬─┐ │ ├─┼─┤) as LibreOffice's PDF gives its text: the cells' padding "
    "dropped or made tabs and each drawn line cut again after a cell (│1│…新│区住建局 / │\t│ / ││增…), so no "
    "line keeps its row's │ bars and cells; the text forms are read (text_tables._box_table), the PDF would "
    "need the rows from the glyphs' positions (pdf.py)",
    # Sixteenth held-out set (d147–d154): written the same way, first run kept as bench/heldout16-first-run.txt;
    # every form of it is right since its fixes (bench/heldout16-after-fixes.txt).
    # Seventeenth held-out set (d155–d162): written the same way, first run kept as bench/heldout17-first-run.txt;
    # every form of it is right since its fixes (bench/heldout17-after-fixes.txt), but these.
    **{
        ("d155", fmt): "d155's “全县4座病险水库主体工程须在主汛期前完工” gives no indicator: the count names what the "
        "work is done to, as the sentence's subject (全县 + 4座 + noun), and fields.find_indicators reads a "
        "count after an act or a bound (完成, 达到, 不少于), not one standing first (indicators are outside the "
        "issue's goal)"
        for fmt in FORMS
    },
    ("d159", "pdf"): "on the pages after the first LibreOffice draws the repeated two-row header one line "
    "high: its narrow cells' words, wrapped a character a line (总投资, 2026年计划投资, 包抓县领导), overflow into the "
    "rows under it (“（二）产业发展项目\t资\t领”, “（三）社称会民生项模目”, 4200投0资): "
    "two category headings are read wrong (pdf.py would have to give a repeated header's "
    "overflowing lines back to the header, by its repeated words)",
    # Eighteenth held-out set (d163–d170): written the same way, first run kept as bench/heldout18-first-run.txt;
    # every form of it is right since its fixes (bench/heldout18-after-fixes.txt), d164's PDF since a line that
    # ends short before a character held to its slash goes on (“32微” / “克/立方米”, layout._broke_early).
    # Nineteenth held-out set (d171–d178): written the same way, first run kept as bench/heldout19-first-run.txt;
    # every form of it is right since its fixes (bench/heldout19-after-fixes.txt).
    # Twentieth held-out set (d179–d186): written the same way, first run kept as bench/heldout20-first-run.txt;
    # every form of it is right since its fixes (bench/heldout20-after-fixes.txt).
    # Twenty-first held-out set (d187–d194): written the same way, first run kept as bench/heldout21-first-run.txt;
    # every form of it is right since its fixes (bench/heldout21-after-fixes.txt).
    # Twenty-second held-out set (d195–d202): written the same way, first run kept as bench/heldout22-first-run.txt;
    # every form of it is right since its fixes (bench/heldout22-after-fixes.txt).
    # Twenty-third held-out set (d203–d210): written the same way, first run kept as bench/heldout23-first-run.txt;
    # every form of it is right since its fixes (bench/heldout23-after-fixes.txt), d203's PDF since a line that
    # ends short before a character held to its slash goes on, as d164's.
    # Twenty-fourth held-out set (d211–d218): written the same way, first run kept as bench/heldout24-first-run.txt;
    # every form of it is right since its fixes (bench/heldout24-after-fixes.txt).
    # Twenty-fifth held-out set (d219–d226): written the same way, first run kept as bench/heldout25-first-run.txt;
    # every form of it is right since its fixes (bench/heldout25-after-fixes.txt), but d221's PDF.
    ("d221", "pdf"): (
        "the ToUnicode maps of LibreOffice's PDF name ㉑ and neither ㉒ nor ㉓: pdfplumber reads ㉑ for all "
        "three (pdfium reads them right), so items ㉒ and ㉓ are found numbered ㉑"
    ),
    # Twenty-sixth held-out set (d227–d234): written the same way, first run kept as bench/heldout26-first-run.txt;
    # every form of it is right since its fixes (bench/heldout26-after-fixes.txt).
    # Twenty-seventh held-out set (d235–d242): written the same way, first run kept as bench/heldout27-first-run.txt;
    # every form of it is right since its fixes (bench/heldout27-after-fixes.txt).
    # Twenty-eighth held-out set (d243–d250): written the same way, first run kept as bench/heldout28-first-run.txt;
    # every form of it is right since its fixes (bench/heldout28-after-fixes.txt), but d243's PDF.
    ("d243", "pdf"): (
        "the fixed-width table's lines are wider than the page: LibreOffice's PDF wraps each row onto a second "
        "line and its text loses the two-space gaps between columns (序号工作任务, 各 / 街道办事处), so no "
        "column is left to read and the document is refused"
    ),
    # Twenty-ninth held-out set (d251–d258): written the same way, first run kept as bench/heldout29-first-run.txt;
    # every form of it is right since its fixes (bench/heldout29-after-fixes.txt).
    # Thirtieth held-out set (d259–d266): written the same way, first run kept as bench/heldout30-first-run.txt;
    # every form of it is right since its fixes (bench/heldout30-after-fixes.txt), d266's text forms since the
    # 28th set's fixed-width tables are read, but d266's PDF.
    ("d266", "pdf"): "as d243's: LibreOffice's PDF of a space-aligned table loses the two-space gaps between its "
    "columns, so no column is left to read and the document is refused",
    # Thirty-first held-out set (d267–d274): written the same way, first run kept as bench/heldout31-first-run.txt;
    # every form of it is right since its fixes (bench/heldout31-after-fixes.txt) and the lead's two calls
    # (d271's 全年 is the year's end, d273's title keeps its （修订稿）, as earlier documents read them).
    # Thirty-second held-out set (d275–d282): written the same way, first run kept as bench/heldout32-first-run.txt;
    # every form of it is right since its fixes (bench/heldout32-after-fixes.txt) and the lead's calls on d277's and
    # d282's titles (the item's sentence with its dates, as d223's) and d282's 指导/汇总 units (in no role).
    # Thirty-third held-out set (d283–d290): written the same way, first run kept as bench/heldout33-first-run.txt;
    # every form of it is right since its fixes (bench/heldout33-after-fixes.txt) and the lead's call (d289's
    # 主责单位 is the responsible unit, as fields.RESPONSIBLE_ROLES reads 主责).
    # 34th held-out set (d291–d298): written the same way, first run kept as bench/heldout34-first-run.txt;
    # every form of it is right since its fixes (bench/heldout34-after-fixes.txt) and the lead's call on
    # d296 (a title runs to its full stop, as accuracy.py's rule reads it).
    # 35th held-out set (d299–d306): written the same way, first run kept as bench/heldout35-first-run.txt;
    # every form of it is right since its fixes (bench/heldout35-after-fixes.txt) and the lead's fix of d304
    # (targets in several columns, and a second column named for the task).
    # 36th held-out set (d307–d314): written the same way, first run kept as bench/heldout36-first-run.txt;
    # every form of it is right since its fixes (bench/heldout36-after-fixes.txt) and the lead's fix of d311's
    # @mentions (their spaces lost in the PDF too).
    # 37th held-out set (d315–d322): written the same way, first run kept as bench/heldout37-first-run.txt;
    # every form of it is right since its fixes (bench/heldout37-after-fixes.txt), d319 since the 36th set's fix
    # (a matrix legend of marks, tables.mark_legend).
    # 38th held-out set (d323–d330): written the same way, first run kept as bench/heldout38-first-run.txt;
    # every form of it is right since its fixes (bench/heldout38-after-fixes.txt), d324's count in 182个村（社区）
    # 服务站 since the 58th set's fix (an aside in brackets does not end the counted noun).
    # 39th held-out set (d331–d338): written the same way, first run kept as bench/heldout39-first-run.txt;
    # d334, d335 and d336 are right in every text form at the first run, d331, d332 and d337 since its fixes
    # (bench/heldout39-after-fixes.txt), d338 since the 57th set's (its year is the one its 整改时限 cells name).
    **{
        ("d333", fmt): "39th held-out set: 选送100名社区干部 gives no indicator"
        for fmt in ("txt", "md", "paste", "docx", "pdf")
    },
    # 40th held-out set (d339–d346): written the same way, first run kept as bench/heldout40-first-run.txt;
    # every form of it is right since its fixes (bench/heldout40-after-fixes.txt), but d342's PDF.
    ("d342", "pdf"): (
        "LibreOffice's PDF of the 责任单位 cell “各镇（街道）” over “区应急管理局” (item 3) reads as one line, "
        "各镇（街道）区应急管理局, with no break between the two names: one lead unit, no cooperating unit"
    ),
    # 41st held-out set (d347–d354): written the same way, first run kept as bench/heldout41-first-run.txt;
    # every form of it is right since its fixes (bench/heldout41-after-fixes.txt), d348 since the 40th set's
    # task cards, d351 since the lead's fix (a requirements part whose only date is one to report by is guidance).
    # 42nd held-out set (d355–d362): written the same way, first run kept as bench/heldout42-first-run.txt;
    # d355 is right in every form but the scan at the first run, d357, d359, d361 and
    # d362 since its fixes (整改任务 as the task column beside a merged-down site, ㈠ as a number, 每周六 goes on,
    # 预计参与人次 a target, a letter's title).
    **{
        ("d356", fmt): (
            "42nd held-out set: the **bold** lead unit inside a 责任单位 cell, with a legend line saying so, is "
            "not read where the reader drops the ** (every unit of the cell becomes responsible); docx and PDF keep "
            "the ** as text, a mark the legend defines (legend.mark_legend), and are read"
        )
        for fmt in ("md", "txt", "paste")
    },
    **{
        ("d358", fmt): "42nd held-out set: indicators only, 100%销号 gives none and 20件（套） reads as gte 20件"
        for fmt in ("txt", "paste", "docx", "pdf")
    },
    **{
        ("d360", fmt): (
            "42nd held-out set: its run-in tasks are items since the fixes, but the task due "
            "“8月8日前后集中开展、8月31日前完成” gets no deadline (two dates) and 新培训…300名 reads as gte"
        )
        for fmt in ("txt", "paste", "docx", "pdf")
    },
    # 43rd held-out set (d363–d370): written the same way, first run kept as bench/heldout43-first-run.txt;
    # d366, d368 and d370 are right in every form at the first run and d365 as .md. Fixed since: d363, d365,
    # d367, d369, and d364's units. Left: d364's 1.2亿元 opens its sentence as the subject ("区级配套资金1.2亿元
    # 分两批拨付"), the shape the importer reads as what an item covers (12个老旧小区), no target.
    **{
        (doc, fmt): "43rd held-out set: a sum that opens its sentence is read as no target"
        for doc, forms in (("d364", FORMS),)
        for fmt in forms
    },
    # 44th held-out set (d371–d378): written the same way, the commonest forms (a 红头 印发 notice over 工作要点
    # or 实施方案, a 任务分解表 and a 工作台账 workbook, a 责任分工 in Markdown tables, a 目标责任书, a 督办通知, a
    # 会议通知 that is no plan); first run kept as bench/heldout44-first-run.txt. d371, d373, d375 and d378 are
    # right in every form at the first run, d374 in every form but the PDF. Fixed since: d372, d374's PDF and
    # d377 (bench/README.md, "After fixing the 44th held-out set's causes"), d376 since the 58th set's fix: in a
    # 目标责任书 the year as a span opening any clause of a target its 乙方 pledges gives the year's end, where
    # d06, d41, d63, d67, d69, d83, d88 and d93 (plans of tasks, 考核细则) expect none of the same shape.
    # 46th held-out set (d387–d394): written the same way, first run kept as bench/heldout46-first-run.txt;
    # d394 is right in every form but the scan at the first run. Fixed since: d387, d388, d390, d391, d392,
    # d393, and d389's units and flag. Left: d389's item 1 names two by-dates in its sentences ("8月31日前全部
    # 开工，年底前完成主体改造"), read as stages with no deadline.
    **{
        (doc, fmt): "46th held-out set: an item's two by-dates in its sentences give no deadline"
        for doc, forms in (("d389", FORMS),)
        for fmt in forms
    },
    # 47th held-out set (d395–d402): written the same way, first run kept as bench/heldout47-first-run.txt;
    # d398 and d399 are right in every form but the scan at the first run, d395, d396, d397 and d400 since its
    # fixes (bench/heldout47-after-fixes.txt), d401 since the lead read a first-leads rule stated for lists of
    # several units only (a unit alone stays responsible). Left: d402's stretch target, the lead's call.
    **{
        ("d402", fmt): (
            "47th held-out set, the lead's call: 确保60家次、力争80家次 is expected as two targets; find_indicators "
            "and test_fields read a 力争 figure after another of the same target as its stretch goal: it stays in "
            "the item's text, no second indicator"
        )
        for fmt in ("txt", "paste", "docx", "pdf")
    },
    # 48th held-out set (d403–d410): written the same way, typical documents (a 区委 工作要点 with its fields in a
    # closing bracket, a 巡察整改方案 with its 整改任务清单, a 民生实事 and a 责任清单 workbook, a 专项行动方案, a
    # 督办通知单, a 社区 plan by months, a 工作总结 that is no plan); first run kept as
    # bench/heldout48-first-run.txt. d403, d405, d406 and d410 are right in every form but the scan, d404 since its
    # title was read by the corpus's precedent (the organ's line over 关于… is the sender; the lead's call), d407,
    # d408 and d409 since their fixes (bench/heldout48-after-fixes.txt).
    # 45th held-out set (d379–d386): written the same way, typical documents; first run kept as
    # bench/heldout45-first-run.txt. Every form of d379–d382 and d384–d386 is right at the first run, d383
    # since the lead's fix (a body of the sender's own organ following the work up is guidance).
    # 49th held-out set (d411–d418): written the same way, typical documents; first run kept as
    # bench/heldout49-first-run.txt. Every form of d411–d413 and d415–d418 is right at the first run but
    # the scan, d414 since its fix (bench/heldout49-after-fixes.txt): a group's column taken for the task
    # gives way to the tasks' sentences under a target's header, 分值 or not.
    # 51st held-out set (d427–d434): written the same way, novel shapes (two plans issued by one notice, a 督办台账
    # with a two-row header and quarterly progress columns, a workbook of two worksheets, 会议纪要 items numbered
    # through the topics, units in 【】 before each task, deadlines given later by item number, a table typed with
    # ｜, a report on comments that is no plan); first run kept as bench/heldout51-first-run.txt. d427 and d434 are
    # right in every form but the scan, d429 in every form but the .xlsx. d429's .xlsx, d430, d431 and d433 since
    # the fixer's fixes (bench/heldout51-after-fixes.txt), d432 since its schedule's lines that name the items by
    # number give their deadlines (bench/heldout53-after-fixes.txt).
    # d428's title keeps its （截至2025年9月30日） as d276 keeps （截至6月30日） (the lead's call, one convention);
    # its PDF is left: LibreOffice repeats the header on each page and the narrow columns' upright header text
    # spills over the first rows, splitting 二、 into two cells (pdf._without_repeated_header strips spilled
    # words only at a line's start).
    ("d428", "pdf"): "51st held-out set: a repeated PDF header's upright text spills over the first rows",
    # 53rd held-out set (d443–d450): written the same way, in shapes the corpus did not have yet; first run kept
    # as bench/heldout53-first-run.txt. d449 and d450 are right in every form but the scan at the first run,
    # d447 as .txt and pasted; d444 since its fix (dot leaders are a tail's gap), d445 and d447 in every form since
    # their fixes; d446 as .xlsx, pasted and .docx since the 50th set's fix for a table set on its side; d443 since
    # its 责任分工 lines, keyed by the tasks' quoted titles, give them their fields.
    ("d446", "pdf"): "53rd held-out set: the PDF splits the side table's first key 责任单位 over two rows",
    # d448 is right as .md, .txt and pasted since its fix (a pandoc grid table is read as a table). Its Word form
    # is the corpus's rendering, which knows pipe and tab tables only (render.blocks_of_text): each | line of a grid
    # table becomes a Word table of its own, the +--- rules paragraphs between them.
    **{
        ("d448", fmt): "53rd held-out set: the corpus's Word rendering makes each | line of a grid table a table "
        "of its own between paragraphs of +--- rules"
        for fmt in ("docx", "pdf")
    },
    # 50th held-out set (d419–d426): written the same way, in shapes the corpus did not hold yet (a section's
    # fields in a closing 以上各项 line, a Markdown table's stacked two-row header, 壹 贰 叁 parts with unlabelled
    # trailing departments and dates, deadlines only in a closing schedule table, 一） 1） numbers, a transposed
    # workbook, a completion date split into 月 and 日 columns); first run kept as bench/heldout50-first-run.txt.
    # d424 (a 交通管制通告, no plan) is right in every form at the first run, d420 and d426 since the stacked
    # header's fixes (bench/heldout50-table-after-fixes.txt). d425's table set on its side is read since then
    # (forms.by_columns), all but one indicator; that one (86所…全部完成“明厨亮灶”改造, a count before a quoted
    # name) since the 66th set's fixes (f66).
    # d419, d421, d422 and d423 since the text fixes (bench/README.md, the 50th set's text causes).
    # 52nd held-out set (d435–d442): written the same way, typical documents (a 县委办 县政府办 notice over the
    # 《政府工作报告》重点任务分解方案, a 街道 党风廉政建设 责任清单, a 创建全国文明城市 and a 安全生产 workbook, a 镇
    # 防汛工作方案, a 区市场监管局 工作要点, a 优化营商环境 list in Markdown tables, a 督查通报 that is no plan);
    # first run kept as bench/heldout52-first-run.txt. d436, d437, d439, d440, d441 and d442 are right in every
    # form but the scan at the first run, d438 since its fix (a unit's own bracket before the colon,
    # bench/heldout52-after-fixes.txt), d435 since the lead's call: 全年 opening an item's only sentence gives the
    # year's end, as d322 and d376 expect (its .json amended).
    # 55th held-out set (d459–d466): written the same way, in shapes the corpus did not hold yet (an e-mail
    # hard-wrapped every 30 characters with 2025.6.30 dates, items whose fields are given by note marks 〔注1〕 in a
    # list at the end, a scan's text layer with stray spaces between characters, a bilingual Chinese-English
    # Markdown list, a workbook whose merged header groups 事项 | 具体内容 with 6/30 dates, a bar-chart workbook whose
    # last ■ month is the deadline, a noticeboard checklist □ 1. with → field lines, a 一次性告知单 that is no plan);
    # first run kept as bench/heldout55-first-run.txt. d459 is right in every form but the scan at the first run,
    # d460–d466 since their fixes (bench/heldout55-after-fixes-w55a.txt, -w55b, -w55c, heldout54-after-fixes-w54b.txt).
    # 54th held-out set (d451–d458): written the same way, typical documents (a 街道党工委 工作要点 with closing
    # brackets of fields, a 区 重点项目推进计划 and a 市 审计整改台账 workbook, a 县 乡村振兴 任务清单 as tab rows, a 镇
    # 平安建设 考核细则, a 区教育局 工作计划 in Markdown with a 月份工作安排, a 县政府常务会议纪要, a 表彰通报 that is
    # no plan); first run kept as bench/heldout54-first-run.txt. d451–d453, d456 and d458 are right in every form
    # but the scan at the first run, d454, d455 and d457 since their fixes (bench/heldout54-after-fixes-w54a.txt,
    # -w54b.txt).
    # 56th held-out set (d467–d474): written the same way, typical documents (a 镇政府 红头 印发 notice over
    # its 政府工作要点 with closing brackets of fields, a 县 优化营商环境 任务分解表 and a 街道 安全生产 责任清单
    # workbook, a 区 垃圾分类 实施方案 with field lines under each task, a 县督查室 督办通知, a 县 与 乡 河湖长制
    # 目标责任书, a 乡党委 党建工作要点 in Markdown, a 街道 工作总结 that is no plan); first run kept as
    # bench/heldout56-first-run.txt. d472's 乙方, named only in its preface's sentence, answers for every target
    # since its fix (bench/heldout56-after-fixes-w56.txt): it reads as a plan, its 一、工作目标 keeps its three
    # targets; and target （三）'s deadline since the 58th set's fix (a 目标责任书's 全年 opening a later clause of a
    # pledged target gives the year's end, bench/heldout58-after-fixes-w58.txt).
    # 57th held-out set (d475–d482): written the same way, in shapes the corpus did not hold yet
    # (a 巡察反馈 整改清单 of 问题N： blocks with label lines for 整改措施, 整改时限, 整改责任领导,
    # 整改责任单位 and 整改责任人; items whose 责任领导 and 责任人 carry phone numbers; a scan's text
    # with a running header and a page number on every page and an item split over a page break;
    # a 项目化管理 list in Markdown whose last 季度里程碑 gives the deadline; a workbook whose task
    # column stands after the deadline and units; a 整改清单 workbook with ★/☆ unit columns and no
    # year in its title; a collaboration platform's task export with 任务分组 lines; a 12345 热线
    # 工单 that is no plan); first run kept as bench/heldout57-first-run.txt. d475, d476, d479 and
    # d482 are right in every form but the scan; d477 and d481 since their fixes (a running header atop
    # the pages and a keeping-mark line are no part of the title; a group line heads its tasks:
    # bench/heldout57-after-fixes-w57a.txt), d478 and d480 since theirs (bench/heldout57-after-fixes-w57b.txt:
    # an item's last 季度里程碑 stage gives its deadline, a plan with no year in its title, 文号 or date is of the
    # year most of its deadlines name).
    # 58th held-out set (d483–d490): written the same way, typical documents (a 街道党工委 and 办事处 红头
    # 印发 notice over a 基层治理工作要点 with closing brackets of fields, a 县 消防安全 任务分解表 workbook with
    # category rows, a 区教育局 “双减” 责任清单 workbook with a 类别 column merged down, a 县食安办 实施方案 with
    # field lines under each task, a 区 督查交办单 with 承办单位/协办单位/办结时限 lines, a 镇 与 村 耕地保护
    # 目标责任书, a 区民政局 工作要点 in Markdown with field sub-bullets, a 会议通知 that is no plan); first run
    # kept as bench/heldout58-first-run.txt. d483, d485, d487, d489 and d490 are right in every form but the scan,
    # d484, d486 and d488 since its fixes (bench/heldout58-after-fixes-w58.txt): a count after 对 whose noun runs
    # on past an aside in brackets or into 检测 is what the work is done on (对全县186所学校（幼儿园）食堂开展检查);
    # a 目标责任书's 全年 opening a later clause of a pledged target gives the year's end.
    # 59th held-out set (d491–d498): written the same way, in shapes the corpus did not hold yet (a
    # 常务会议 交办事项 list of 【交办事项】【承办单位】【办结时限】 labels on one line, the lead marked （牵头）; a
    # 工作方案 whose items carry no fields, given by a trailing 分工表 keyed by 序号; a 工作要点 in Markdown
    # split into 年度任务 and 长效任务 with 常态化 deadlines and blockquote field lines; a 问题整改清单 of
    # unlabelled three-line blocks problem / measure / units and date; ①②③ items under （一）; a staircase
    # workbook of 一级任务 and 二级任务 rows in separate columns; a workbook whose deadlines are 第N周
    # counted from a start date in a note row; a 座谈会纪要 that is no plan); first run kept as
    # bench/heldout59-first-run.txt. d493, d495 and d498 are right in every form but the scan. Fixed since
    # (w-w59a): d491 (a task label such as 【交办事项】 or 工作任务： opening an item's line is no word of its title;
    # a square label cut by a line break is rejoined; 不少于30日 counts days) and d496 (2000核 counts cores);
    # (w-w59b): d492's trailing 分工表 gives items 1–12 their fields by 序号 (保障措施's （一）–（三） no longer
    # make the numbers ambiguous), d494's third lines give their units and 长期坚持, 督促企业 no unit;
    # (w-w59c): d497's 完成周次 is a deadline column, its 第N周 (and 第3—6周) the Sunday of that week counted from
    # the first week the note states, 持续推进 going on.
    # 60th held-out set (d499–d506): written the same way, typical documents (a 镇政府 红头 印发 notice over
    # its 森林防灭火工作要点 with closing brackets of fields, a 区医保局 全民参保扩面 任务分解表 workbook with
    # category rows and 序号 running on, a 乡 禁毒 责任清单 workbook with a 责任领导 column and month deadlines,
    # a 县 就业创业 实施方案 with 指导思想/工作目标 and field lines under items grouped by （一）–（四）, a 县信访
    # 联席办 挂牌督办 notice whose fields stand on one line separated by full-width spaces, a 街道 与 社区 养老服务
    # 目标责任书 with points in brackets, a 区水务局 河道保洁 plan in Markdown with ### item headings and field
    # bullets, a 好差评 通报 that is no plan); first run kept as bench/heldout60-first-run.txt. d499, d501, d502,
    # d504 and d506 are right in every form but the scan; d500 is right but pasted. Fixed since (w-f60,
    # bench/heldout60-after-fixes-f60.txt): d503 (a deadline label of 时限/期限 after any act, 化解时限, ends the
    # field before it), d505 (将28条河道划分为45个段: the first count is read, its things made into the second's)
    # and d500 pasted (a blank 牵头单位 beside a filled 责任单位 is no cell merged down).
    # 61st held-out set (d507–d514): written the same way, in shapes the corpus did not hold yet (items
    # numbered 1-1, 1-2, 2-1 under 一、 headings; a 责任清单 laid out units first, each unit a heading over its
    # tasks; a workbook of one worksheet per category, each repeating the title, a 类别： row and the header; a
    # Markdown table whose 完成时限 reads 2025.09 or 2025-Q3; a field line 牵头：…｜配合：…｜时限：… after each
    # item; a 进度安排 附表 workbook of 1月…12月 columns ticked ✓; deadlines named by the stages that a later
    # 实施步骤 dates; a 政策问答 of 问：/答： pairs copied from a web page, no plan); first run kept as
    # bench/heldout61-first-run.txt. d507, d510, d511, d512 and d514 are right in every form but the scan; d508,
    # d509 and d513 since their fixes (fourth session).
    # 62nd held-out set (d515–d522): written the same way, typical documents (a 县退役军人事务局 红头 印发 notice
    # over its 工作要点 with closing brackets led by 责任股室, a 乡 秸秆禁烧 工作方案 with field lines under each
    # task, a 区 爱国卫生 工作要点 in Markdown with a pipe table per section, a 县政府办 燃气安全 notice that is the
    # plan itself with one ；-joined field line under each task, a 市司法局 普法 工作要点 three levels deep, a 县
    # 地质灾害防治 任务分解表 workbook with a 工作类别 column merged down, a 区 建议提案 交办表 workbook, a 国庆 值班
    # notice that is no plan); first run kept as bench/heldout62-first-run.txt. d515, d516, d517, d519 and d520
    # are right in every form but the scan; d518 and d522 since the fixes of branch w-f62; d521 since the lead read
    # its 主办单位 as lead (d195, d199, d214), where its writer had read responsible.
    # 63rd held-out set (d523–d530): written the same way, in shapes the corpus did not hold yet (the units
    # given per unit by item numbers in a closing 责任分工, 县水利局：牵头第1、2项；负责第5项; a 部署会 slide deck
    # exported as text, 幻灯片 N lines and headings repeated with （续）; an online document's revisions in
    # Markdown strikethrough; deadlines as countdown codes D-30前 / D日 / D+3前 from a race day; each item followed
    # by its own two-row field table; a workbook whose 完成时限 are real Excel date cells, a month typed alone
    # stored as its first day; a project workbook whose category rows hold subtotals under a 合计 row; a 招聘公告
    # that is no plan); first run kept as bench/heldout63-first-run.txt. d530 is right in every form but the
    # scan, d528 in every form but its own workbook. Fixed since (w-f63b, bench/heldout63-after-fixes-f63b.txt):
    # d524 (幻灯片 N lines are layout, a 目录 without pages lists no entries, a heading marked （续） goes on, a
    # 工作回顾 is guidance) and d525 (struck text is deleted text); d526, d528 and d529 are right but the scan since
    # the fixes of branch w-f63c (bench/heldout63-after-fixes-f63c.txt); d523 and d527 since the fixes of branch
    # w-f63a (bench/heldout63-after-fixes-f63a.txt).
    # 64th held-out set (d531–d538): written the same way, typical documents in topics and wordings the corpus
    # did not hold yet (a 区科技局 红头 印发 notice over its 工作要点 with closing brackets
    # 责任科室/协同单位/时间节点 and dates without 前 (2025年10月底, 三季度末, 年内); a 镇 防溺水 实施方案 three
    # levels deep whose sub-headings' （牵头单位：…） give their items the lead; a 街道 电动自行车 整治方案 with
    # 牵头：配合：时限： field lines and month-only deadlines; a 县卫健局 与 镇卫生院 基本公卫 目标责任书 with
    # 甲方/乙方 lines above the preface; a 区档案馆 工作要点 in Markdown with bold title sentences and quarter /
    # half-year deadlines; a 县 高标准农田 任务分解表 workbook numbering afresh under each category; a 街道
    # 平安建设 目标任务清单 workbook with 配合： in its 备注 column; a 继续教育公需科目 notice that is no plan);
    # first run kept as bench/heldout64-first-run.txt. d531, d532, d533 and d536 are right in every form but
    # the scan; d534, d535, d537 and d538 since the fixes of branch w-f64.
    # 65th held-out set (d539–d546): written the same way, NOVEL shapes offices send that the corpus did not
    # hold yet (a 区政府 报告 submitting its 工作方案 upward with 签发人 on the 文号's line; a 县 重大项目“四个一”
    # 包保清单 workbook with 项目业主/包保县领导/责任单位/包保干部 columns; a 县 镇（街道）综合考核细则 workbook whose
    # 考核部门 column names the scorer; a 区 “揭榜挂帅” 榜单 in Markdown with 榜单一： headings and 揭榜单位/挂帅领导/
    # 协同单位 bullets; a 县 三年行动计划 whose items end in year-labelled milestone lines (2023年：… 2025年：…) and no
    # 完成时限; a 区 督查检查考核计划 with a 督查检查对象 column; a 区委改革办 改革任务清单 with 参与单位 and 成果形式
    # columns; a 权责清单 that is no plan); first run kept as bench/heldout65-first-run.txt. d540, d541, d544 and
    # d545 are right in every form but the scan; d539, d542, d543 and d546 since the fixes of branch w-f65.
    # 66th held-out set (d547–d554): written the same way, TYPICAL documents in topics and wordings the corpus
    # did not hold yet (a 县人大常委会办公室 红头 印发 notice over its 工作要点 with 责任部门/完成时间
    # brackets and month-only dates; a 区统计局 工作要点 in Markdown whose items carry nested-bullet field
    # lines 责任股：…；时间安排：…; a 县 审计查出问题整改任务分解表 workbook with the problem's column before
    # the task's; a 镇 与 村 粮食安全目标责任书 naming the parties inside its preface; a 街道 网格化 实施方案
    # with 牵头科室/协同科室/责任主体/时间节点 lines; a 区 河湖长制 重点任务清单 workbook with unmerged category
    # rows and a 区级河湖长 column; a 县妇联 工作要点 whose comma headings end in （责任部室：…）; a 培训班
    # notice that is no plan); first run kept as bench/heldout66-first-run.txt. d547, d551, d552 and d554 are
    # right in every form but the scan; d548 and d553 since the lead's call amended their expectations to the
    # corpus's majority reading (时间安排：每月 is ongoing; 全年 opening a later clause of an item's sentence gives
    # no deadline in a plan of tasks).
    # 69th held-out set (d571–d578): written the same way, TYPICAL documents of towns, a village, a school and
    # hospitals in topics the corpus did not hold yet (a 镇 红头 印发 notice over its 移风易俗和殡葬改革 工作要点
    # with （一） items and closing brackets; a 县人民医院 医疗质量安全 实施方案 with 牵头部门/配合部门/完成时间
    # field lines and a 三、保障措施 of （一）–（三）; a 小学 近视防控 工作计划 in Markdown with 责任部门/配合部门
    # brackets; a 村 清廉村居 任务清单 with 责任主体/责任人 field lines; a 镇卫生院 notice over its 家庭医生签约
    # 实施方案 with 牵头科室/责任科室/配合科室 brackets; a 街道 老年助餐 任务清单 workbook; a 县中医医院 改善就医感受
    # 任务分解表 workbook with numbered categories merged down; a 征兵 通告 that is no plan); first run kept as
    # bench/heldout69-first-run.txt. d571, d574, d575, d576 and d577 are right in every form but the scan;
    # d572, d573 and d578 since the fixes of branch w-f69 (bench/heldout69-after-fixes-f69.txt): titled measures
    # under a guidance name stay guidance when one names units or a date, a bound on a share of a whole
    # ("不超过…的30%") is the comparator's, a 通告 is announced to the public.
    # 68th held-out set (d563–d570): written the same way, NOVEL shapes offices send that the corpus did not
    # hold yet (a 区政府 notice adjusting the 领导班子成员 division of work, 分管/联系 lines under each leader, that
    # is no plan; a 县 农村公路 实施方案 whose sub-headings close with a group sentence assigning the items above by
    # number, 以上第1—3项由X牵头，Y负责，…前完成; a 镇 人居环境 实施方案 with one field line per item, three fields
    # apart by full-width spaces in new label words 主办单位/协办单位/起止时间 and start–end ranges; a 街道党工委
    # 党建工作计划 in Markdown under unnumbered quarter headings 第一季度（1—3月） that give the deadline, units in a
    # tail ——X负责; a 区 提振消费 方案 with the units inside the sentence, 由X会同Y…, X负责，Y配合; a 县 营商环境
    # 责任清单 whose lead is marked by ★ after its name with a legend line; a 街道 workbook with 开始时间 and 完成时间
    # columns; a 区 workbook grouped by unit, the unit column first and merged down); first run kept as
    # bench/heldout68-first-run.txt. d563, d569 and d570 are right in every form but the scan; d566 and d564 as
    # .pdf since the fixes of branch w-f68b, d564, d567 and d568 since those of branch w-f68a.
    **{
        (short, fmt): f"68th held-out set, first run: not yet fixed ({why})"
        for short, (why, forms) in {
            "d565": (
                "主办单位 is read as the lead, where this clerk reads the responsible unit (the corpus's 建议提案 "
                "lists d195, d199, d206 and d214 read it as the lead, d521 alone as responsible: the majority kept): "
                "12 of 24 fields a form; the full-width-spaced field line and 起止时间's range are read since f68b",
                ("txt", "paste", "docx", "pdf"),
            ),
        }.items()
        for fmt in forms
    },
    # 67th held-out set (d555–d562): written the same way, TYPICAL documents in topics and wordings the corpus
    # did not hold yet (a 县气象局 红头 印发 notice over its 工作要点 with 责任科室/配合单位/完成时限
    # brackets; a 区 社会信用体系建设 工作方案 whose items end in a bracket of units only, the deadline
    # inside the sentence; a 县供销社 工作要点 in Markdown with comma-parted brackets 责任科室：…，时限：10月底;
    # a 区 普法依法治理 工作要点 of one-sentence items running through; a 县政府 与 县残联 目标责任书 with
    # 甲方/乙方 lines and 其他 as guidance; a 县 公共文化服务 任务分解表 workbook with 类别 merged down; a 区
    # 动物防疫 目标任务分解表 workbook with 责任股室/责任人 columns; a 住房公积金 缴存基数 notice that is no
    # plan); first run kept as bench/heldout67-first-run.txt. d555, d556, d557, d558, d559, d561 and d562 are
    # right in every form but the scan; d560 since the lead's fix (storage measures in Latin letters, TB).
    # 70th held-out set (d579–d586): written the same way, TYPICAL documents in topics and wordings the corpus
    # did not hold yet (a 县水利局 红头 印发 notice over its 小型水库 工作要点 as pasted from Word, blank
    # lines and full-width indents, items 1．–8． with 责任股室/配合单位/完成时限 brackets; a 街道 加装电梯
    # 工作方案 in Markdown as an online editor exports it, ## **一、…** bold headings, &emsp; indents, bold
    # item titles; a 镇 农村供水 实施方案 with 牵头单位/配合单位/完成时限 field lines; a 区图书馆 全民阅读
    # 工作计划 with 责任部门/配合部门/时间 brackets; a 县 无偿献血 工作要点 with 1、 items; a 镇 农村住房安全
    # 季度推进表 workbook with four quarter milestone columns and no deadline column; a 区 停车难治理 任务分解表
    # workbook with 序号 restarting; a 非遗 名录 公布 notice that is no plan); first run kept as
    # bench/heldout70-first-run.txt. d579 and d581 are right in every form but the scan, d580 since its fix
    # (Markdown's emphasis in text that is not a .md file, f70a), d582, d583, d585 and d586 since f70b's.
    **{
        (short, fmt): f"70th held-out set, first run: not yet fixed ({why})"
        for short, (why, forms) in {
            "d584": (
                "持续开展 in every quarter column is read as the last quarter's end, 2027-12-31, not ongoing: 1 "
                "deadline a form; as .pdf 镇村镇建设办 is also split in two, 镇村 and 镇建设办 (4 leads)",
                ("xlsx", "paste", "docx", "pdf"),
            ),
        }.items()
        for fmt in forms
    },
}

# Expectations whose titles the quote test cannot find in their text although the clerk reads them there.
QUOTE_KNOWN: dict[str, str] = {
    "d205": "a winter-spring plan of 2025 whose deadlines fall in 2026 (春节前, 汛期前, 五月份): the clerk reads "
    "them in the document, but not in its year and not written as dates",
    # Twenty-eighth held-out set (d243–d250): its fixed-width table wraps a long cell onto a continuation
    # line within its column, so task 2's title and the unit 区市场监管局 are split across two lines.
    "d243": "28th held-out set: a fixed-width table's wrapped cells split task 2's title and 区市场监管局 across lines",
    "d264": "a school plan of the 2023 academic year whose 第一学期末 is the end of January 2024: the clerk reads "
    "it in the document, but not in its year and not written as a date",
    "d543": "a three-year plan of 2023 (2023—2025年) whose items are due at the end of their last milestone year: "
    "the clerk reads 2024年：… and 2025年：… in the document, but not in its year and not written as a date",
}

GOAL_KNOWN = {
    "scan": "OCR errors on top of the PDF's",
}


# --- what must be installed ---------------------------------------------------------------------


def _need(reason: str) -> None:
    if not reason:
        return
    if IN_CI:
        pytest.fail(f"CI=true and {reason}: this test must run in CI, not be skipped")
    pytest.skip(reason)


def _need_for(fmt: str) -> None:
    if fmt in ("pdf", "scan"):
        _need(accuracy.missing_libreoffice())
    if fmt == "scan":
        from responsibility.importing import ocr

        _need("Tesseract with Chinese is not installed" if ocr.missing() else "")


@cache
def _measured(name: str, fmt: str) -> accuracy.Score:
    return accuracy.measure(accuracy.document(name), fmt)


def _cases():
    for doc in accuracy.documents():
        for fmt in accuracy.formats_of(doc, EXTRA):
            if fmt == "scan":
                # What OCR reads depends on Tesseract's version and data, not only on the importer:
                # a strict marker would flip with the machine.
                marks = [pytest.mark.xfail(strict=False, reason="OCR: " + GOAL_KNOWN["scan"])]
            else:
                reason = KNOWN.get((doc.short, fmt))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(doc.name, fmt, id=f"{doc.short}-{fmt}", marks=marks)


def _formats() -> list[str]:
    seen: list[str] = []
    for doc in accuracy.documents():
        seen.extend(fmt for fmt in accuracy.formats_of(doc, EXTRA) if fmt not in seen)
    return seen


def _goal_cases():
    for fmt in _formats():
        reason = GOAL_KNOWN.get(fmt, "")
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(fmt, id=fmt, marks=marks)


# --- the corpus, imported -----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt"), list(_cases()))
def test_document_imports_as_the_clerk_reads_it(name, fmt):
    _need_for(fmt)
    score = _measured(name, fmt)
    failures = "\n".join(f"[{f.kind}] line {f.line}: expected {f.expected} | got {f.got}" for f in score.failures[:30])
    assert score.perfect, f"{name} as {fmt}: {len(score.failures)} expectations missed\n{failures}"


@pytest.mark.parametrize("fmt", list(_goal_cases()))
def test_totals_meet_the_goal_of_issue_14(fmt):
    _need_for(fmt)
    # A document KNOWN to fail in this form is held by its own strict xfail above; the goal is the rest's,
    # so that a held-out set's first run (refused documents, titles missed) does not hide the others'.
    docs = [
        doc
        for doc in accuracy.documents()
        if fmt in accuracy.formats_of(doc, EXTRA) and (fmt == "scan" or (doc.short, fmt) not in KNOWN)
    ]
    totals = accuracy.Totals(fmt, [_measured(doc.name, fmt) for doc in docs])
    assert not totals.goal_misses(), f"{fmt}: {'; '.join(totals.goal_misses())}"


# --- the corpus itself ----------------------------------------------------------------------------


def test_the_corpus_has_the_documents_the_issue_asks_for():
    docs = accuracy.documents()
    plans = [doc for doc in docs if not doc.expected["not_a_plan"]]
    patterns = {pattern for doc in docs for pattern in doc.expected["patterns"]}
    assert len(docs) >= 16
    assert 1 <= len(docs) - len(plans) <= len(docs) // 8  # a few documents that are not plans among many
    assert patterns >= {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
    assert {doc.expected["year"] for doc in docs} >= {2021, 2022, 2023, 2024, 2025, 2026}
    assert {doc.kind for doc in docs} == {"text", "md", "sheet"}


def _quote_cases():
    for doc in accuracy.documents():
        reason = QUOTE_KNOWN.get(doc.short)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(doc.name, id=doc.name, marks=marks)


@pytest.mark.parametrize("name", list(_quote_cases()))
def test_the_expectations_quote_their_document(name):
    """A typo in an expectation would pass for an importer's mistake: every title, unit and 文号 the
    clerk wrote down is in the document, up to spaces and punctuation."""
    doc = accuracy.document(name)
    text = accuracy.norm(doc.text() + "\n" + _box_cells_read_down(doc.text()))
    expected = doc.expected
    assert accuracy.norm(expected["doc_number"]) in text
    if expected["tree"] is None:
        return
    assert accuracy.norm(expected["title"]) in text
    quoted = [expected["title"]]
    for node in accuracy.expected_nodes(expected["tree"]):
        quoted.append(node.title)
        quoted.extend(unit for key in ("lead", "responsible", "cooperating") for unit in node.spec.get(key, []))
        deadline = node.spec.get("deadline", "")
        assert deadline in ("", "ongoing") or _in_year_or_written(deadline, expected["year"], text, doc.text())
    assert [q for q in quoted if accuracy.norm(q) not in text] == []


BOX_BAR = re.compile(r"[│┃║]")


def _box_cells_read_down(text: str) -> str:
    """Each cell of a box-drawn table (┌─┬─┐ │ ├─┼─┤ └─┴─┘) as the clerk reads it: its pieces on the
    lines of its row joined, one cell a line. Written here, not taken from the importer, so that the
    quote test stays the expectations' own check (a cell wraps 清淤管│…│网不少于120公里 over two lines)."""
    cells: list[str] = []
    row: list[str] = []
    for line in [*text.splitlines(), ""]:
        if BOX_BAR.search(line) and line.strip()[:1] in "│┃║":
            for column, piece in enumerate(BOX_BAR.split(line.strip())[1:-1]):
                row.extend([""] * (column + 1 - len(row)))
                row[column] += piece.strip()
            continue
        cells.extend(row)  # a rule or any other line ends the row
        row = []
    return "\n".join(cells)


def _in_year_or_written(deadline: str, year: int, text: str, raw: str) -> bool:
    """A deadline falls in the document's year, or the document writes it out with its own year (the
    last stage of "分阶段推进，2024年11月底前…，2025年1月20日前…"; a month's last day as the month,
    "2018年1月底前", or as year.month in the raw text, "2027.06", "2027-6")."""
    date = datetime.date.fromisoformat(deadline)
    month_end = (date + datetime.timedelta(days=1)).month != date.month
    year_month = re.compile(rf"(?<![\d.\-/]){date.year}[.\-/]0?{date.month}(?![\d.\-/])")
    return (
        date.year == year
        or f"{date.year}年{date.month}月{date.day}日" in text
        or (month_end and (f"{date.year}年{date.month}月" in text or bool(year_month.search(raw))))
    )


def test_every_document_renders_as_word_with_its_tables():
    import io

    from docx import Document as WordDocument

    for doc in accuracy.documents():
        word = WordDocument(io.BytesIO(render.docx_bytes(doc)))
        has_table = doc.kind == "sheet" or any(isinstance(b, list) for b in render.blocks_of_text(doc.text()))
        assert bool(word.tables) == has_table, doc.name


# --- the measure can fail -------------------------------------------------------------------------


def _node(spec: dict, year: int) -> Node:
    deadline = spec.get("deadline", "")
    fields = Fields(
        lead_units=list(spec.get("lead", [])),
        responsible_units=list(spec.get("responsible", [])),
        cooperating_units=list(spec.get("cooperating", [])),
        deadline=None if deadline in ("", "ongoing") else datetime.date.fromisoformat(deadline),
        ongoing=deadline == "ongoing",
    )
    indicators = [
        ParsedIndicator(
            "x",
            Decimal(str(i["value"][0] if isinstance(i["value"], list) else i["value"])),
            i["unit"],
            i.get("comparator", "gte"),
        )
        for i in spec.get("indicators", [])
    ]
    children = [_node(child, year) for child in spec.get("children", [])]
    return Node(spec.get("number") or "", 0, spec["title"], 1, fields=fields, indicators=indicators, children=children)


def _as_the_clerk_reads_it(name: str) -> tuple[accuracy.Document, ParsedPlan]:
    doc = accuracy.document(name)
    expected = doc.expected
    parsed = ParsedPlan(
        Source(name, "txt", []), title=expected["title"], headers={"doc_number": expected["doc_number"]}
    )
    parsed.roots = [_node(spec, expected["year"]) for spec in expected["tree"]]
    parsed.guidance = [GuidanceSection(Node(g["number"], 1, g["title"], 1), 0) for g in expected["guidance"]]
    return doc, parsed


def _score(doc, parsed, looks_like_plan=True) -> accuracy.Score:
    imported = accuracy.Imported(parsed, year_read=doc.expected["year"], looks_like_plan=looks_like_plan)
    return accuracy.compare(doc, "txt", imported)


def test_a_parse_equal_to_the_expectation_is_perfect():
    doc, parsed = _as_the_clerk_reads_it("d01_workpoints_notice_2024")
    score = _score(doc, parsed)
    assert score.perfect, score.failures
    assert score.items == [11, 11] and score.headings == [5, 5] and score.guidance == [2, 2]
    assert score.fields[0] == score.fields[1] == 26


def test_a_missing_item_a_false_item_and_a_wrong_unit_are_counted():
    doc, parsed = _as_the_clerk_reads_it("d01_workpoints_notice_2024")
    section = parsed.roots[0].children[1]
    del section.children[0]  # item 3
    section.children.append(Node("12.", 3, "一条原文没有的事项", 1))
    section.children[0].fields.responsible_units = ["综合执法队"]  # item 4: 综合行政执法队
    score = _score(doc, parsed)
    assert score.items == [10, 11]
    assert score.false_items == 1
    kinds = sorted(f.kind for f in score.failures)
    assert kinds.count("field:responsible") == 2  # item 3 lost, item 4 wrong
    assert "indicator" in kinds and "false item" in kinds


def test_an_item_under_the_wrong_heading_or_a_guidance_section_as_item_is_wrong():
    doc, parsed = _as_the_clerk_reads_it("d01_workpoints_notice_2024")
    moved = parsed.roots[0].children[0].children.pop()  # item 2 …
    parsed.roots[0].children[1].children.insert(0, moved)  # … under (二)
    parsed.roots.insert(0, Node("一、", 1, "总体要求", 1))
    parsed.guidance = []
    score = _score(doc, parsed)
    assert score.items == [10, 11]
    assert score.false_items == 1 and score.guidance == [0, 2]


def test_a_wrong_title_year_or_flag_is_counted():
    doc, parsed = _as_the_clerk_reads_it("d17_short_community_2021")
    parsed.title = "桃林社区居民委员会"
    score = accuracy.compare(doc, "txt", accuracy.Imported(parsed, year_read=2020, looks_like_plan=False))
    assert score.titles == [0, 1] and score.years == [0, 1] and score.flags == [0, 1]
    meeting = accuracy.document("d12")
    assert accuracy.compare(meeting, "txt", accuracy.Imported(parsed, looks_like_plan=True)).flags == [0, 1]
    assert accuracy.compare(meeting, "txt", accuracy.Imported(None, "refused")).flags == [1, 1]
