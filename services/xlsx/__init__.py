"""Excel files read and written safely: the defensive reader every importer uses, legacy-text
conversion of cells, and shared styles and page set-up. May import the shared kernel and
services.safety.legacy_text only.
"""
