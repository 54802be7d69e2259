"""Demo master plans: Kota Bandung approved and enacted (with quick-win progress), Kab. Sukoharjo
resubmitted after a revision (two versions, open review comments), and a handful of 2018 regions
in the other states. Every move goes through the workflow services, as a region, a mentor and
the ministry would make it; a plan that already exists is left alone, so running it again
changes nothing.

Bandung's dates are counted back from the day the demo is seeded (approved about five months
ago), so its quick wins are mid-course on the follow-up page: some on track, one late.
"""

from .content import BANK, STRATEGIES, TEXT_DEFAULTS
from .plans import seed_bandung, seed_masterplans, seed_others, seed_sukoharjo

__all__ = [
    "BANK",
    "STRATEGIES",
    "TEXT_DEFAULTS",
    "seed_bandung",
    "seed_masterplans",
    "seed_others",
    "seed_sukoharjo",
]
