"""The ministry's dashboard pages: the staff home (the national dashboard) and the lists and
exports behind its figures."""
