"""The database plumbing: engine and sessions, schema revisions and Alembic migrations, start-up,
data-folder paths and shared-folder pragmas. May import models and the kernel; start-up and the
engine install the rooms above them (sample data, audit, access), imported where installed.
"""
