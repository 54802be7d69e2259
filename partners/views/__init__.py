"""Partner-stage pages, one module per part: MoU, mentoring (assignments, Bimtek)."""
