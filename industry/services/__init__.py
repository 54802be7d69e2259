"""Writes of industry partners, one module per part (`solutions`, `inputs`)."""
