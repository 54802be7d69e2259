"""`__in` on integer columns that ignores values no integer column can hold, or no integer is.

Django's `exact`, `gt`, `lt`… on an IntegerField already treat an out-of-range value as "matches
nothing" (IntegerFieldOverflow). `__in` does not, and on SQLite the driver cannot even bind an
int beyond 64 bits: a 21-digit id posted into an admin autocomplete field raised OverflowError
while the form was re-rendered (the widget looks the posted ids up with `id__in`). Dropping the
impossible values gives the same answer PostgreSQL gives, on every database. Likewise a posted
text that is no integer at all ("1e309", "NaN") made the same lookup raise ValueError on both
databases; as a value from a form it simply matches nothing (a model form field still refuses it
with its own message).
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


def _is_integer(text: str) -> bool:
    try:
        int(text)
    except ValueError:
        return False
    return True


class IntegerFieldIn(In):
    def get_prep_lookup(self):
        if self.rhs_is_direct_value():
            self.rhs = [v for v in self.rhs if not isinstance(v, str) or _is_integer(v)]
        return super().get_prep_lookup()

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register() -> None:
    """Called once from SmartcityConfig.ready()."""
    IntegerField.register_lookup(IntegerFieldIn)
