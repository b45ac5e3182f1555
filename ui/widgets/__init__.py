"""widgets of the window."""
