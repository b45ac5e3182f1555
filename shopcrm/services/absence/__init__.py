"""Who is slipping away: absent and overdue lists, segments (RFM), VIP, retention, birthdays, win-
back and the follow-up log.
"""
