"""Writes to master plans. Every status change goes through `workflow.plan_move`."""
