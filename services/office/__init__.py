"""The ward office itself: its organisation profile (issuing body, signer, level) and units.
May import models, services.safety and the shared kernel (errors, text, vocab).
"""
