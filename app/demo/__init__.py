"""The demo site: a deterministic, realistic warehouse for first start, tests and benchmarks."""
