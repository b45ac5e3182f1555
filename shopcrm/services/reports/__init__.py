"""Reports: the book by Jalali month as plain data (series), headline numbers, and matplotlib
charts.
"""
