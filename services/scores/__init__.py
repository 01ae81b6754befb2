"""Index self-assessment: frameworks as data, scores, gaps, evidence, SIPAS surveys.
May import models, services.plan (task links), services.office, services.safety, services.xlsx,
services.documents and the kernel.

Decisions worth knowing (see each module for the detail):
- Criteria are data (``index_frameworks`` + ``criteria``), one framework per index per year.
  The three shipped templates (resources/frameworks/*.yaml, from the design note §6) are
  reconstructions: they are loaded only on request (button "Nạp bộ tiêu chí mẫu", or
  ``main.py scores templates --year Y``), never into a new database automatically, and stay
  marked ``is_template`` ("cần kiểm tra") until a criterion is edited or the province's Excel
  table is imported — so nobody mistakes them for the Sở Nội vụ's published figures.
- Only leaves carry typed points; parents are computed at read time (``arithmetic``).
  A not-applicable criterion leaves the maximum; bands are per framework and editable.
- Links criterion ↔ plan task live in ``criterion_task_links`` (``links``); the plan's free-text
  criteria codes are untouched and can be turned into links with ``link_by_code``.
- Evidence files live beside the database in ``evidence/`` named by sha256 (``evidence``);
  the pack ZIP streams them (``evidence_pack``).
- The PDF outputs (the evidence index as PDF, the "Báo cáo tự đánh giá, chấm điểm") belong
  to the shared document engine and are not built here.
"""
