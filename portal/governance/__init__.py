"""Collaboration governance: blocks, reads, writes, calendar feeds and views."""
