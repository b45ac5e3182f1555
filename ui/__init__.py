"""The window: Qt only, over the services of ``shopcrm`` (imports flow ``ui -> shopcrm``).

- ``app_context``: the services and helpers one window needs, handed to widgets by
  constructor (no global application object).
- ``workers``: the one pattern for long work (a generator with progress and cancel on a
  thread pool) and the single database writer thread.
- ``main_window``: navigation between pages; how to add a page is in its docstring.
- ``pages/``, ``dialogs/``, ``models/``, ``widgets/``: what the owner sees.
"""
