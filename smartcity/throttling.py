"""Login throttling with two limits (django-axes' database handler, extended).

Axes compares one failure count with one limit (AXES_FAILURE_LIMIT). We want a lock after a few
failures for one username from one address (guessing one person's password) and also after more
failures from one address across usernames (password spraying: a few guesses at every account),
with a higher limit so an office behind one NAT address is not locked by a handful of typos.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class UsernameAndAddressHandler(AxesDatabaseHandler):
    """Locks after AXES_FAILURE_LIMIT failures for one username from one address, or after
    AXES_IP_FAILURE_LIMIT failures from one address whatever the usernames.

    Needs AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"], in this order:
    it reads the two counts by position.
    """

    def get_failures(self, request, credentials=None) -> int:
        per_username, per_address = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        # Axes checks `failures >= AXES_FAILURE_LIMIT`: scale the address's count so that it
        # reaches that limit exactly when it reaches AXES_IP_FAILURE_LIMIT.
        scaled = per_address * settings.AXES_FAILURE_LIMIT // settings.AXES_IP_FAILURE_LIMIT
        return max(per_username, scaled)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A good password clears that username's failures from the address, not the address's:
        otherwise one valid account would let a sprayer start over after every few guesses."""
        per_username = self.filter_user_attempts(request, credentials)[0]
        count, _ = per_username.delete()
        return count
