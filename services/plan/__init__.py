"""The ward's plan and its tasks: structure, editing, progress, due dates, dashboard figures,
sample data, and the task/progress Excel sheets. May import models, services.office, services.safety,
services.xlsx and the kernel, plus two leaves of other rooms: accounts.access (who records
progress) and scores.dto (how criterion codes are written).
"""
