"""Content import from Markdown files with YAML front matter (SPEC §4.2)."""
