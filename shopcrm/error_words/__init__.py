"""The words for error codes, one module per area of the product: each holds
``WORDS = {code: (Persian, English)}``; ``shopcrm.error_text`` joins them into
``MESSAGES`` (a code is defined once: tests/unit/test_error_words.py) and words
an error with ``describe``."""
