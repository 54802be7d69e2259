"""One way to write a date across the portal, "7 Des 2026", and a time with its zone, "14.05 WIB"
(issue #13: pages mixed "2018-06-04" and "7 Des 2026"). Date inputs keep ISO values."""

from django.conf.locale.id.formats import *  # noqa: F403

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H.i T"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H.i"
# `<input type="date">` sends ISO; it is tried first.
DATE_INPUT_FORMATS = ["%Y-%m-%d", *DATE_INPUT_FORMATS]  # noqa: F405
