"""Domain logic of ParDesk: Qt-free services over the SQLAlchemy models.

Every public service method is one unit of work (one transaction) and returns plain
dataclasses, never live ORM objects, so the UI cannot lazy-load after the session closed.
"""
