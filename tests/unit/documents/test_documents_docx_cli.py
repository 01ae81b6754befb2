"""The editable .docx twin, and the `pdf` command line."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pdfplumber
import pytest

import main
from services.documents.docx import document_docx
from services.documents.model import Heading, Paragraph, Table, closing_mark


def _expected(document) -> list[str]:
    texts = []
    for block in document.blocks:
        if isinstance(block, Heading):
            if block.level == "part":
                texts += [block.label, block.title.upper()]
            elif block.level == "section":
                texts.append(f"{block.label} {block.title.upper()}")
            else:
                texts.append(block.text)
        elif isinstance(block, Paragraph):
            texts.append(block.full_text)
    texts[-1] = closing_mark(texts[-1])
    return texts


@pytest.fixture(scope="module")
def plan_document(sample_template, tmp_path_factory):
    from services.bundle import build_services
    from services.store.db import open_database
    from tests.pg import copy_database, discard_database

    target = copy_database(sample_template, tmp_path_factory.mktemp("docx"))
    db = open_database(target)
    document = build_services(db).documents.plan_document(2025)
    db.dispose()
    discard_database(target)
    return document


def test_docx_reads_back_with_the_same_paragraphs_and_layout(plan_document):
    data = document_docx(plan_document)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        assert {"word/document.xml", "[Content_Types].xml"} <= set(z.namelist())
    word = docx.Document(io.BytesIO(data))
    body = [p.text.replace("\n", " ") for p in word.paragraphs if p.text]
    start = body.index(plan_document.summary) + 1
    assert body[start:] == _expected(plan_document)
    section = word.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert [
        round(x.mm)
        for x in (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ] == [20, 20, 30, 15]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    header, signature = word.tables[0], word.tables[1]
    assert "Số:" in header.cell(1, 0).text and "Dị Sử, ngày" in header.cell(1, 1).text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    assert signature.cell(0, 0).text.startswith("Nơi nhận:")
    assert "Nguyễn Đức Thắng" in signature.cell(0, 1).text
    summary = next(p for p in word.paragraphs if p.text.replace("\n", " ") == plan_document.summary)
    assert all(r.bold for r in summary.runs) and summary.text != summary.text.upper()
    assert summary.text.count("\n") == 1  # the PDF's balanced break
    first_body = next(p for p in word.paragraphs if p.text == _expected(plan_document)[0])
    assert first_body.alignment == 3  # justified
    assert round(first_body.paragraph_format.first_line_indent.cm, 2) == 1.0
    assert all(r.font.name == "Times New Roman" for p in word.paragraphs for r in p.runs)


def test_libreoffice_opens_the_docx_and_lays_it_out_like_the_pdf(plan_document, tmp_path):
    import shutil
    import subprocess

    from services.documents.render import document_pdf

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    source = tmp_path / "ke-hoach.docx"
    source.write_bytes(document_docx(plan_document))
    # A ward PC has Times New Roman; here LibreOffice gets its metric twin, the bundled
    # Liberation Serif, instead of whatever wide serif the machine falls back to.
    fonts = Path(__file__).resolve().parents[3] / "resources" / "fonts"
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{fonts}</dir>"
        '<alias binding="same"><family>Times New Roman</family>'
        "<accept><family>Liberation Serif</family></accept></alias></fontconfig>",
        encoding="utf-8",
    )
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        check=True,
        timeout=120,
        env={**os.environ, "FONTCONFIG_FILE": str(config)},
    )
    with pdfplumber.open(tmp_path / "ke-hoach.pdf") as converted:
        pages = len(converted.pages)
        first = converted.pages[0].extract_text()
        last = converted.pages[-1].extract_text()
    with pdfplumber.open(io.BytesIO(document_pdf(plan_document)[0])) as ours:
        assert abs(pages - len(ours.pages)) <= 1
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "Số:" in first
    assert "Nơi nhận:" in last and "Nguyễn Đức Thắng" in last


def test_report_docx_has_a_landscape_annex_with_its_table(services):
    from datetime import date

    document = services.documents.report_document(2025, "Q2", today=date(2025, 7, 1))
    word = docx.Document(io.BytesIO(document_docx(document)))
    assert len(word.sections) == 2
    annex = word.sections[1]
    assert annex.page_width > annex.page_height
    table = word.tables[-1]
    assert table.rows[0].cells[5].text == "Trạng thái"
    assert "w:tblHeader" in table.rows[0]._tr.xml
    assert len(table.rows) == 1 + len(
        next(b for b in document.annexes[0].blocks if isinstance(b, Table)).rows
    )


def test_cli_pdf_plan_and_report(db_path, tmp_path, capsys):
    out = tmp_path / "ke-hoach.pdf"
    assert (
        main.main(
            [
                "--db",
                str(db_path),
                "pdf",
                "plan",
                "--year",
                "2025",
                "-o",
                str(out),
                "--draft",
                "--docx",
            ]
        )
        == 0
    )
    assert out.with_suffix(".docx").exists()
    with pdfplumber.open(out) as pdf:
        assert "DỰ THẢO" in pdf.pages[0].extract_text()
    report = tmp_path / "bao-cao.pdf"
    assert (
        main.main(
            [
                "pdf",
                "report",
                "--year",
                "2025",
                "--period",
                "Q3",
                "-o",
                str(report),
                "--db",
                str(db_path),
            ]
        )
        == 0
    )
    with pdfplumber.open(report) as pdf:
        assert "BÁO CÁO" in pdf.pages[0].extract_text()
    printed = capsys.readouterr().out
    assert "Đã ghi" in printed and "bao-cao.pdf" in printed


def test_cli_reports_a_bad_period_and_a_missing_year(db_path, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert (
        main.main(
            [
                "--db",
                str(db_path),
                "pdf",
                "report",
                "--year",
                "2025",
                "--period",
                "Q7",
                "-o",
                str(out),
            ]
        )
        == 1
    )
    assert "Kỳ báo cáo “Q7” không hợp lệ" in capsys.readouterr().err
    assert main.main(["--db", str(db_path), "pdf", "plan", "--year", "2031", "-o", str(out)]) == 1
    assert "Chưa có kế hoạch năm 2031" in capsys.readouterr().err
    assert not out.exists()


def test_pdf_group_is_shared_by_later_features():
    from ui.cli import build_parser

    parser = build_parser()
    group = parser._subparsers._group_actions[0].choices["pdf"]
    assert set(group._pardesk_sub.choices) >= {"plan", "report"}
