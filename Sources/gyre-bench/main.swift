print("gyre-bench: see Benchmarks")
