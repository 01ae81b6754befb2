"""Data-safety screens: backups, restore, the user's name and the audit log."""
