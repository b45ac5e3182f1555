"""Services: the work the owner asks for, shared by the window and the command line."""
