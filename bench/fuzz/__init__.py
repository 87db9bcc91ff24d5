"""Helpers of ``bench/fuzz_bench.py``: a pool of worker processes that run generated cases
in-process and report what broke (``pool``); minimal reproductions land in ``failures/``."""
