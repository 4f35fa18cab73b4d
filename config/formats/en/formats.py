"""Date formats for the English screens: Dec 31, 2030 and a 24-hour clock, as on the Chinese ones."""

DATE_FORMAT = "M j, Y"
DATETIME_FORMAT = "M j, Y H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "F j"

# A browser's date field sends and shows ISO dates; a form must render its value that way first,
# or the field comes up empty and saving it erases the date.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"]
