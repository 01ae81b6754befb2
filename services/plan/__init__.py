"""The ward's plan and its tasks: structure, editing, progress, due dates, dashboard figures,
sample data, and the task/progress Excel sheets. May import models, services.office, services.safety,
services.store, services.xlsx and the shared kernel (errors, text, vocab, jobs).
"""
