"""The database plumbing: engine and sessions, schema revisions and Alembic migrations, start-up,
data-folder paths and shared-folder pragmas. May import models and the shared kernel only
(start-up installs the safety and access hooks, imported where they are installed).
"""
