"""Backups of the book: take, verify, rotate, restore; the start-up check; diagnostics."""
