"""Pure rules of the field: Persian text, Iranian phones, Jalali dates, amounts.

Nothing here touches Qt or the database; every function is plain data in, plain data out,
and bad input raises ``shopcrm.errors.InvalidInput`` with a code.
"""
