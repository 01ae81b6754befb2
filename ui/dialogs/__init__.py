"""Dialogs: each collects input and hands it to a service; none holds domain logic."""
