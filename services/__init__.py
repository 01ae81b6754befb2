"""Domain logic of ParDesk: Qt-free services over the SQLAlchemy models.

Every public service method is one unit of work (one transaction) and returns plain
dataclasses, never live ORM objects, so the UI cannot lazy-load after the session closed.

Rooms (each package's ``__init__`` says what it may import):
- ``plan``: plans, tasks, structure, progress, due dates, dashboard, sample data, task Excel;
- ``office``: the organisation profile and units; ``accounts``: sign-in, roles, access;
- ``legal``, ``scores``, ``disclosure``: the three domain areas; ``documents``: the Decree 30
  document engine (PDF, .docx, outgoing register);
- ``safety``: backup, restore, audit trail, checks, locks, NFC, transfer, legacy text;
- ``store``: engine, sessions, schema and migrations, start-up, paths; ``xlsx``: safe Excel I/O;
- the kernel at the top: ``errors``, ``text``, ``vocab``, ``jobs``, ``version``, and the two
  modules that gather every room: ``bundle`` (the services of one database) and
  ``overview_items`` (what every area asks the office to do now).
"""
