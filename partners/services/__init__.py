"""Writes of the partners stage, one module per part (`mou`, …); import from the module."""
