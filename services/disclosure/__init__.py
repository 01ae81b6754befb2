"""Public disclosure (công khai, Luật 10/2022/QH15 Đ11–14): checklist, plan, compliance, calendar.
May import models, services.office, services.safety, services.xlsx, services.documents, services.scores
(evidence store, PAPI link) and the kernel.
"""
