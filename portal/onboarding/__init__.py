"""Onboarding for new employees: reads, writes and views."""
