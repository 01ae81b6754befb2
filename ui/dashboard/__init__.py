"""Widgets of the Tổng quan (dashboard) area."""
