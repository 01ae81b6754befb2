"""The ward's explanation of an appraisal round: a numbered Decree 30 report with its annex,
parsed back from the PDF; and the self-assessment report addressed to the Sở Nội vụ."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date

import pdfplumber
import pytest

from services.errors import UserError
from services.scores.explanation_document import ExplanationDocuments


def _pages(pdf: bytes) -> list[pdfplumber.page.Page]:
    return pdfplumber.open(io.BytesIO(pdf)).pages


def _text(page) -> str:
    return unicodedata.normalize("NFC", page.extract_text() or "")


@pytest.fixture
def appraised(services):
    """PAR 2025 self-scored, the province's first appraisal, the ward's explanation of two
    criteria (one with evidence added), and the final round."""
    framework = services.frameworks.load_template("PAR", 2025)
    info = services.frameworks.get(framework.id)
    services.frameworks.set_settings(
        framework.id,
        period_start=date(2025, 7, 1),
        period_end=date(2025, 12, 31),
        decision="Quyết định số 1234/QĐ-UBND ngày 08/9/2025 của Ủy ban nhân dân tỉnh",
        addressee="Sở Nội vụ tỉnh Hưng Yên",
        sipas_link=info.sipas_link,
        adjustment_rule="add",
    )
    rows = {r.code: r for r in services.frameworks.criteria(framework.id)}
    services.assessments.set_scores(
        framework.id, "self", {"PAR.2.1": 2, "PAR.3.2": 2, "PAR.5.1": 2, "PAR.T.1": 1}
    )
    rounds = services.appraisal_rounds
    first = rounds.add_round(
        framework.id, date(2026, 1, 15), reference="Thông báo số 12/TB-SNV ngày 15/01/2026"
    )
    rounds.set_scores(first.id, {"PAR.2.1": 1, "PAR.3.2": 1.5, "PAR.5.1": 2, "PAR.T.1": 0})
    rounds.explain(
        first.id,
        rows["PAR.2.1"].id,
        "Các văn bản ban hành đúng thẩm quyền, trình tự; có sổ theo dõi kèm theo",
        2,
    )
    rounds.explain(
        first.id,
        rows["PAR.T.1"].id,
        "Mô hình “Một cửa thân thiện” được Chủ tịch UBND tỉnh công nhận",
        1,
    )
    return framework, rows, first


def test_explanation_report_is_numbered_and_lists_the_criteria_explained(
    services, appraised, tmp_path
):
    framework, rows, first = appraised
    scan = tmp_path / "quyet-dinh-cong-nhan.pdf"
    scan.write_bytes(b"%PDF-1.4 cong nhan")
    evidence = services.evidence.add_file(
        scan, title="Quyết định công nhận mô hình", doc_date=date(2025, 11, 20)
    )
    services.appraisal_rounds.add_evidence(first.id, rows["PAR.T.1"].id, evidence.id)
    docs = ExplanationDocuments(services.database.session_factory)
    services.documents.register.issue("BC", "BC-UBND", date(2026, 1, 10), "Báo cáo khác")
    entry = docs.number(first.id, date(2026, 1, 20))
    assert entry.reference == "02/BC-UBND"  # the next report number of the year
    assert services.appraisal_rounds.round(first.id).register_reference == "02/BC-UBND"
    with pytest.raises(UserError, match="đã có số 02/BC-UBND"):
        docs.number(first.id, date(2026, 1, 21))
    target = tmp_path / "giai-trinh.pdf"
    docs.write_pdf(first.id, target)
    pages = _pages(target.read_bytes())
    body = re.sub(r"\s+", " ", " ".join(_text(p) for p in pages if p.width < p.height))
    assert "Số: 02/BC-UBND" in body and "ngày 20 tháng 01 năm 2026" in body
    assert "BÁO CÁO" in body
    assert "Giải trình kết quả thẩm định Chỉ số CCHC (PAR INDEX) năm 2025 (lần 1)" in body
    assert "Kính gửi: Sở Nội vụ tỉnh Hưng Yên" in body
    assert "Căn cứ Quyết định số 1234/QĐ-UBND ngày 08/9/2025" in body
    assert "Thông báo số 12/TB-SNV ngày 15/01/2026" in body
    assert "giải trình 2 tiêu chí" in body
    assert "Tiêu chí PAR.2.1" in body and "Đề nghị xem xét 2 điểm" in body
    assert "Tài liệu kiểm chứng bổ sung: Quyết định công nhận mô hình" in body
    assert "PAR.3.2" not in body  # lost points but not explained: not in the report
    annex = [p for p in pages if p.width > p.height]
    assert annex, "the annex is landscape"
    first_annex = _text(annex[0])
    assert first_annex.startswith("Phụ lục")
    assert "(Kèm theo Báo cáo số 02/BC-UBND ngày 20 tháng 01 năm 2026" in re.sub(
        r"\s+", " ", first_annex
    )
    table = [
        [re.sub(r"\s+", " ", unicodedata.normalize("NFC", c or "")).strip() for c in row]
        for page in annex
        for t in page.extract_tables()
        for row in t[1:]
    ]
    assert [r[1] for r in table] == ["PAR.2.1", "PAR.T.1"]
    assert table[0][3:7] == ["2", "2", "1", "2"]  # max, self, appraised, asked
    assert table[1][8] == "Quyết định công nhận mô hình"
    # The evidence added with the explanation joined the criterion's evidence too.
    assert services.assessments.scoreboard(framework.id).line("PAR.T.1").evidence == 1


def test_a_round_with_nothing_explained_prints_nothing(services, appraised):
    framework, _rows, _first = appraised
    final = services.appraisal_rounds.add_round(framework.id, date(2026, 2, 1), is_final=True)
    docs = ExplanationDocuments(services.database.session_factory)
    with pytest.raises(UserError, match="chưa có tiêu chí nào được giải trình"):
        docs.document(final.id)
    assert services.documents.register.entries(2026) == []


def test_self_assessment_report_is_addressed_to_the_so_noi_vu_and_cites_the_decision(
    services, appraised, tmp_path
):
    framework, _rows, _first = appraised
    target = tmp_path / "tu-danh-gia.pdf"
    services.assessments.write_report_pdf(framework.id, target, today=date(2025, 12, 20))
    pages = _pages(target.read_bytes())
    body = re.sub(r"\s+", " ", " ".join(_text(p) for p in pages if p.width < p.height))
    assert "Kính gửi: Sở Nội vụ tỉnh Hưng Yên" in body
    assert "Thực hiện Quyết định số 1234/QĐ-UBND ngày 08/9/2025 của Ủy ban nhân dân tỉnh" in body
    assert "kỳ đánh giá từ ngày 01/07/2025 đến ngày 31/12/2025" in body
    assert "điểm thưởng 1 điểm, điểm trừ 0 điểm" in body
    assert "- Như trên;" in body  # Decree 30: a report with "Kính gửi" lists "Như trên" first


def test_explanation_and_submission_from_the_command_line(
    services, appraised, db_path, tmp_path, capsys
):
    from main import main

    target = tmp_path / "giai-trinh-cli.pdf"
    args = ["--index", "par", "--year", "2025", "--db", str(db_path)]
    assert main(["pdf", "explanation", *args, "--round", "1", "-o", str(target)]) == 0
    assert "Đã ghi Báo cáo giải trình kết quả thẩm định lần 1 PAR năm 2025" in (
        capsys.readouterr().out
    )
    body = re.sub(r"\s+", " ", " ".join(_text(p) for p in _pages(target.read_bytes())))
    assert "Tiêu chí PAR.2.1" in body
    assert main(["pdf", "explanation", *args, "--round", "3", "-o", str(target)]) != 0
    assert "không có lần thẩm định 3" in capsys.readouterr().err
    sheet = tmp_path / "nop.xlsx"
    assert main(["excel", "export", "submission", *args, "-o", str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "cho phần mềm của tỉnh" in out and "PAR.3.2" in out  # self-scored, no evidence


def test_a_cancelled_explanation_number_is_not_printed_and_a_new_one_can_be_given(
    services, appraised
):
    _framework, _rows, first = appraised
    docs = ExplanationDocuments(services.database.session_factory)
    wrong = docs.number(first.id, date(2026, 1, 20))
    services.documents.register.cancel(wrong.id, "Cấp nhầm ngày", "Văn thư")
    assert services.appraisal_rounds.round(first.id).register_reference == ""
    assert docs.document(first.id).header.number is None
    again = docs.number(first.id, date(2026, 1, 22))
    assert again.reference == "02/BC-UBND"  # 01 stays cancelled in the register
