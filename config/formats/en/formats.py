# One date format per language, 24-hour times (settings.FORMAT_MODULE_PATH). Django's English default
# ("Dec. 1, 2026, 10:41 p.m.") ends in a period, which doubled up at the end of sentences.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1
