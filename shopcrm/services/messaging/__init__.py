"""Messaging: SMS and email to customers.

``providers`` sends (Kavenegar, SMTP, or a test file); ``sms_text`` knows SMS lengths,
the opt-out line and quiet hours. Templates, campaigns and the outbox build on these.
"""
