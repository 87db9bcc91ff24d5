"""Regression tests for reported robustness failures: each builds its input, runs the real
command line in a subprocess and checks the outcome the spec asks for."""
