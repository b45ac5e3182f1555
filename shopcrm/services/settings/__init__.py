"""Settings helpers: the database choice for the next start and the live checks (SMS, SMTP,
database).
"""
