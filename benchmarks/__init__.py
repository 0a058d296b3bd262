"""Performance benchmarks (SPEC §6), run by `make bench` after the relevance benchmark."""
