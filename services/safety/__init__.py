"""Data safety: backups (manual, automatic), restore, the audit trail with its labels and export,
health checks, lock messages, the NFC guard, transfer between databases, legacy TCVN3/VNI text.
May import models, services.store, services.xlsx and the kernel; the change-log labels read the
other rooms' vocabularies, the change-log names read the plan's outline numbering
(services.plan.records) and the documents' periods and types, and the health check reads the
evidence store's file naming.
"""
