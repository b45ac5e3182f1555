"""Customers and their visits: add, edit, trash, merge, duplicates, the counter, the demo book."""
