"""ShopCRM: the customer book without Qt.

Nothing in this package imports PySide6 or ``ui``; a test enforces it.
"""

__version__ = "0.1.0"
