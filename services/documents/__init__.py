"""Official documents in the Decree 30/2020 layout (Kế hoạch, Báo cáo) as PDF and .docx.
May import models, services.plan, services.office, services.safety and the kernel; never
legal, disclosure or scores (they build their documents on this engine, not the other way round).

``model`` describes a document as plain data; ``pdf`` lays it out with ReportLab,
``signature_field`` makes the PDF ready for digital signing, ``docx`` writes the editable twin.
Builders (``plan_document``, ``report_document``) turn the database's plan into a description.
Nothing here imports Qt, and ReportLab/pyHanko/python-docx are imported only when rendering.
"""
