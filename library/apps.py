from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """The public side of the programme: its overview, a page per participating region and the
    library of approved plans, with no login. It reads the programme only through
    `masterplan.published` (the one rule for what is public), so it never sees a draft."""

    name = "library"
    verbose_name = _("Pustaka publik")
